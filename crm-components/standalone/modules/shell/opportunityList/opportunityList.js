import { LightningElement, api } from 'lwc';
import { takeHeadingFocus } from 'shell/headingFocus';
import { getOpportunityStages, listOpportunities } from 'c/hubApi';
import { formatAmount, formatDate } from 'c/knowledgeFormat';
import { CLOSE_OUT_HREF_PATTERN, opportunityHref } from 'shell/routes';

const DEBOUNCE_MS = 300;
/** The Opportunities tab: a list view filtered by stage and text on the hub (so it scales). */
export default class OpportunityList extends LightningElement {
    opportunities;
    /** The CRM's stage vocabulary in pipeline order (GET /api/opportunities/stages). */
    stages = [];
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
        this.loadStages();
    }

    /** Without the vocabulary the filter still offers the stages of the listed deals. */
    async loadStages() {
        try {
            this.stages = (await getOpportunityStages()).stages;
        } catch {
            this.stages = [];
        }
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
        const stages = this.stages.length ? this.stages : [...new Set((this.opportunities || []).map((o) => o.stage))];
        return stages.map((value) => ({ value }));
    }

    get rows() {
        return (this.opportunities || []).map((o) => ({
            ...o,
            href: opportunityHref(o.id),
            // Deals the viewer does not own show their size band, as the API sends it.
            amountText: o.amount !== null && o.amount !== undefined ? formatAmount(o.amount, o.currency) : o.amountBand || '',
            ownerText: o.ownerName || o.ownerId || '',
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
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounces the list filter while the user types
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
