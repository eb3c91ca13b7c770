import { LightningElement, api } from 'lwc';
import { formatDate } from 'c/knowledgeFormat';

/**
 * Links shared with the buyer on this deal: whether each was opened, when and how often, and a
 * Revoke for those the viewer may revoke. A link just created is shown once, for copying.
 * It reports `revoke` with `{ id, contentId }`; the panel talks to the hub.
 */
export default class DealShareLinks extends LightningElement {
    /** Links from GET /api/opportunities/:id/share-links. */
    @api links;
    /** `{ title, url }` of the link just created, or undefined. */
    @api newLink;

    get hasLinks() {
        return Array.isArray(this.links) && this.links.length > 0;
    }

    get rows() {
        return (this.links || []).map((l) => ({
            ...l,
            sharedByName: l.sharedBy.name,
            sharedWhen: formatDate(l.createdAt),
            opensText: opensText(l),
            mayRevoke: l.mayRevoke && l.state === 'active',
            revokeName: `Revoke the buyer link to ${l.title}`
        }));
    }

    selectAll(event) {
        event.target.select();
    }

    handleRevoke(event) {
        const { id, contentId } = event.currentTarget.dataset;
        this.dispatchEvent(new CustomEvent('revoke', { detail: { id, contentId } }));
    }
}

function opensText(link) {
    if (link.state === 'revoked') {
        return `Revoked${link.opens ? ` after ${timesText(link.opens)}` : ''}`;
    }
    const prefix = link.state === 'expired' ? 'Expired. ' : '';
    if (!link.opens) {
        return `${prefix}Not opened yet`;
    }
    const last = link.opens > 1 ? `, last ${formatDate(link.lastOpenedAt)}` : '';
    return `${prefix}Opened ${timesText(link.opens)}, first ${formatDate(link.firstOpenedAt)}${last}`;
}

function timesText(n) {
    return n === 1 ? 'once' : `${n} times`;
}
