import { LightningElement, api } from 'lwc';

/**
 * One labelled SLDS select: the label is tied to the select inside this template, the option
 * matching `value` is selected, and an optional `placeholder` is an empty first option
 * ("All teams", "Choose a user…").
 * Fires a non-bubbling `change` with `{ value, name }` when the user picks an option; the host's
 * `value` follows the choice, so `event.target.value` works as well as `event.detail.value`.
 * Layout classes (`slds-col`, margins) go on the host element.
 */
export default class SelectField extends LightningElement {
    @api label;
    @api name;
    @api placeholder;
    @api required = false;
    @api disabled = false;
    /** 'standard' (label above), 'label-inline' (label beside the select) or 'label-hidden'. */
    @api variant = 'standard';
    /** Inline error message below the select; sets `aria-invalid` and describes the select. */
    @api error;
    /** Marks the select invalid when the parent shows the message itself (a row-level error). */
    @api invalid = false;
    /** Describes the select for assistive technology only, e.g. that row-level error. */
    @api description;

    _value = '';
    _options = [];

    /** `[{ value, label }]`; a missing label shows the value. */
    @api
    get options() {
        return this._options;
    }
    set options(options) {
        this._options = Array.isArray(options) ? options : [];
    }

    @api
    get value() {
        return this._value;
    }
    set value(value) {
        this._value = value === undefined || value === null ? '' : String(value);
    }

    get hasPlaceholder() {
        return this.placeholder !== undefined && this.placeholder !== null;
    }

    get placeholderSelected() {
        return this._value === '';
    }

    get renderedOptions() {
        return this._options.map((option) => {
            const value = String(option.value);
            return { value, label: option.label ?? value, selected: value === this._value };
        });
    }

    get className() {
        const classes = ['slds-form-element'];
        if (this.variant === 'label-inline') {
            classes.push('slds-grid', 'slds-grid_vertical-align-center');
        }
        if (this.error) {
            classes.push('slds-has-error');
        }
        return classes.join(' ');
    }

    get labelClass() {
        if (this.variant === 'label-hidden') {
            return 'slds-form-element__label slds-assistive-text';
        }
        return this.variant === 'label-inline' ? 'slds-form-element__label slds-m-right_x-small' : 'slds-form-element__label';
    }

    get ariaInvalid() {
        return this.error || this.invalid ? 'true' : 'false';
    }

    get describedBy() {
        return [this.error ? 'select-error' : '', this.description ? 'select-description' : ''].filter(Boolean).join(' ') || undefined;
    }

    /** Keeps the select's shown choice in step when `value` or the options change from outside. */
    renderedCallback() {
        const select = this.template.querySelector('select');
        if (select && select.value !== this._value && [...select.options].some((o) => o.value === this._value)) {
            select.value = this._value;
        }
    }

    handleChange(event) {
        // The select's own change stays inside; the parent hears one event, from this component.
        event.stopPropagation();
        this._value = event.target.value;
        this.dispatchEvent(new CustomEvent('change', { detail: { value: this._value, name: this.name } }));
    }

    /** Lets a form move focus to this field after a failed save. */
    @api
    focus() {
        const select = this.template.querySelector('select');
        if (select) {
            select.focus();
        }
    }
}
