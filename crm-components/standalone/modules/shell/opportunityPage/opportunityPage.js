import { LightningElement, api } from 'lwc';
import { takeHeadingFocus } from 'shell/headingFocus';
import { getOpportunity } from 'c/hubApi';
import { formatAmount, formatDate } from 'c/knowledgeFormat';
import { EXPERT_FROM_DEAL_HREF_PATTERN } from 'shell/routes';

/**
 * A record page: highlights header, the Knowledge Hub panel, and the deal's details. A closed
 * deal starts with its close-out (the win/loss form); `section="close-out"` (the close-out
 * queue's links) puts focus there instead of on the page title.
 */
export default class OpportunityPage extends LightningElement {
    _recordId;
    opportunity;
    error;
    isLoading = true;
    /** Expert names link to their profile page, which records contacts against this deal. */
    expertHrefPattern = EXPERT_FROM_DEAL_HREF_PATTERN;
    /** 'close-out' to land at the win/loss form. */
    @api section;

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
            {
                label: 'Buying committee',
                value: (o.contactRoles || []).map((c) => [c.title, c.role].filter(Boolean).join(', ')).join('; ')
            },
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
        this.renderedCallback();
    }

    renderedCallback() {
        const closeOut = this.headingFocusWanted && this.section === 'close-out' && this.template.querySelector('.close-out-heading');
        if (closeOut) {
            this.headingFocusWanted = false;
            closeOut.focus();
            closeOut.parentElement.scrollIntoView({ block: 'start' });
            return;
        }
        takeHeadingFocus(this);
    }
}
