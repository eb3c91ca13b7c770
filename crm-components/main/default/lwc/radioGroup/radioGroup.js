import { LightningElement, api } from 'lwc';

/**
 * One SLDS radio group in a fieldset whose legend names it, with its inline error, so every
 * one-of choice (a deal's outcome, who may read an item) sets `aria-invalid` and describes itself
 * the same way. Fires `valuechange` with `{ name, value }`. Whatever depends on the choice (the
 * teams to pick for "Teams") goes in the default slot, inside the fieldset.
 */
export default class RadioGroup extends LightningElement {
    @api label;
    /** The radios' `name`: unique on the page, since synthetic shadow does not scope it. */
    @api name;
    /** `[{ value, label }]` */
    @api options = [];
    @api value;
    @api required = false;
    @api error;
    /** The legend as a small heading (a section of a long form) rather than a field label. */
    @api headingLegend = false;

    get rows() {
        return (this.options || []).map((option, index) => ({
            ...option,
            id: `${this.name}-${index}`,
            checked: option.value === this.value
        }));
    }

    get groupClass() {
        return `slds-form-element slds-m-bottom_small${this.error ? ' slds-has-error' : ''}`;
    }

    get legendClass() {
        return `slds-form-element__legend ${this.headingLegend ? 'slds-text-heading_small' : 'slds-form-element__label'}`;
    }

    get invalid() {
        return this.error ? 'true' : 'false';
    }

    get describedBy() {
        return this.error ? 'group-error' : undefined;
    }

    handleChange(event) {
        this.dispatchEvent(new CustomEvent('valuechange', { detail: { name: this.name, value: event.target.value } }));
    }

    /** Lets a form's error summary move focus to this group. */
    @api
    focus() {
        const checked = this.template.querySelector('input:checked') || this.template.querySelector('input');
        if (checked) {
            checked.focus();
        }
    }
}
