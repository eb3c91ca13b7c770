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
        return (this.due || []).map((item) => {
            const busy = this.busyId === item.id;
            const editHref = this.editHrefPattern ? this.editHrefPattern.replace('{id}', encodeURIComponent(item.id)) : undefined;
            const actions = [{ name: 'verify', label: 'Verify', variant: 'brand', ariaLabel: `Verify: ${item.title}`, disabled: busy }];
            if (editHref) {
                actions.push({ name: 'edit', label: 'Edit', href: editHref, ariaLabel: `Edit: ${item.title}` });
            }
            return {
                ...item,
                isDue: true,
                className: 'slds-item due-row',
                typeLabel: contentTypeLabel(item.contentType),
                freshnessLabel: FRESHNESS[item.freshness] || item.freshness,
                busy,
                actions,
                flags: item.flags.map((f, index) => ({ ...f, key: `f${index}`, when: formatDate(f.at), text: f.note || 'no note' }))
            };
        });
    }

    get requestRows() {
        return (this.requests || []).map((r) => {
            const busy = this.busyId === r.id;
            return {
                ...r,
                className: 'slds-item request-row',
                when: formatDate(r.createdAt),
                busy,
                actions: [
                    // The editor starts with the request's words as its title (`<newHref>/<title>`).
                    {
                        name: 'write',
                        label: 'Write it',
                        variant: 'brand',
                        href: `${this.newHref}/${encodeURIComponent(r.query)}`,
                        ariaLabel: `Write content for: ${r.query}`
                    },
                    { name: 'done', label: 'Mark done', ariaLabel: `Mark done: ${r.query}`, disabled: busy }
                ]
            };
        });
    }

    /** The two lists, alike but for their rows: what is due, then what is asked. */
    get sections() {
        return [
            {
                key: 'due',
                label: 'Due for verification, expired or flagged',
                className: 'slds-m-bottom_medium',
                rows: this.dueRows,
                empty: 'Nothing is due: everything you own is verified and current.'
            },
            { key: 'requests', label: 'Requested of you', rows: this.requestRows, empty: 'No open requests.' }
        ].map((section) => ({ ...section, hasRows: section.rows.length > 0 }));
    }

    handleAction(event) {
        const { action, id } = event.detail;
        if (action === 'verify') {
            const item = this.due.find((i) => i.id === id);
            this.act(item.id, () => verifyContent(item.id), `“${item.title}” is verified as still right.`);
        } else {
            const request = this.requests.find((r) => r.id === id);
            this.act(request.id, () => completeContentRequest(request.id), `The request for “${request.query}” is marked done.`);
        }
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
