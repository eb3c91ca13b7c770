import { LightningElement, api } from 'lwc';
import { search } from 'c/hubApi';

const DEBOUNCE_MS = 300;

/**
 * Ad-hoc search over all knowledge the user may see: query, facets, highlighted hits, paging.
 * Opening a hit fires `select` and shows the item (the viewer records the `view`, carrying
 * `opportunityId` when the search sits on an opportunity page).
 */
export default class KnowledgeSearch extends LightningElement {
    @api opportunityId;
    /** Set by the Lightning record page (Opportunity only, see the meta file). */
    @api recordId;
    /** The global search tab lists everything at once; on a record page it waits for a query. */
    @api searchOnLoad = false;
    /** Passed to the item viewer: offer "Derive a new draft" (people who write). */
    @api deriveOffered = false;
    @api pageSize = 10;

    query = '';
    selected = {};
    /** On a phone the facets sit in a closed panel until asked for; wider screens always show them. */
    facetsOpen = false;
    page = 1;
    result;
    error;
    isLoading = false;
    openContentId;
    requestSeq = 0;
    debounceTimer;

    connectedCallback() {
        if (this.searchOnLoad) {
            this.runSearch();
        }
    }

    disconnectedCallback() {
        clearTimeout(this.debounceTimer);
    }

    handleQueryInput(event) {
        this.query = event.target.value;
        this.page = 1;
        clearTimeout(this.debounceTimer);
        this.debounceTimer = setTimeout(() => this.runSearch(), DEBOUNCE_MS);
    }

    handleSubmit(event) {
        event.preventDefault();
        clearTimeout(this.debounceTimer);
        this.page = 1;
        this.runSearch();
    }

    handleFacetChange(event) {
        const { field, value, checked } = event.detail;
        const current = (this.selected[field] || []).filter((v) => v !== value);
        this.selected = { ...this.selected, [field]: checked ? [...current, value] : current };
        this.page = 1;
        this.runSearch();
    }

    handlePageChange(event) {
        this.page = event.detail.page;
        this.runSearch();
    }

    /** Responses can arrive out of order while someone types; only the latest one renders. */
    async runSearch() {
        const seq = ++this.requestSeq;
        this.isLoading = true;
        this.error = undefined;
        try {
            const result = await search({ q: this.query.trim(), ...this.selected, page: this.page, limit: this.pageSize });
            if (seq === this.requestSeq) {
                this.result = result;
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

    get hits() {
        return (this.result && this.result.hits) || [];
    }

    get hasHits() {
        return this.hits.length > 0;
    }

    get facetsExpanded() {
        return this.facetsOpen ? 'true' : 'false';
    }

    /** "Filters (2 chosen)": the closed panel still says that filters apply. */
    get facetToggleLabel() {
        const chosen = Object.values(this.selected).reduce((n, values) => n + values.length, 0);
        return `${this.facetsOpen ? 'Hide' : 'Show'} filters${chosen ? ` (${chosen} chosen)` : ''}`;
    }

    get facetPanelClass() {
        return `facet-panel${this.facetsOpen ? ' facet-panel_open' : ''}`;
    }

    toggleFacets() {
        this.facetsOpen = !this.facetsOpen;
    }

    get facets() {
        return this.result && this.result.facets;
    }

    get pageCount() {
        const { total = 0, limit = this.pageSize } = this.result || {};
        return Math.max(1, Math.ceil(total / (limit || this.pageSize)));
    }

    get showPager() {
        return this.pageCount > 1;
    }

    /** At the engine's counting cap the total is a lower bound: "10,000+ results". */
    /** The live region's text: the count once results are in, nothing while searching or failed. */
    get resultStatus() {
        return !this.isLoading && !this.error && this.result ? this.resultSummary : '';
    }

    get resultSummary() {
        const total = (this.result && this.result.total) || 0;
        if (this.result && this.result.totalIsLowerBound) {
            return `${total.toLocaleString('en-US')}+ results`;
        }
        return total === 1 ? '1 result' : `${total} results`;
    }

    get emptyMessage() {
        return this.query.trim()
            ? `No knowledge matches “${this.query.trim()}”. Try other words or clear some filters.`
            : 'No knowledge matches these filters. Try clearing some.';
    }

    handleSelect(event) {
        const { id } = event.detail;
        this.dispatchEvent(new CustomEvent('select', { detail: { id } }));
        this.openContentId = id;
    }

    /** The opportunity a view is credited to, when the search sits on one. */
    get contextOpportunityId() {
        return this.opportunityId || this.recordId;
    }

    handleViewerClose() {
        this.openContentId = undefined;
    }
}
