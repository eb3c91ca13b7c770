import { LightningElement, api } from 'lwc';
import { takeHeadingFocus } from 'shell/headingFocus';
import { listOpportunities } from 'c/hubApi';
import { formatAmount, formatDate } from 'c/knowledgeFormat';
import { CLOSE_OUT_HREF_PATTERN, opportunityHref } from 'shell/routes';

const DEBOUNCE_MS = 300;
/** Salesforce's default sales process, so the filter offers stages no listed deal has reached yet. */
const STANDARD_STAGES = [
    'Prospecting',
    'Qualification',
    'Needs Analysis',
    'Value Proposition',
    'Id. Decision Makers',
    'Perception Analysis',
    'Proposal/Price Quote',
    'Negotiation/Review',
    'Closed Won',
    'Closed Lost'
];

/** The Opportunities tab: a list view filtered by stage and text on the hub (so it scales). */
export default class OpportunityList extends LightningElement {
    opportunities;
    seenStages = [];
    error;
    isLoading = true;
    stage = '';
    text = '';
    requestSeq = 0;
    debounceTimer;
    /** The close-out queue links to this shell's record pages, not Lightning's. */
    recordHrefPattern = CLOSE_OUT_HREF_PATTERN;

    connectedCallback() {
        this.load();
    }

    disconnectedCallback() {
        clearTimeout(this.debounceTimer);
    }

    async load() {
        const seq = ++this.requestSeq;
        this.isLoading = true;
        this.error = undefined;
        try {
            const { opportunities } = await listOpportunities({ stage: this.stage, q: this.text.trim() });
            if (seq === this.requestSeq) {
                this.opportunities = opportunities;
                this.seenStages = [...new Set([...this.seenStages, ...opportunities.map((o) => o.stage)])];
            }
        } catch (error) {
            if (seq === this.requestSeq) {
                this.error = error;
            }
        } finally {
            if (seq === this.requestSeq) {
                this.isLoading = false;
            }
        }
    }

    get stageOptions() {
        const stages = [...new Set([...this.seenStages, ...STANDARD_STAGES])];
        return stages.map((value) => ({ value, selected: value === this.stage }));
    }

    get rows() {
        return (this.opportunities || []).map((o) => ({
            ...o,
            href: opportunityHref(o.id),
            amountText: formatAmount(o.amount, o.currency),
            closeDateText: formatDate(o.closeDate)
        }));
    }

    get hasRows() {
        return this.rows.length > 0;
    }

    get countText() {
        const n = this.rows.length;
        return `${n} ${n === 1 ? 'item' : 'items'}`;
    }

    handleStageChange(event) {
        this.stage = event.target.value;
        this.load();
    }

    handleTextInput(event) {
        this.text = event.target.value;
        clearTimeout(this.debounceTimer);
        this.debounceTimer = setTimeout(() => this.load(), DEBOUNCE_MS);
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
