import { KeyedLoader, itemsLoader } from 'c/keyedLoader';

/** A load whose answers the test releases one by one, in any order. */
function controlledLoad() {
    const pending = [];
    const load = jest.fn(
        (key) =>
            new Promise((resolve, reject) => {
                pending.push({ key, resolve, reject });
            })
    );
    return { load, pending };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('c-keyed-loader', () => {
    it('when the key is set before connecting, then it loads once on connect and shows loading, then the data', async () => {
        const { load, pending } = controlledLoad();
        const show = jest.fn();
        const loader = new KeyedLoader(load, show);

        loader.update('opp-1');
        expect(load).not.toHaveBeenCalled();
        loader.connect();
        expect(load).toHaveBeenCalledWith('opp-1');
        expect(show).toHaveBeenLastCalledWith({ loading: true });

        pending[0].resolve({ name: 'Deal one' });
        await settle();
        expect(show).toHaveBeenLastCalledWith({ loading: false, data: { name: 'Deal one' } });
        expect(load).toHaveBeenCalledTimes(1);
    });

    it('when the key changes while connected, then it loads the new key; the same key again does not reload', async () => {
        const { load } = controlledLoad();
        const loader = new KeyedLoader(load, jest.fn());
        loader.update('opp-1');
        loader.connect();

        loader.update('opp-2');
        loader.update('opp-2');
        expect(load.mock.calls).toEqual([['opp-1'], ['opp-2']]);
    });

    it('when the answer for an older key arrives last, then it is dropped', async () => {
        const { load, pending } = controlledLoad();
        const show = jest.fn();
        const loader = new KeyedLoader(load, show);
        loader.update('opp-1');
        loader.connect();
        loader.update('opp-2');

        pending[1].resolve('second');
        await settle();
        pending[0].resolve('first');
        await settle();
        expect(show).toHaveBeenLastCalledWith({ loading: false, data: 'second' });
        expect(show).not.toHaveBeenCalledWith({ loading: false, data: 'first' });
    });

    it('when the load fails, then it shows the error', async () => {
        const failure = new Error('hub down');
        const show = jest.fn();
        const loader = new KeyedLoader(() => Promise.reject(failure), show);
        loader.update('u-anna');
        loader.connect();
        await settle();
        expect(show).toHaveBeenLastCalledWith({ loading: false, error: failure });
    });

    it('when there is no key, then it loads nothing', () => {
        const load = jest.fn();
        const show = jest.fn();
        const loader = new KeyedLoader(load, show);
        loader.connect();
        loader.update('');
        expect(load).not.toHaveBeenCalled();
        expect(show).not.toHaveBeenCalled();
    });

    it('when disconnected, then a key change does not load and a pending answer is dropped', async () => {
        const { load, pending } = controlledLoad();
        const show = jest.fn();
        const loader = new KeyedLoader(load, show);
        loader.update('opp-1');
        loader.connect();
        loader.disconnect();
        loader.update('opp-2');

        pending[0].resolve('late');
        await settle();
        expect(load).toHaveBeenCalledTimes(1);
        expect(show).toHaveBeenCalledTimes(1);
    });

    it('when reload is called, then it loads the current key again', async () => {
        const { load } = controlledLoad();
        const loader = new KeyedLoader(load, jest.fn());
        loader.update('opp-1');
        loader.connect();
        loader.reload();
        expect(load.mock.calls).toEqual([['opp-1'], ['opp-1']]);
    });

    it('when no key is needed, then it loads on connect and on reload', async () => {
        const load = jest.fn().mockResolvedValue({ items: [] });
        const show = jest.fn();
        const loader = new KeyedLoader(load, show, { needsKey: false });
        loader.connect();
        await settle();
        loader.reload();
        await settle();
        expect(load).toHaveBeenCalledTimes(2);
        expect(show).toHaveBeenLastCalledWith({ loading: false, data: { items: [] } });
    });

    it('when an items loader answers or fails, then the component gets its items, or no items and the error', async () => {
        const component = { items: undefined, isLoading: false, error: undefined };
        const list = jest
            .fn()
            .mockResolvedValueOnce({ items: [{ id: 'a' }] })
            .mockRejectedValueOnce(new Error('down'));
        const loader = itemsLoader(component, list);
        loader.connect();
        expect(component.isLoading).toBe(true);
        await settle();
        expect(component).toEqual({ items: [{ id: 'a' }], isLoading: false, error: undefined });
        loader.reload();
        await settle();
        expect(component.items).toBeUndefined();
        expect(component.error.message).toBe('down');
    });
});
