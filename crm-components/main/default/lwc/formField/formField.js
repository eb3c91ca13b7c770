import { LightningElement, api } from 'lwc';

/**
 * One labelled SLDS text input or textarea with its help text and inline error, so every form
 * field sets `aria-invalid` and points `aria-describedby` at its error the same way.
 * Fires `valuechange` with `{ name, value }` on every keystroke.
 */
export default class FormField extends LightningElement {
    @api name;
    @api label;
    fieldValue = '';
    @api
    get value() {
        return this.fieldValue;
    }
    /* A new value must reach a textarea even when nothing else re-renders (an accepted proposal appended to a list). */
    set value(value) {
        this.fieldValue = value;
        this.syncTextarea();
    }
    @api help;
    @api error;
    @api required = false;
    @api multiline = false;
    @api rows = 3;
    @api maxLength;

    /** One id for whichever control renders; LWC rejects the same literal id twice. */
    get controlId() {
        return 'field-control';
    }

    get className() {
        return `slds-form-element slds-m-bottom_small${this.error ? ' slds-has-error' : ''}`;
    }

    get invalid() {
        return this.error ? 'true' : 'false';
    }

    /** Help and error both describe the control; ids are scoped by LWC per instance. */
    get describedBy() {
        return [this.help ? 'field-help' : '', this.error ? 'field-error' : ''].filter(Boolean).join(' ') || undefined;
    }

    /** A textarea's value is a property, not an attribute LWC will bind; keep it in step here. */
    renderedCallback() {
        this.syncTextarea();
    }

    syncTextarea() {
        const textarea = this.template.querySelector('textarea');
        const value = this.value || '';
        if (textarea && textarea.value !== value) {
            textarea.value = value;
        }
    }

    handleInput(event) {
        this.dispatchEvent(new CustomEvent('valuechange', { detail: { name: this.name, value: event.target.value } }));
    }

    /** Lets the form move focus to the first invalid field after a failed save. */
    @api
    focus() {
        const control = this.template.querySelector('input, textarea');
        if (control) {
            control.focus();
        }
    }
}
