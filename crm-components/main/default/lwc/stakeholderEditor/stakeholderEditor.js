import { LightningElement, api } from 'lwc';
import { focusIssueIn, issueAt } from 'c/winLossModel';

const INFLUENCES = ['high', 'medium', 'low'];
const STANCES = ['champion', 'supporter', 'neutral', 'blocker'];
const label = (value) => value.charAt(0).toUpperCase() + value.slice(1);

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
        return (this.stakeholders || []).map((s, index) => {
            const at = (field) => issueAt(this.issues || [], `${index}.${field}`);
            const options = (values) => values.map((value) => ({ value, label: label(value) }));
            return {
                ...s,
                index,
                legend: `Stakeholder ${index + 1}`,
                removeLabel: `Remove stakeholder ${index + 1}`,
                influenceOptions: options(INFLUENCES),
                stanceOptions: options(STANCES),
                roleError: at('role'),
                titleError: at('title'),
                prioritiesError: at('priorities'),
                conceptsError: at('concepts'),
                influenceError: at('influence'),
                stanceError: at('stance')
            };
        });
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

    /** Text fields come from c-form-field (`valuechange`), the two selects from c-select-field (`change`); both say `{ name, value }`. */
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
        focusIssueIn(this.template, path);
    }
}
