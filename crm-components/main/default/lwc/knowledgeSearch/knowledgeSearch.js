import { LightningElement, api } from 'lwc';
import { askForContent, search } from 'c/hubApi';
import { fromStateString, SORT_OPTIONS, toStateString } from 'c/searchState';
import { trackLatest } from 'c/loadState';

const DEBOUNCE_MS = 300;

/**
 * Ad-hoc search over all knowledge the user may see: query, facets (OR within a group, AND
 * across groups), pills for the filters in force, sort, highlighted hits, paging. Opening a hit
 * fires `select` and shows the item (the viewer records the `view`, carrying `opportunityId`
 * when the search sits on an opportunity page, where hits can also be attached to the deal).
 * Every change fires `statechange` with the search as a query string (`replace` while typing),
 * and setting `searchState` restores one: the standalone page keeps it in its address.
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
    sort = 'relevance';
    /** "Request this content" on an empty result: idle, sending, done or failed. */
    requestStatus = 'idle';
    requestMessage = '';
    /** On a phone the facets sit in a closed panel until asked for; wider screens always show them. */
    facetsOpen = false;
    page = 1;
    result;
    error;
    isLoading = false;
    openContentId;
    requestSeq = 0;
    connected = false;
    /** A state was restored before the component was in the page: it searches when it arrives. */
    restored = false;
    debounceTimer;

    /** The search as a query string (see c/searchState); restoring one runs it. */
    @api
    get searchState() {
        return this.currentState();
    }
    set searchState(value) {
        if ((value || '') === this.currentState()) {
            return;
        }
        const state = fromStateString(value);
        this.query = state.query;
        this.selected = state.selected;
        this.sort = state.sort;
        this.page = state.page;
        this.restored = true;
        if (this.connected) {
            this.runSearch();
        }
    }

    connectedCallback() {
        this.connected = true;
        if (this.searchOnLoad || this.restored) {
            this.runSearch();
        }
    }

    currentState() {
        return toStateString({ query: this.query, selected: this.selected, sort: this.sort, page: this.page });
    }

    /** Tells the page where the search now is; typing replaces the address entry, the rest adds one. */
    notifyState(replace = false) {
        this.dispatchEvent(new CustomEvent('statechange', { detail: { state: this.currentState(), replace } }));
    }

    disconnectedCallback() {
        this.connected = false;
        clearTimeout(this.debounceTimer);
    }

    handleQueryInput(event) {
        this.query = event.target.value;
        this.page = 1;
        clearTimeout(this.debounceTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounces search-as-you-type
        this.debounceTimer = setTimeout(() => {
            this.runSearch();
            this.notifyState(true);
        }, DEBOUNCE_MS);
    }

    handleSubmit(event) {
        event.preventDefault();
        clearTimeout(this.debounceTimer);
        this.page = 1;
        this.runSearch();
        this.notifyState();
    }

    handleFacetChange(event) {
        const { field, value, checked } = event.detail;
        this.setValue(field, value, checked);
    }

    setValue(field, value, checked) {
        const current = (this.selected[field] || []).filter((v) => v !== value);
        const next = { ...this.selected, [field]: checked ? [...current, value] : current };
        if (!next[field].length) {
            delete next[field];
        }
        this.selected = next;
        this.page = 1;
        this.runSearch();
        this.notifyState();
    }

    /** A pill's remove button: focus moves to the next pill, or to the query when none is left. */
    handlePillRemove(event) {
        this.setValue(event.detail.field, event.detail.value, false);
        // After the pills re-render without the removed one.
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- focus moves after the pills re-render
        setTimeout(() => {
            const pills = this.template.querySelector('c-search-filter-pills');
            if (!pills || !pills.focusFirst()) {
                this.focusQuery();
            }
        }, 0);
    }

    handleClearAll() {
        this.selected = {};
        this.page = 1;
        this.runSearch();
        this.notifyState();
        this.focusQuery();
    }

    focusQuery() {
        const input = this.template.querySelector('input[type="search"]');
        if (input) {
            input.focus();
        }
    }

    get sortFields() {
        return [{ name: 'sort', label: 'Sort by', variant: 'label-inline', options: SORT_OPTIONS, value: this.sort }];
    }

    handleSortChange(event) {
        this.sort = event.detail.value;
        this.page = 1;
        this.runSearch();
        this.notifyState();
    }

    handlePageChange(event) {
        this.page = event.detail.page;
        this.runSearch();
        this.notifyState();
    }

    /** Responses can arrive out of order while someone types; only the latest one renders. */
    async runSearch() {
        this.requestStatus = 'idle';
        this.requestMessage = '';
        const sort = this.sort !== 'relevance' ? { sort: this.sort } : {};
        await trackLatest(
            this,
            () => search({ q: this.query.trim(), ...this.selected, ...sort, page: this.page, limit: this.pageSize }),
            (result, failure) => {
                // A failed search keeps the last result behind its error panel.
                if (!failure) {
                    this.result = result;
                }
            }
        );
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

    /** Only a search with words can be asked for: "these filters" alone is not a request. */
    get canRequest() {
        return !!this.query.trim() && this.requestStatus !== 'done';
    }

    get requestDisabled() {
        return this.requestStatus === 'sending';
    }

    get requestLabel() {
        return this.requestStatus === 'sending' ? 'Requesting…' : 'Request this content';
    }

    /** Files a content request with the query and filters (joining an open one for the same query). */
    async handleRequest() {
        this.requestStatus = 'sending';
        try {
            const res = await askForContent({ query: this.query.trim(), filters: this.selected });
            this.requestStatus = 'done';
            this.requestMessage = res.created
                ? `Requested. An admin will ask an author for “${res.request.query}”.`
                : `Others asked for this too (${res.askers} people); your request is counted.`;
        } catch (error) {
            this.requestStatus = 'failed';
            this.requestMessage = `The request could not be sent: ${(error && error.message) || 'please retry'}.`;
        }
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
