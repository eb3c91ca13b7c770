import { LightningElement, api } from 'lwc';
import { listCloseOutQueue } from 'c/hubApi';
import { itemsLoader } from 'c/keyedLoader';
import { STATUS_LABELS } from 'c/winLossModel';

/**
 * Closed deals of the last 90 days still waiting for a win/loss analysis. Links go to the
 * record page; the standalone shell passes its own pattern (`{id}` is replaced).
 */
export default class WinLossQueue extends LightningElement {
    @api recordHrefPattern = '/lightning/r/Opportunity/{id}/view';

    items;
    error;
    isLoading = false;
    loadLabels = { loading: 'Loading the close-out queue', failure: 'The close-out queue could not be loaded.' };
    queueLoader = itemsLoader(this, listCloseOutQueue);

    connectedCallback() {
        this.queueLoader.connect();
    }

    disconnectedCallback() {
        this.queueLoader.disconnect();
    }

    /** Refresh and the error panel's retry. */
    load() {
        this.queueLoader.reload();
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get rows() {
        return (this.items || []).map(({ opportunity, daysSinceClose, analysis }) => ({
            key: opportunity.id,
            name: opportunity.name,
            href: this.recordHrefPattern.replace('{id}', encodeURIComponent(opportunity.id)),
            detail: [
                opportunity.accountName,
                opportunity.isWon ? 'Won' : 'Lost',
                daysSinceClose === 1 ? 'closed 1 day ago' : `closed ${daysSinceClose} days ago`
            ].join(' · '),
            state: analysis ? `Analysis: ${STATUS_LABELS[analysis.status] || analysis.status}` : 'No analysis yet'
        }));
    }

    get hasRows() {
        return this.rows.length > 0;
    }
}
