import { LightningElement } from 'lwc';
import { getTaxonomies, replaceTaxonomy } from 'c/hubApi';
import { track } from 'c/loadState';
import { fieldLabel } from 'c/searchState';
import { adminSection } from 'c/adminSections';

/** The lists an admin edits, in this order; the facet lists are named as search names them. */
const KIND_NAMES = ['products', 'competitors', 'reasonCodes', 'industries', 'segments', 'regions', 'stages', 'personas'];
const OWN_LABELS = { products: 'Products and families', reasonCodes: 'Win/loss reason codes' };
const KINDS = KIND_NAMES.map((value) => ({ value, label: OWN_LABELS[value] || fieldLabel(value) }));

/** One term a line; products carry their family after a bar ("Lakehouse Core | Data platform"). */
export function termsToText(terms) {
    return terms.map((t) => (t.family ? `${t.value} | ${t.family}` : t.value)).join('\n');
}

export function textToTerms(text, withFamily) {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
            const [value, family] = line.split('|').map((part) => part.trim());
            return withFamily && family ? { value, family } : { value };
        });
}

/**
 * The vocabularies authors pick from and reports group by: products with their families,
 * competitors, reason codes and the other facets. Each save replaces one list (audited). Values
 * authors proposed wait above the lists (`c-facet-proposal-list`) for Accept or Reject.
 */
export default class AdminTaxonomies extends LightningElement {
    taxonomies;
    kind = 'products';
    text = '';
    error;
    saveError;
    isLoading = true;
    section = adminSection('taxonomies');
    loadLabels = { loading: 'Loading taxonomies', failure: 'The taxonomies could not be loaded.' };
    saving = false;

    connectedCallback() {
        this.load();
    }

    async load() {
        await track(this, async () => {
            this.taxonomies = await getTaxonomies();
            this.text = termsToText(this.taxonomies[this.kind] || []);
        });
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get kindOptions() {
        return KINDS.map((k) => ({
            ...k,
            selected: k.value === this.kind,
            count: this.taxonomies && this.taxonomies[k.value] ? this.taxonomies[k.value].length : 0
        }));
    }

    get kindLabel() {
        return KINDS.find((k) => k.value === this.kind).label;
    }

    get help() {
        return this.kind === 'products'
            ? 'One product a line; its family after a bar, e.g. "Lakehouse Core | Data platform".'
            : 'One term a line.';
    }

    get termCount() {
        const n = textToTerms(this.text, false).length;
        return `${n} ${n === 1 ? 'term' : 'terms'}`;
    }

    handleKind(event) {
        this.kind = event.target.value;
        this.saveError = undefined;
        this.text = termsToText(this.taxonomies[this.kind] || []);
    }

    /** An accepted proposal is in the hub's list now: shown here too, keeping the admin's unsaved edits. */
    handleAccepted(event) {
        const { kind, value } = event.detail;
        this.taxonomies = { ...this.taxonomies, [kind]: [...(this.taxonomies[kind] || []), { value }] };
        if (kind === this.kind) {
            this.text = this.text.trim() ? `${this.text.trim()}\n${value}` : value;
        }
    }

    handleText(event) {
        this.text = event.detail.value;
    }

    async handleSave(event) {
        event.preventDefault();
        const saved = await track(this, () => replaceTaxonomy(this.kind, textToTerms(this.text, this.kind === 'products')), {
            busy: 'saving',
            error: 'saveError'
        });
        if (saved) {
            this.taxonomies = { ...this.taxonomies, [this.kind]: saved };
            this.text = termsToText(saved);
            this.template
                .querySelector('c-status-message')
                .announce('success', `${this.kindLabel} saved: ${saved.length} ${saved.length === 1 ? 'term' : 'terms'}.`);
        }
    }
}
