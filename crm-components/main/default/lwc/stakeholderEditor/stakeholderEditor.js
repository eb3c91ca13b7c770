import { LightningElement, api } from 'lwc';
import { focusIssueIn, issueAt } from 'c/winLossModel';

const INFLUENCES = ['high', 'medium', 'low'];
const STANCES = ['champion', 'supporter', 'neutral', 'blocker'];
const options = (values) => values.map((value) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) }));
const HALF = 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2';
const QUARTER = 'slds-col slds-size_1-of-2 slds-medium-size_1-of-4';

/** One stakeholder's fields, in the order and widths the row shows them. */
const FIELDS = [
    { name: 'role', label: 'Role in the decision', required: true, columnClass: HALF },
    { name: 'title', label: 'Job title', columnClass: HALF },
    { name: 'influence', label: 'Influence', options: options(INFLUENCES), columnClass: QUARTER },
    { name: 'stance', label: 'Stance', options: options(STANCES), columnClass: QUARTER },
    { name: 'concepts', label: 'Concepts and words they used', columnClass: HALF },
    { name: 'priorities', label: 'Priorities', multiline: true, rows: 2 }
];

let nextKey = 0;

/**
 * Rows of the buying committee as the author saw it. Owns no data: every edit fires
 * `stakeholderschange` with the whole new list, and the composer passes it back down.
 * `issues` are the hub's validation issues re-rooted at the list (`1.stance`).
 */
export default class StakeholderEditor extends LightningElement {
    @api stakeholders = [];
    @api issues = [];
    @api error;

    get rows() {
        return (this.stakeholders || []).map((stakeholder, index) => ({
            key: stakeholder.key,
            index,
            legend: `Stakeholder ${index + 1}`,
            removeLabel: `Remove stakeholder ${index + 1}`,
            fields: FIELDS.map((field) => ({
                ...field,
                value: stakeholder[field.name],
                error: issueAt(this.issues || [], `${index}.${field.name}`)
            }))
        }));
    }

    get hasRows() {
        return this.rows.length > 0;
    }

    handleAdd() {
        nextKey += 1;
        const row = {
            key: `new-stakeholder-${nextKey}`,
            role: '',
            title: '',
            influence: 'medium',
            stance: 'neutral',
            priorities: '',
            concepts: ''
        };
        this.emit([...(this.stakeholders || []), row]);
    }

    handleRemove(event) {
        const index = Number(event.currentTarget.dataset.index);
        this.emit(this.stakeholders.filter((_, i) => i !== index));
    }

    /** A field of one row changed: c-field-list says `{ name, value }`. */
    handleField(event) {
        const index = Number(event.currentTarget.dataset.index);
        const { name: field, value } = event.detail;
        this.emit(this.stakeholders.map((s, i) => (i === index ? { ...s, [field]: value } : s)));
    }

    emit(stakeholders) {
        this.dispatchEvent(new CustomEvent('stakeholderschange', { detail: { stakeholders } }));
    }

    /**
     * Focuses the control an issue path points at (`1.stance`, `0.share`; the first control for
     * the list itself), so the form's error summary can link to it.
     */
    @api
    focusIssue(path = '') {
        const [index, field] = String(path).split('.');
        const list = field && this.template.querySelector(`c-field-list[data-index="${index}"]`);
        if (!list || !list.focusField(field)) {
            focusIssueIn(this.template, path);
        }
    }
}
