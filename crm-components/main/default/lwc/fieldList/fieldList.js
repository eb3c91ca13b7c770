import { LightningElement, api } from 'lwc';

const FULL_WIDTH = 'slds-col slds-size_1-of-1';

/**
 * A form's fields from a list, in an SLDS grid: a text input or textarea (c-form-field), or a
 * select when the field has `options` (c-select-field). Forms describe their fields as data
 * instead of repeating the same markup per field. Fires `valuechange` with `{ name, value }` for
 * either kind.
 */
export default class FieldList extends LightningElement {
    /**
     * `[{ name, label, value, error?, help?, required?, multiline?, rows?, maxLength?, options?, columnClass? }]`;
     * `columnClass` sizes the field's column (full width by default).
     */
    @api fields = [];

    get items() {
        return (this.fields || []).map((field) => ({
            ...field,
            columnClass: field.columnClass || FULL_WIDTH,
            rows: field.rows || 3
        }));
    }

    /** c-form-field's `valuechange` and c-select-field's `change` both say `{ name, value }`. */
    handleChange(event) {
        event.stopPropagation();
        const { name, value } = event.detail;
        this.dispatchEvent(new CustomEvent('valuechange', { detail: { name, value } }));
    }

    /** Focuses the named field (the first without a name); false when this list does not hold it. */
    @api
    focusField(name) {
        const field = name ? this.template.querySelector(`[data-name="${name}"]`) : this.template.querySelector('[data-name]');
        if (!field) {
            return false;
        }
        field.focus();
        return true;
    }

    /** Focus moves to the first field (a row-level issue, a form opening). */
    @api
    focus() {
        this.focusField();
    }
}
