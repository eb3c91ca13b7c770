/**
 * Loads what a component shows for one key (a record id, a user id) when the component connects,
 * and again whenever the key changes while it is connected: the reload code opportunityKnowledge,
 * winLossComposer and expertProfile each carried. It reports `{ loading, data, error }` through
 * `show`, and drops an answer that arrives after the key has changed again (or after the component
 * left the page), so a slow answer for the previous record never replaces the current one.
 *
 * A list that needs no key (a queue of the viewer's work) passes `{ needsKey: false }`: it loads on
 * connect and on `reload()`.
 *
 * The method names follow the engine's wire adapter protocol (update, connect, disconnect), but
 * components drive it themselves: Salesforce does not support custom wire adapters
 * (docs/decisions/0003-slds-markup-and-hubapi.md).
 */
export class KeyedLoader {
    key;
    connected = false;
    /** Bumped by every load and by disconnect: an answer carrying an older number is stale. */
    generation = 0;

    /**
     * @param {(key: string) => Promise<unknown>} load fetches the data for a key
     * @param {(state: { loading: boolean, data?: unknown, error?: unknown }) => void} show receives every state
     * @param {{ needsKey?: boolean }} [options] without a key, nothing loads unless `needsKey` is false
     */
    constructor(load, show, { needsKey = true } = {}) {
        this.load = load;
        this.show = show;
        this.needsKey = needsKey;
    }

    /** The component's key setter calls this; a new key reloads once connected. */
    update(key) {
        const changed = key !== this.key;
        this.key = key;
        if (changed && this.connected) {
            this.reload();
        }
    }

    connect() {
        this.connected = true;
        this.reload();
    }

    disconnect() {
        this.connected = false;
        this.generation += 1;
    }

    /** Loads the current key again (a retry button, a reload after a conflict); nothing without a needed key. */
    async reload() {
        if (this.needsKey && !this.key) {
            return;
        }
        this.generation += 1;
        const generation = this.generation;
        this.show({ loading: true });
        let state;
        try {
            state = { loading: false, data: await this.load(this.key) };
        } catch (error) {
            state = { loading: false, error };
        }
        if (generation === this.generation) {
            this.show(state);
        }
    }
}

/**
 * The loader of a list component whose hub call needs no key and answers `{ items }`: it keeps the
 * component's `isLoading`, `error` and `items` (undefined after a failure, so the empty state
 * stays for a real empty list).
 */
export function itemsLoader(component, list) {
    return new KeyedLoader(
        () => list(),
        ({ loading, data, error }) => {
            component.isLoading = loading;
            component.error = error;
            if (!loading) {
                component.items = data ? data.items || [] : undefined;
            }
        },
        { needsKey: false }
    );
}
