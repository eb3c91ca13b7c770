import { LightningElement, api } from 'lwc';
import { PERIOD_PRESETS, defaultPeriod, periodRange } from 'c/creditFormat';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Chooses the credit period: a preset or custom dates. Controlled: the parent owns `period`
 * (`{ preset, from, to }`) and hears `change` with the new one only when it is complete and valid.
 */
export default class CreditPeriodPicker extends LightningElement {
    @api period = defaultPeriod();
    draft = {};
    invalid = false;

    get presetOptions() {
        return PERIOD_PRESETS;
    }

    get isCustom() {
        return this.period.preset === 'custom';
    }

    get fromValue() {
        return this.draft.from ?? this.period.from;
    }

    get toValue() {
        return this.draft.to ?? this.period.to;
    }

    /** From and To, each bounded by the other so a browser's date picker cannot cross them. */
    get dateFields() {
        return [
            { name: 'from', label: 'From', value: this.fromValue, max: this.toValue },
            { name: 'to', label: 'To', value: this.toValue, min: this.fromValue }
        ];
    }

    handlePresetChange(event) {
        const preset = event.target.value;
        this.draft = {};
        this.invalid = false;
        const range = preset === 'custom' ? { from: this.period.from, to: this.period.to } : periodRange(preset);
        this.notify({ preset, ...range });
    }

    handleDateChange(event) {
        this.draft = { ...this.draft, [event.target.name]: event.target.value };
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
