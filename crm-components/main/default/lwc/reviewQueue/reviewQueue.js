import { LightningElement } from 'lwc';
import { approveContent, listReviewQueue, rejectContent, requestChanges } from 'c/hubApi';
import { itemsLoader } from 'c/keyedLoader';
import { reduceErrors } from 'c/errorMessages';

const CONFIRMATION_MS = 6000;

/** What the signed-in leader or admin may decide (approve, request changes, reject); a decided item leaves the list. */
export default class ReviewQueue extends LightningElement {
    items;
    error;
    isLoading = false;
    queueLoader = itemsLoader(this, listReviewQueue);
    busyId;
    itemErrors = {};
    status;
    statusTimer;

    connectedCallback() {
        this.queueLoader.connect();
    }

    disconnectedCallback() {
        this.queueLoader.disconnect();
        clearTimeout(this.statusTimer);
    }

    /** Refresh and the error panel's retry. */
    load() {
        this.queueLoader.reload();
    }

    get rows() {
        return (this.items || []).map((item) => ({ item, key: item.id, busy: item.id === this.busyId, error: this.itemErrors[item.id] }));
    }

    get hasItems() {
        return this.rows.length > 0;
    }

    get countText() {
        const n = this.rows.length;
        return n === 1 ? '1 item waiting' : `${n} items waiting`;
    }

    handleApprove(event) {
        const item = this.find(event.detail.id);
        this.decide(item, () => approveContent(item.id, item.version), `“${item.title}” is approved and published.`, 'approve');
    }

    handleRequestChanges(event) {
        const item = this.find(event.detail.id);
        const { comment } = event.detail;
        this.decide(
            item,
            () => requestChanges(item.id, comment, item.version),
            `“${item.title}” went back to its authors with your comment.`,
            'request changes'
        );
    }

    handleReject(event) {
        const item = this.find(event.detail.id);
        const { comment } = event.detail;
        this.decide(
            item,
            () => rejectContent(item.id, item.version, comment),
            `“${item.title}” is rejected; its authors are told why.`,
            'reject'
        );
    }

    find(id) {
        return this.items.find((i) => i.id === id);
    }

    async decide(item, call, confirmation, verb) {
        if (this.busyId) {
            return;
        }
        this.busyId = item.id;
        this.itemErrors = { ...this.itemErrors, [item.id]: undefined };
        try {
            await call();
            this.items = this.items.filter((i) => i.id !== item.id);
            this.announce(confirmation);
        } catch (error) {
            // The item stays: a 409 means someone else decided or it changed; say so on the item.
            this.itemErrors = { ...this.itemErrors, [item.id]: `Could not ${verb}: ${reduceErrors(error).join(' ')}` };
        } finally {
            this.busyId = undefined;
        }
    }

    announce(message) {
        clearTimeout(this.statusTimer);
        this.status = message;
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- clears the status announcement after it was read
        this.statusTimer = setTimeout(() => {
            this.status = undefined;
        }, CONFIRMATION_MS);
    }
}
