import { LightningElement, api } from 'lwc';

/**
 * A required comment asked for inline, so the decision's subject stays in view: a reviewer's
 * request for changes or rejection, an admin's reason to turn a proposal down. An empty send says
 * what is missing and keeps the focus in the field. Fires `send` with `{ comment }` (trimmed) and
 * `cancel`.
 */
export default class CommentForm extends LightningElement {
    /** The question the field asks ("What should the authors change?"). */
    @api label;
    /** The form's accessible name. */
    @api formName;
    @api sendLabel;
    /** The send button's accessible name: its label and what it acts on. */
    @api sendName;
    @api missingMessage;
    @api destructive = false;
    @api busy = false;
    @api rows = 3;

    comment = '';
    error;

    get sendClass() {
        return `slds-button ${this.destructive ? 'slds-button_destructive' : 'slds-button_brand'}`;
    }

    get fieldClass() {
        return `slds-form-element slds-m-top_small${this.error ? ' slds-has-error' : ''}`;
    }

    get invalid() {
        return this.error ? 'true' : 'false';
    }

    handleInput(event) {
        this.comment = event.target.value;
        if (this.comment.trim()) {
            this.error = undefined;
        }
    }

    handleSubmit(event) {
        event.preventDefault();
        const comment = this.comment.trim();
        if (!comment) {
            this.error = this.missingMessage;
            this.template.querySelector('textarea').focus();
            return;
        }
        this.dispatchEvent(new CustomEvent('send', { detail: { comment } }));
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }
}
