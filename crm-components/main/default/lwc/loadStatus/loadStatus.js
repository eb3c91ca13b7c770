import { LightningElement, api } from 'lwc';

/**
 * What a page shows while its record loads, or when loading failed: the labelled spinner, or the
 * error panel with a retry (the `retry` event). It shows nothing once loaded, so the page's own
 * content follows it under `isSettled`-style conditions rather than another copy of this chain.
 */
export default class LoadStatus extends LightningElement {
    @api loading = false;
    @api error;
    @api loadingLabel = 'Loading';
    @api failureMessage = 'This could not be loaded.';

    handleRetry() {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
