import { LightningElement, api } from 'lwc';
import { authorNames, contentTypeLabel, timeAgo } from 'c/knowledgeFormat';

/** The two decisions that need a comment, and how the form asks for it. */
const COMMENTED = {
    requestchanges: {
        question: 'What should the authors change?',
        send: 'Send request for changes',
        missing: 'Tell the authors what to change before sending it back.',
        formName: 'Request changes with a comment'
    },
    reject: {
        question: 'Why will it not be published?',
        send: 'Send rejection',
        missing: 'Tell the authors why before rejecting it.',
        formName: 'Reject with a comment'
    }
};

/** An older hub sends no `may`: its queue held only items the viewer may decide, every way. */
const ALL_DECISIONS = Object.freeze({ approve: true, requestChanges: true, reject: true });

/**
 * One item waiting for review, with the decisions the hub says the viewer may take: Approve,
 * Request changes (back to the authors' draft, resubmittable) and Reject (the submission is
 * closed). The last two need a comment, asked for inline (`c-comment-form`) so the reviewer keeps
 * the item in view.
 * Fires `approve` (`{ id }`), `requestchanges` or `reject` (`{ id, comment }`); the queue calls the hub.
 */
export default class ReviewItem extends LightningElement {
    @api item;
    @api busy = false;
    @api error;

    /** The decision whose comment is being written: `requestchanges`, `reject` or null. */
    decision = null;
    /** The item as readers will see it, with its diff, opened on demand (it costs two requests). */
    isOpen = false;

    get may() {
        return this.item.may || ALL_DECISIONS;
    }

    get isCommenting() {
        return !!this.decision;
    }

    get form() {
        return COMMENTED[this.decision] || COMMENTED.reject;
    }

    get isRejecting() {
        return this.decision === 'reject';
    }

    /*
     * The accessible name carries the title (visible label first, as WCAG 2.5.3 asks), so a screen
     * reader's list of buttons says which item each acts on. (aria-describedby on a scoped id did
     * not survive every render.)
     */
    get decisions() {
        return [
            { name: 'approve', label: 'Approve', variant: 'brand', offered: this.may.approve },
            { name: 'requestchanges', label: 'Request changes', offered: this.may.requestChanges },
            { name: 'reject', label: 'Reject', variant: 'text-destructive', offered: this.may.reject }
        ]
            .filter((decision) => decision.offered)
            .map(({ name, label, variant }) => ({ name, label, variant, ariaLabel: `${label}: ${this.item.title}`, disabled: this.busy }));
    }

    get sendName() {
        return `${this.form.send}: ${this.item.title}`;
    }

    get openLabel() {
        return this.isOpen ? 'Hide the item' : 'Open the item';
    }

    get openName() {
        return `${this.openLabel}: ${this.item.title}`;
    }

    get openExpanded() {
        return this.isOpen ? 'true' : 'false';
    }

    handleToggleOpen() {
        this.isOpen = !this.isOpen;
    }

    get typeLabel() {
        return contentTypeLabel(this.item.contentType);
    }

    get meta() {
        const parts = [this.typeLabel];
        const names = authorNames(this.item.authors);
        if (names) {
            parts.push(`by ${names}`);
        }
        if (this.item.opportunity) {
            parts.push(`${this.item.opportunity.name} (${this.item.opportunity.accountName})`);
        }
        const submitted = timeAgo(this.item.submittedAt);
        if (submitted) {
            parts.push(`submitted ${submitted}`);
        }
        return parts.join(' · ');
    }

    /** Approve needs nothing more; the other two ask for their comment first. */
    handleDecision(event) {
        if (event.detail.action === 'approve') {
            this.dispatchEvent(new CustomEvent('approve', { detail: { id: this.item.id } }));
        } else {
            this.decision = event.detail.action;
        }
    }

    handleCancel() {
        this.decision = null;
    }

    handleSend(event) {
        this.dispatchEvent(new CustomEvent(this.decision, { detail: { id: this.item.id, comment: event.detail.comment } }));
    }
}
