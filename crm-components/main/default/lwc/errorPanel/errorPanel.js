import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/errorMessages';

/** The one way every component shows a failure: a plain sentence, the details, a retry. */
export default class ErrorPanel extends LightningElement {
    @api friendlyMessage = 'Something went wrong.';
    @api errors;
    @api showRetry = false;

    get messages() {
        return reduceErrors(this.errors).map((text, index) => ({ key: `${index}`, text }));
    }

    get hasMessages() {
        return this.messages.length > 0;
    }

    handleRetry() {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
