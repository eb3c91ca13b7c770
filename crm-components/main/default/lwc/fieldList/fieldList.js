import { LightningElement, api } from 'lwc';

const FULL_WIDTH = 'slds-col slds-size_1-of-1';
const GRID = 'slds-grid slds-wrap slds-gutters_x-small';
/** What a field definition passes on to its control: c-select-field's properties, or c-form-field's. */
const SELECT_PROPERTIES = ['name', 'label', 'placeholder', 'variant', 'options', 'value', 'error', 'required', 'invalid', 'description'];
const INPUT_PROPERTIES = [
    'name',
    'label',
    'type',
    'value',
    'placeholder',
    'help',
    'error',
    'required',
    'invalid',
    'description',
    'multiline',
    'rows',
    'maxLength',
    'min',
    'max',
    'step',
    'updateOn'
];

/** The listed properties of a field, each set even when the definition leaves it out (as a template binding would). */
const pick = (field, names) => Object.fromEntries(names.map((name) => [name, field[name]]));

/**
 * A form's fields from a list, in an SLDS grid: a text input or textarea (c-form-field), or a
 * select when the field has `options` (c-select-field). Forms describe their fields as data
 * instead of repeating the same markup per field. Fires `valuechange` with `{ name, value }` for
 * either kind. What goes in the default slot (a filter bar's submit button, a row's remove
 * button) ends the grid, after the fields.
 */
export default class FieldList extends LightningElement {
    /**
     * `[{ name, label, value, error?, help?, required?, multiline?, rows?, maxLength?, options?, placeholder?,
     * type?, min?, max?, step?, updateOn?, invalid?, description?, variant?, columnClass? }]`; `columnClass` sizes the
     * field's column (full width by default), `variant` places a select's label (c-select-field). See c-form-field
     * and c-select-field for the rest.
     */
    @api fields = [];
    /**
     * One row of controls aligned on their bottom edge (a filter bar, a list's row): no margin
     * below each field, and columns as wide as their content unless `columnClass` says otherwise.
     */
    @api inline = false;

    get gridClass() {
        return this.inline ? `${GRID} slds-grid_vertical-align-end` : GRID;
    }

    /** Stacked fields keep a margin below; c-form-field has its own, a select gets it here. */
    get selectClass() {
        return this.inline ? '' : 'slds-m-bottom_small';
    }

    get items() {
        return (this.fields || []).map((field) => ({
            name: field.name,
            options: field.options,
            columnClass: field.columnClass || (this.inline ? 'slds-col' : FULL_WIDTH),
            select: field.options ? pick(field, SELECT_PROPERTIES) : undefined,
            input: field.options ? undefined : { ...pick(field, INPUT_PROPERTIES), rows: field.rows || 3, inline: this.inline }
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
