import { LightningElement, api } from 'lwc';

/** How long a confirmation stays on screen. */
const CONFIRMATION_MS = 6000;

/**
 * Toast-like messages for an action's outcome, in a live region so screen readers hear them.
 * A confirmation clears itself; a failure stays until the next message or a dismissal (the
 * user may need to read it twice).
 */
export default class StatusMessage extends LightningElement {
    /** Offer a Dismiss button beside the message. */
    @api dismissible = false;

    status;
    timer;

    /** `variant`: 'success' or 'error'. */
    @api
    announce(variant, message) {
        clearTimeout(this.timer);
        this.status = {
            message,
            className: `slds-scoped-notification slds-m-bottom_small ${variant === 'success' ? 'slds-theme_success' : 'slds-theme_error'}`
        };
        if (variant === 'success') {
            // eslint-disable-next-line @lwc/lwc/no-async-operation -- success messages fade after a delay
            this.timer = setTimeout(() => {
                this.status = undefined;
            }, CONFIRMATION_MS);
        }
    }

    @api
    dismiss() {
        clearTimeout(this.timer);
        this.status = undefined;
    }

    disconnectedCallback() {
        clearTimeout(this.timer);
    }
}
