/** Unsaved work is kept per item in the tab's sessionStorage, so leaving the page loses nothing. */
const STORE_PREFIX = 'hubContentDraft:';

/**
 * An editor's unsaved form, kept per item (`id`, or `new`) with the version it was based on: it
 * comes back only onto that same version. While some is kept, leaving the page asks first.
 */
export class UnsavedWork {
    /** @param {() => string} currentId the item's id, or undefined for a new item */
    constructor(currentId) {
        this.currentId = currentId;
        this.onBeforeUnload = (event) => {
            if (this.isKept) {
                event.preventDefault();
                event.returnValue = '';
            }
        };
    }

    get key() {
        return `${STORE_PREFIX}${this.currentId() || 'new'}`;
    }

    get isKept() {
        return !!window.sessionStorage.getItem(this.key);
    }

    /** Starts asking before the page is left with work kept. */
    watch() {
        window.addEventListener('beforeunload', this.onBeforeUnload);
    }

    unwatch() {
        window.removeEventListener('beforeunload', this.onBeforeUnload);
    }

    keep(version, form) {
        window.sessionStorage.setItem(this.key, JSON.stringify({ version, form }));
    }

    /** The form kept for this version, or undefined (also when what was kept is unreadable: then it is dropped). */
    restore(version) {
        try {
            const kept = JSON.parse(window.sessionStorage.getItem(this.key) || 'null');
            return kept && kept.version === version ? kept.form : undefined;
        } catch {
            this.forget();
            return undefined;
        }
    }

    forget() {
        window.sessionStorage.removeItem(this.key);
    }
}
