import { LightningElement, api } from 'lwc';
import { FILTER_FIELDS, fieldLabel, valueLabel } from 'c/searchState';

/**
 * Facet checkboxes built from the search response. A selected value the latest response no
 * longer counts stays listed (with 0) so the user can always untick what they ticked.
 */
export default class SearchFacets extends LightningElement {
    /** `{ field: { value: count } }` from the search API. */
    @api facets;
    /** `{ field: [value] }`, owned by the parent. */
    @api selected;

    get groups() {
        const facets = this.facets || {};
        const selected = this.selected || {};
        const fields = [
            ...FILTER_FIELDS.filter((f) => f in facets || f in selected),
            ...Object.keys(facets).filter((f) => !FILTER_FIELDS.includes(f))
        ];
        return fields
            .map((field, groupIndex) => {
                const counts = facets[field] || {};
                const chosen = selected[field] || [];
                const options = [...new Set([...Object.keys(counts), ...chosen])]
                    .map((value) => ({
                        value,
                        label: valueLabel(field, value),
                        count: counts[value] || 0,
                        checked: chosen.includes(value)
                    }))
                    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
                    .map((option, index) => ({ ...option, id: `facet-${groupIndex}-${index}`, field }));
                return { field, label: fieldLabel(field), options };
            })
            .filter((group) => group.options.length > 0);
    }

    handleChange(event) {
        const { field, value } = event.target.dataset;
        this.dispatchEvent(new CustomEvent('facetchange', { detail: { field, value, checked: event.target.checked } }));
    }
}
