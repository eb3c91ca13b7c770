import { LightningElement, api } from 'lwc';
import { completeContentRequest, getDueContent, listContentRequests, verifyContent } from 'c/hubApi';
import { contentTypeLabel, formatDate } from 'c/knowledgeFormat';
import { reduceErrors } from 'c/errorMessages';
import { track } from 'c/loadState';

const FRESHNESS = { outdated: 'Flagged outdated', expired: 'Expired', due: 'Due for verification', unverified: 'Never verified' };

/**
 * What needs the signed-in owner: items due for verification, expired or flagged outdated by
 * readers (with their notes), and the content requests assigned to them, each with its one-click
 * action (verify; mark done). Editing and writing open the editor through the host's patterns.
 */
export default class DueAndRequested extends LightningElement {
    @api editHrefPattern;
    @api newHref = './#/my-content/new';

    due;
    requests;
    error;
    isLoading = false;
    busyId;
    status;

    connectedCallback() {
        this.load();
    }

    async load() {
        await track(this, async () => {
            const [due, requests] = await Promise.all([getDueContent(), listContentRequests()]);
            this.due = due.items || [];
            this.requests = (requests.requests || []).filter((r) => r.status === 'open');
        });
    }

    get isReady() {
        return !!this.due && !!this.requests;
    }

    get dueRows() {
        return (this.due || []).map((item) => ({
            ...item,
            typeLabel: contentTypeLabel(item.contentType),
            freshnessLabel: FRESHNESS[item.freshness] || item.freshness,
            editHref: this.editHrefPattern ? this.editHrefPattern.replace('{id}', encodeURIComponent(item.id)) : undefined,
            verifyName: `Verify: ${item.title}`,
            editName: `Edit: ${item.title}`,
            busy: this.busyId === item.id,
            flags: item.flags.map((f, index) => ({ ...f, key: `f${index}`, when: formatDate(f.at), text: f.note || 'no note' }))
        }));
    }

    get requestRows() {
        // The editor starts with the request's words as its title (`<newHref>/<title>`).
        return (this.requests || []).map((r) => ({
            ...r,
            writeHref: `${this.newHref}/${encodeURIComponent(r.query)}`,
            when: formatDate(r.createdAt),
            doneName: `Mark done: ${r.query}`,
            writeName: `Write content for: ${r.query}`,
            busy: this.busyId === r.id
        }));
    }

    get hasDue() {
        return this.dueRows.length > 0;
    }

    get hasRequests() {
        return this.requestRows.length > 0;
    }

    handleVerify(event) {
        const item = this.due.find((i) => i.id === event.currentTarget.dataset.id);
        this.act(item.id, () => verifyContent(item.id), `“${item.title}” is verified as still right.`);
    }

    handleDone(event) {
        const request = this.requests.find((r) => r.id === event.currentTarget.dataset.id);
        this.act(request.id, () => completeContentRequest(request.id), `The request for “${request.query}” is marked done.`);
    }

    async act(id, call, confirmation) {
        if (this.busyId) {
            return;
        }
        this.busyId = id;
        try {
            await call();
            this.status = confirmation;
            await this.load();
        } catch (error) {
            this.status = `That did not work: ${reduceErrors(error).join(' ')}`;
        } finally {
            this.busyId = undefined;
        }
    }
}
