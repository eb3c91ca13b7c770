import { LightningElement, api } from 'lwc';
import { chosenFilters } from 'c/searchState';

/**
 * The filters in force, one pill each with its own remove button, and "Clear all". Fires
 * `remove` (`{ field, value }`) and `clearall`; the parent owns the selection and the focus.
 */
export default class SearchFilterPills extends LightningElement {
    /** `{ field: [value] }`. */
    @api selected;

    get pills() {
        return chosenFilters(this.selected || {}).map((pill, index) => ({
            ...pill,
            key: `${pill.field}-${index}`,
            removeLabel: `Remove filter ${pill.label}`
        }));
    }

    get hasPills() {
        return this.pills.length > 0;
    }

    /** Focuses the first remaining pill's remove button; false when no pill is left. */
    @api
    focusFirst() {
        const button = this.template.querySelector('.pill-remove');
        if (button) {
            button.focus();
        }
        return !!button;
    }

    handleRemove(event) {
        const { field, value } = event.currentTarget.dataset;
        this.dispatchEvent(new CustomEvent('remove', { detail: { field, value } }));
    }

    handleClearAll() {
        this.dispatchEvent(new CustomEvent('clearall'));
    }
}
