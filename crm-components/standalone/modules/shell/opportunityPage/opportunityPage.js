import { LightningElement, api } from 'lwc';
import { takeHeadingFocus } from 'shell/headingFocus';
import { getOpportunity } from 'c/hubApi';
import { formatAmount, formatDate } from 'c/knowledgeFormat';

/** A record page: highlights header, the Knowledge Hub panel, and the deal's details. */
export default class OpportunityPage extends LightningElement {
    _recordId;
    opportunity;
    error;
    isLoading = true;

    @api
    get recordId() {
        return this._recordId;
    }
    set recordId(value) {
        if (value !== this._recordId) {
            this._recordId = value;
            this.load();
        }
    }

    async load() {
        this.isLoading = true;
        this.error = undefined;
        try {
            this.opportunity = await getOpportunity(this._recordId);
        } catch (error) {
            this.opportunity = undefined;
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }

    get highlights() {
        const o = this.opportunity;
        return [
            { label: 'Account name', value: o.accountName },
            { label: 'Close date', value: formatDate(o.closeDate) },
            { label: 'Amount', value: formatAmount(o.amount, o.currency) },
            { label: 'Stage', value: o.stage },
            { label: 'Industry', value: o.industry }
        ].map((field) => ({ ...field, value: field.value || '—' }));
    }

    get details() {
        const o = this.opportunity;
        return [
            { label: 'Segment', value: o.segment },
            { label: 'Region', value: o.region },
            { label: 'Products', value: (o.products || []).map((p) => p.name).join(', ') },
            { label: 'Competitors', value: (o.competitors || []).join(', ') },
            { label: 'Buying committee', value: (o.contactRoles || []).map((c) => [c.title, c.role].filter(Boolean).join(', ')).join('; ') },
            { label: 'Status', value: o.isClosed ? (o.isWon ? 'Closed – won' : 'Closed – lost') : 'Open' },
            { label: 'Description', value: o.description }
        ].map((field) => ({ ...field, value: field.value || '—' }));
    }

    /**
     * Puts focus on this page's heading (the shell asks after each navigation); waits for the
     * heading when the page is still loading it.
     */
    @api
    focusHeading() {
        this.headingFocusWanted = true;
        takeHeadingFocus(this);
    }

    renderedCallback() {
        takeHeadingFocus(this);
    }
}
