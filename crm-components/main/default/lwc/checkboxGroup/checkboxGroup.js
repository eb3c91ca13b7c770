import { LightningElement, api } from 'lwc';

/**
 * One SLDS checkbox group in a fieldset whose legend names it, with help and inline error, so
 * every many-of choice (reason codes, teams, people) sets `aria-invalid` and describes itself the
 * same way. An option may carry a free-text detail, asked for once it is ticked. Fires
 * `optionchange` with `{ name, value, checked }` and `detailchange` with `{ name, value, text }`.
 */
export default class CheckboxGroup extends LightningElement {
    @api label;
    @api name;
    /** `[{ value, label?, checked, disabled?, detail?, detailLabel? }]`; a missing label shows the value. */
    @api options = [];
    @api help;
    @api required = false;
    @api error;
    /** Ask for a detail beside each ticked option (`detail` holds its text, `detailLabel` names it). */
    @api withDetail = false;
    /** The options side by side (a short list of teams) rather than one per line. */
    @api inline = false;

    get rows() {
        return (this.options || []).map((option, index) => ({
            ...option,
            label: option.label || option.value,
            // Values may hold spaces, which would break id references.
            id: `${this.name}-${index}`,
            detailId: `${this.name}-detail-${index}`,
            showDetail: this.withDetail && option.checked
        }));
    }

    get groupClass() {
        return `slds-form-element slds-m-bottom_small${this.error ? ' slds-has-error' : ''}`;
    }

    get itemClass() {
        return this.inline ? 'slds-show_inline-block slds-m-right_small' : 'slds-m-bottom_xx-small';
    }

    get invalid() {
        return this.error ? 'true' : 'false';
    }

    get describedBy() {
        return [this.help ? 'group-help' : '', this.error ? 'group-error' : ''].filter(Boolean).join(' ') || undefined;
    }

    handleToggle(event) {
        const { value, checked } = event.target;
        this.dispatchEvent(new CustomEvent('optionchange', { detail: { name: this.name, value, checked } }));
    }

    handleDetail(event) {
        const value = event.currentTarget.dataset.value;
        this.dispatchEvent(new CustomEvent('detailchange', { detail: { name: this.name, value, text: event.target.value } }));
    }

    /** Lets a form's error summary move focus to this group. */
    @api
    focus() {
        const first = this.template.querySelector('input[type="checkbox"]');
        if (first) {
            first.focus();
        }
    }
}
