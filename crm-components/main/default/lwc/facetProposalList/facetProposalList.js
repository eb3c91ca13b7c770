import { LightningElement } from 'lwc';
import { acceptFacetProposal, listFacetProposals, rejectFacetProposal } from 'c/hubApi';
import { reduceErrors } from 'c/errorMessages';
import { formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';
// A proposal's kind is one of the search facets, so it reads as the facet does in search.
import { fieldLabel } from 'c/searchState';

/**
 * The facet values authors proposed in the editor, waiting for an admin: Accept adds the value to
 * its taxonomy; Reject asks why (the proposer is told). A decided proposal leaves the list; an
 * accepted one fires `accepted` with `{ kind, value }` so the page can show it in its list.
 */
export default class FacetProposalList extends LightningElement {
    proposals;
    error;
    isLoading = false;
    loadLabels = { loading: 'Loading proposed values', failure: 'The proposed values could not be loaded.' };
    busyId;
    /** The proposal whose rejection reason is being written. */
    rejectingId;
    itemErrors = {};

    connectedCallback() {
        this.load();
    }

    async load() {
        this.proposals = await track(this, async () => (await listFacetProposals('pending')).proposals || []);
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get heading() {
        return `Proposed values (${(this.proposals || []).length})`;
    }

    get hasProposals() {
        return !!this.proposals && this.proposals.length > 0;
    }

    get rows() {
        return (this.proposals || []).map((p) => {
            const label = `${p.value} for ${fieldLabel(p.kind)}`;
            const busy = this.busyId === p.id;
            return {
                ...p,
                // Its own leading space: the template drops whitespace between elements.
                forKind: ` for ${fieldLabel(p.kind)}`,
                meta: `proposed by ${p.proposedBy.name} on ${formatDate(p.proposedAt)}`,
                busy,
                error: this.itemErrors[p.id],
                isRejecting: this.rejectingId === p.id,
                actions: [
                    { name: 'accept', label: 'Accept', variant: 'brand', ariaLabel: `Accept: ${label}`, disabled: busy },
                    { name: 'reject', label: 'Reject', ariaLabel: `Reject: ${label}`, disabled: busy }
                ],
                sendName: `Send rejection: ${label}`
            };
        });
    }

    handleAction(event) {
        const p = this.proposals.find((x) => x.id === event.detail.id);
        if (event.detail.action === 'reject') {
            this.rejectingId = p.id;
            return;
        }
        this.decide(
            p,
            () => acceptFacetProposal(p.id),
            `“${p.value}” is now one of the ${fieldLabel(p.kind)}; its proposer is told.`,
            'accept',
            () => this.dispatchEvent(new CustomEvent('accepted', { detail: { kind: p.kind, value: p.value } }))
        );
    }

    handleCancel() {
        this.rejectingId = undefined;
    }

    handleSendRejection(event) {
        const p = this.proposals.find((x) => x.id === this.rejectingId);
        const reason = event.detail.comment;
        this.decide(p, () => rejectFacetProposal(p.id, reason), `“${p.value}” was not added; its proposer is told why.`, 'reject');
    }

    async decide(p, call, confirmation, verb, after) {
        if (this.busyId) {
            return;
        }
        this.busyId = p.id;
        this.itemErrors = { ...this.itemErrors, [p.id]: undefined };
        try {
            await call();
            this.proposals = this.proposals.filter((x) => x.id !== p.id);
            this.rejectingId = undefined;
            this.template.querySelector('c-status-message').announce('success', confirmation);
            if (after) {
                after();
            }
        } catch (error) {
            // A 409 means another admin decided first: say so on the proposal, which stays.
            this.itemErrors = { ...this.itemErrors, [p.id]: `Could not ${verb}: ${reduceErrors(error).join(' ')}` };
        } finally {
            this.busyId = undefined;
        }
    }
}
