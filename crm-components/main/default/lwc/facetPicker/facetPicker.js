import { LightningElement, api } from 'lwc';

const MAX_SUGGESTIONS = 6;

/**
 * Picks values for one facet from its taxonomy, with type-ahead: typing shows matching terms as
 * buttons; Enter (or Add) takes the term typed, or proposes it as a new value when the taxonomy
 * lacks it (the item carries it at once; on save the editor sends it to the admins as a proposal,
 * `POST /api/taxonomies/proposals`, and it is "new" until accepted). Chosen values are removable chips. Fires `valueschange` with `{ name, values }`.
 */
export default class FacetPicker extends LightningElement {
    @api name;
    @api label;
    @api values = [];
    @api options = [];

    text = '';
    announcement = '';

    get chosen() {
        const known = new Set((this.options || []).map((o) => o.toLowerCase()));
        return (this.values || []).map((value) => ({
            value,
            isNew: !known.has(value.toLowerCase()),
            removeName: `Remove ${value} from ${this.label}`
        }));
    }

    get hasChosen() {
        return (this.values || []).length > 0;
    }

    get suggestions() {
        const typed = this.text.trim().toLowerCase();
        if (!typed) {
            return [];
        }
        const taken = new Set((this.values || []).map((v) => v.toLowerCase()));
        return (this.options || [])
            .filter((o) => o.toLowerCase().includes(typed) && !taken.has(o.toLowerCase()))
            .slice(0, MAX_SUGGESTIONS)
            .map((value) => ({ value, addName: `Add ${value} to ${this.label}` }));
    }

    get hasSuggestions() {
        return this.suggestions.length > 0;
    }

    /** The typed text is not a known term: adding it proposes a new value. */
    get isProposal() {
        const typed = this.text.trim().toLowerCase();
        return !!typed && !(this.options || []).some((o) => o.toLowerCase() === typed);
    }

    get addLabel() {
        return this.isProposal ? 'Propose new value' : 'Add';
    }

    get addDisabled() {
        return !this.text.trim();
    }

    handleInput(event) {
        this.text = event.target.value;
    }

    handleKeydown(event) {
        if (event.key === 'Enter') {
            event.preventDefault();
            this.addTyped();
        }
    }

    addTyped() {
        const typed = this.text.trim();
        if (!typed) {
            return;
        }
        // The taxonomy's spelling wins over the typed one ("geotab" → "Geotab").
        const known = (this.options || []).find((o) => o.toLowerCase() === typed.toLowerCase());
        this.add(known || typed, !known);
    }

    handleSuggestion(event) {
        this.add(event.currentTarget.dataset.value, false);
    }

    add(value, isNew) {
        const values = this.values || [];
        this.text = '';
        const input = this.template.querySelector('input');
        if (input) {
            input.value = '';
            input.focus();
        }
        if (values.some((v) => v.toLowerCase() === value.toLowerCase())) {
            this.announcement = `${value} is already chosen.`;
            return;
        }
        this.announcement = isNew ? `${value} proposed as a new value.` : `${value} added.`;
        this.emit([...values, value]);
    }

    handleRemove(event) {
        const value = event.currentTarget.dataset.value;
        this.announcement = `${value} removed.`;
        this.emit((this.values || []).filter((v) => v !== value));
        const input = this.template.querySelector('input');
        if (input) {
            input.focus();
        }
    }

    emit(values) {
        this.dispatchEvent(new CustomEvent('valueschange', { detail: { name: this.name, values } }));
    }
}
