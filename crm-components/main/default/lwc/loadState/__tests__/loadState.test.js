import { track } from 'c/loadState';

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
