import { LightningElement, api } from 'lwc';
import { quickCloseOut } from 'c/hubApi';
import { MAX_QUICK_REASONS, OUTCOMES, issueAt, issuesOf } from 'c/winLossModel';

/**
 * The under-a-minute close-out: outcome, up to three reason codes, one sentence and, if the
 * rep has one, a lesson. Fires
 * `saved` with the short draft the hub created, which the full form can then complete.
 */
export default class QuickCloseOut extends LightningElement {
    @api opportunityId;
    @api reasonCodes = [];
    @api
    get outcome() {
        return this.selectedOutcome;
    }
    set outcome(value) {
        this.selectedOutcome = value || '';
    }

    selectedOutcome = '';
    codes = [];
    sentence = '';
    lessons = '';
    issues = [];
    error;
    isSaving = false;

    outcomes = OUTCOMES;

    get codeOptions() {
        const full = this.codes.length >= MAX_QUICK_REASONS;
        return (this.reasonCodes || []).map((code) => {
            const checked = this.codes.includes(code);
            return { value: code, checked, disabled: full && !checked };
        });
    }

    get codesHelp() {
        return `Pick up to ${MAX_QUICK_REASONS}. ${this.codes.length} selected.`;
    }

    get outcomeError() {
        return issueAt(this.issues, 'outcome');
    }
    get codesError() {
        return issueAt(this.issues, 'reasonCodes');
    }

    /** The sentence (required) and the lesson, two short textareas. */
    get textFields() {
        return [
            { name: 'sentence', label: 'In one sentence: why did this deal end this way?', required: true },
            { name: 'lessons', label: 'Lessons for the next seller (optional)' }
        ].map((field) => ({ ...field, value: this[field.name], error: issueAt(this.issues, field.name), multiline: true, rows: 2 }));
    }

    handleOutcome(event) {
        this.selectedOutcome = event.detail.value;
    }

    handleCode(event) {
        const { value, checked } = event.detail;
        const rest = this.codes.filter((c) => c !== value);
        this.codes = checked ? [...rest, value] : rest;
    }

    /** `sentence` or `lessons`, as the fields are named. */
    handleText(event) {
        this[event.detail.name] = event.detail.value;
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    async handleSave(event) {
        event.preventDefault();
        this.isSaving = true;
        this.error = undefined;
        this.issues = [];
        try {
            const lessons = this.lessons.trim();
            const item = await quickCloseOut({
                opportunityId: this.opportunityId,
                outcome: this.selectedOutcome,
                reasonCodes: this.codes,
                sentence: this.sentence.trim(),
                // Asked apart from the sentence: why it ended is not what to do next time.
                ...(lessons ? { lessons } : {})
            });
            this.dispatchEvent(new CustomEvent('saved', { detail: { item } }));
        } catch (error) {
            this.error = error;
            this.issues = issuesOf(error);
        } finally {
            this.isSaving = false;
        }
    }
}
