import { LightningElement, api } from 'lwc';
import { PERIOD_PRESETS, defaultPeriod, periodRange } from 'c/creditFormat';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NO_FLEX = 'slds-col slds-no-flex';

/**
 * Chooses the credit period: a preset or custom dates. Controlled: the parent owns `period`
 * (`{ preset, from, to }`) and hears `change` with the new one only when it is complete and valid.
 */
export default class CreditPeriodPicker extends LightningElement {
    @api period = defaultPeriod();
    draft = {};
    invalid = false;

    get isCustom() {
        return this.period.preset === 'custom';
    }

    get fromValue() {
        return this.draft.from ?? this.period.from;
    }

    get toValue() {
        return this.draft.to ?? this.period.to;
    }

    /**
     * The preset, then for a custom period From and To, each bounded by the other so a browser's
     * date picker cannot cross them; a date counts once picked (typed digit by digit, it passes
     * through dates that are not meant).
     */
    get fields() {
        const preset = { name: 'preset', label: 'Period', options: PERIOD_PRESETS, value: this.period.preset, columnClass: NO_FLEX };
        if (!this.isCustom) {
            return [preset];
        }
        const date = { type: 'date', invalid: this.invalid, updateOn: 'change', columnClass: NO_FLEX };
        return [
            preset,
            { ...date, name: 'from', label: 'From', value: this.fromValue, max: this.toValue },
            { ...date, name: 'to', label: 'To', value: this.toValue, min: this.fromValue }
        ];
    }

    handleField(event) {
        const { name, value } = event.detail;
        if (name === 'preset') {
            this.choosePreset(value);
        } else {
            this.changeDate(name, value);
        }
    }

    choosePreset(preset) {
        this.draft = {};
        this.invalid = false;
        const range = preset === 'custom' ? { from: this.period.from, to: this.period.to } : periodRange(preset);
        this.notify({ preset, ...range });
    }

    changeDate(name, value) {
        this.draft = { ...this.draft, [name]: value };
        const from = this.fromValue;
        const to = this.toValue;
        this.invalid = !DATE.test(from) || !DATE.test(to) || from > to;
        if (!this.invalid) {
            this.draft = {};
            this.notify({ preset: 'custom', from, to });
        }
    }

    notify(period) {
        this.dispatchEvent(new CustomEvent('change', { detail: period }));
    }
}
