import { LightningElement, api } from 'lwc';

/** Why an item or an expert was suggested; shown so people can judge a suggestion, not just trust it. */
export default class ReasonChips extends LightningElement {
    @api reasons;
    @api label = 'Why this was suggested';

    get chips() {
        return (this.reasons || []).map((text, index) => ({ key: `${index}`, text }));
    }

    get hasChips() {
        return this.chips.length > 0;
    }
}
