import { LightningElement, api } from 'lwc';

/**
 * One labelled SLDS input or textarea with its help text and inline error, so every form field
 * sets `aria-invalid` and points `aria-describedby` at its error the same way, and its label is
 * tied to the control inside this template (a label in the parent cannot reach into it).
 * Fires `valuechange` with `{ name, value }` on every keystroke, or only when the user commits
 * the value (`update-on="change"`). The host's `value` follows the typing, so a handler may read
 * `event.target.value` as well as `event.detail.value`.
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
    /** The input's type: text, search, number, date, url. */
    @api type = 'text';
    @api placeholder;
    /** Bounds and step of a number or date input. */
    @api min;
    @api max;
    @api step;
    /**
     * 'input' (every keystroke) or 'change' (when the user leaves the field or picks a date): a
     * date typed digit by digit passes through valid dates the parent must not act on.
     */
    @api updateOn = 'input';
    /** Part of a row of controls aligned on their bottom edge (a filter bar): no margin below. */
    @api inline = false;
    /** Marks the control invalid when the parent shows the message itself (a row-level error). */
    @api invalid = false;
    /** Describes the control for assistive technology only, e.g. that row-level error. */
    @api description;

    /** One id for whichever control renders; LWC rejects the same literal id twice. */
    get controlId() {
        return 'field-control';
    }

    get className() {
        return `slds-form-element${this.inline ? '' : ' slds-m-bottom_small'}${this.error ? ' slds-has-error' : ''}`;
    }

    get ariaInvalid() {
        return this.error || this.invalid ? 'true' : 'false';
    }

    /** Help, description and error all describe the control; ids are scoped by LWC per instance. */
    get describedBy() {
        return (
            [this.help ? 'field-help' : '', this.description ? 'field-description' : '', this.error ? 'field-error' : '']
                .filter(Boolean)
                .join(' ') || undefined
        );
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

    /* Both controls' input and change events bubble to their wrapper, which handles them for either. */
    handleInput(event) {
        if (this.updateOn !== 'change') {
            this.update(event.target.value);
        }
    }

    /** With `update-on="input"`, a change no input event reported (autofill, a spinner in some browsers) still counts. */
    handleChange(event) {
        if (this.updateOn === 'change' || event.target.value !== this.fieldValue) {
            this.update(event.target.value);
        }
    }

    update(value) {
        this.fieldValue = value;
        this.dispatchEvent(new CustomEvent('valuechange', { detail: { name: this.name, value } }));
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
