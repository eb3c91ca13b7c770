import { track, trackLatest } from 'c/loadState';

describe('c/loadState track', () => {
    it('when the task runs, then the component is loading, its old error cleared; after, it is not loading and has the result', async () => {
        const component = { error: new Error('old'), isLoading: false };
        let seenWhileRunning;
        const result = await track(component, async () => {
            seenWhileRunning = { ...component };
            return 42;
        });
        expect(seenWhileRunning).toEqual({ error: undefined, isLoading: true });
        expect(result).toBe(42);
        expect(component).toEqual({ error: undefined, isLoading: false });
    });

    it('when the task fails, then the error is kept on the component and track resolves to undefined', async () => {
        const component = {};
        const failure = { status: 500, body: { message: 'boom' } };
        await expect(track(component, () => Promise.reject(failure))).resolves.toBeUndefined();
        expect(component.error).toBe(failure);
        expect(component.isLoading).toBe(false);
    });

    it('when other field names are given, then those are set instead', async () => {
        const component = { saveError: 'old' };
        await track(component, () => Promise.reject(new Error('no')), { busy: 'saving', error: 'saveError' });
        expect(component.saving).toBe(false);
        expect(component.saveError.message).toBe('no');
        expect(component.isLoading).toBeUndefined();
    });
});

describe('c/loadState trackLatest', () => {
    it('when a newer call overtakes an older one, then only the newer outcome is applied and loading ends with it', async () => {
        const component = {};
        const applied = [];
        let finishOld;
        const old = trackLatest(
            component,
            () => new Promise((resolve) => (finishOld = resolve)),
            (v) => applied.push(v)
        );
        const fresh = trackLatest(
            component,
            () => Promise.resolve('new'),
            (v) => applied.push(v)
        );
        await fresh;
        expect(component.isLoading).toBe(false);
        finishOld('old');
        await old;
        expect(applied).toEqual(['new']);
        expect(component.requestSeq).toBe(2);
    });

    it('when the newest call fails, then the error is set and apply hears of it', async () => {
        const component = { requestSeq: 5 };
        const apply = jest.fn();
        const failure = new Error('down');
        await trackLatest(component, () => Promise.reject(failure), apply);
        expect(apply).toHaveBeenCalledWith(undefined, failure);
        expect(component.error).toBe(failure);
        expect(component.isLoading).toBe(false);
    });
});
