import { LightningElement, api } from 'lwc';

const DEFAULT_LABELS = { loading: 'Loading', failure: 'This could not be loaded.' };

/**
 * What a page shows while its data loads, or when loading failed: the labelled spinner, or the
 * error panel with a retry (the `retry` event). It shows nothing once loaded, so the page's own
 * content follows it under a `loaded`-style condition rather than another copy of this chain.
 * `labels` names both states in one object the page declares once, `{ loading, failure }`
 * (e.g. `{ loading: 'Loading users', failure: 'The users could not be loaded.' }`).
 */
export default class LoadStatus extends LightningElement {
    @api loading = false;
    @api error;
    @api labels = DEFAULT_LABELS;

    get loadingLabel() {
        return (this.labels && this.labels.loading) || DEFAULT_LABELS.loading;
    }

    get failureMessage() {
        return (this.labels && this.labels.failure) || DEFAULT_LABELS.failure;
    }

    handleRetry() {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
