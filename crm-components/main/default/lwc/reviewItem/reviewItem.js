import { LightningElement, api } from 'lwc';
import { authorNames, contentTypeLabel, timeAgo } from 'c/knowledgeFormat';

/**
 * One item waiting for review. Rejecting needs a comment, asked for inline so the reviewer
 * keeps the item in view. Fires `approve` or `reject` (`{ id, comment }`); the queue calls the hub.
 */
export default class ReviewItem extends LightningElement {
    @api item;
    @api busy = false;
    @api error;

    isRejecting = false;
    /** The item as readers will see it, with its diff, opened on demand (it costs two requests). */
    isOpen = false;
    comment = '';
    commentError;

    /*
     * Every item in the queue has an Approve and a Reject: the accessible name carries the title
     * (visible label first, as WCAG 2.5.3 asks), so a screen reader's list of buttons says which
     * item each acts on. (aria-describedby on a scoped id did not survive every render.)
     */
    get approveName() {
        return `Approve: ${this.item.title}`;
    }

    get rejectName() {
        return `Reject: ${this.item.title}`;
    }

    get sendRejectionName() {
        return `Send rejection: ${this.item.title}`;
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

    get commentInvalid() {
        return this.commentError ? 'true' : 'false';
    }

    get commentClass() {
        return `slds-form-element slds-m-top_small${this.commentError ? ' slds-has-error' : ''}`;
    }

    handleApprove() {
        this.dispatchEvent(new CustomEvent('approve', { detail: { id: this.item.id } }));
    }

    handleReject() {
        this.isRejecting = true;
        this.commentError = undefined;
    }

    handleCancel() {
        this.isRejecting = false;
        this.comment = '';
        this.commentError = undefined;
    }

    handleCommentInput(event) {
        this.comment = event.target.value;
        if (this.comment.trim()) {
            this.commentError = undefined;
        }
    }

    handleSendRejection(event) {
        event.preventDefault();
        const comment = this.comment.trim();
        if (!comment) {
            this.commentError = 'Tell the authors what to change before sending it back.';
            this.template.querySelector('textarea').focus();
            return;
        }
        this.dispatchEvent(new CustomEvent('reject', { detail: { id: this.item.id, comment } }));
    }
}
