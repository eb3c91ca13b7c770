import { LightningElement, api } from 'lwc';

/** Why an item or an expert was suggested; shown so people can judge a suggestion, not just trust it. */
export default class ReasonChips extends LightningElement {
    @api reasons;
    @api label = 'Why this was suggested';
    /**
     * Show only the first `limit` reasons (they come strongest first) and a "more" toggle for the
     * rest, so a list of cards stays short; unset shows them all.
     */
    @api limit;

    expanded = false;

    get all() {
        return this.reasons || [];
    }

    get hiddenCount() {
        const limit = Number(this.limit);
        return limit > 0 ? Math.max(0, this.all.length - limit) : 0;
    }

    get chips() {
        const shown = this.expanded || this.hiddenCount === 0 ? this.all : this.all.slice(0, Number(this.limit));
        return shown.map((text, index) => ({ key: `${index}`, text }));
    }

    get hasChips() {
        return this.all.length > 0;
    }

    get hasMore() {
        return this.hiddenCount > 0;
    }

    get moreLabel() {
        return this.expanded ? 'Fewer' : `${this.hiddenCount} more`;
    }

    get moreName() {
        return this.expanded ? 'Show fewer reasons' : `Show ${this.hiddenCount} more reasons`;
    }

    get expandedText() {
        return this.expanded ? 'true' : 'false';
    }

    toggle() {
        this.expanded = !this.expanded;
    }
}
