import { LightningElement, api } from 'lwc';
import { createContentRequest } from 'c/hubApi';
import { dimensionLabel, rolesText } from 'c/flowFormat';
import { formatAmount, formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';

const SEARCH_COLUMNS = [
    { fieldName: 'query', label: 'Query', rowHeader: true, wrap: true },
    { fieldName: 'searches', label: 'Searches', align: 'right' },
    { fieldName: 'noResults', label: 'No results', align: 'right' },
    { fieldName: 'noClick', label: 'No click', align: 'right' },
    { fieldName: 'rolesText', label: 'Searches by role' },
    { fieldName: 'lastText', label: 'Last searched' },
    { fieldName: 'request', label: 'Request', hiddenLabel: true, type: 'actions', withStatus: true }
];

/**
 * Where knowledge is missing: searches that found nothing (or nothing worth a click) and open
 * deals whose competitor, industry or product has no fresh knowledge. Admins turn a search gap
 * into a content request for an author; `requestcreated` carries the new request.
 */
export default class ContentGapList extends LightningElement {
    @api searchGaps;
    @api pipelineGaps;
    @api canRequest = false;
    /** `[{ id, name }]`: who a request may be assigned to. */
    @api authors = [];
    /** Existing content requests, so a gap already requested says so. */
    @api requests = [];

    formQuery;
    assignee = '';
    note = '';
    isSaving = false;
    saveError;
    created = [];
    searchColumns = SEARCH_COLUMNS;

    get searchRows() {
        const requested = new Map([...(this.requests || []), ...this.created].map((r) => [r.query, r]));
        const names = new Map((this.authors || []).map((a) => [a.id, a.name]));
        return ((this.searchGaps && this.searchGaps.gaps) || []).map((gap) => {
            const request = requested.get(gap.query);
            // Readers may ask from an empty search: such a request waits for an admin to assign it.
            const assigned = request && request.assignee;
            return {
                ...gap,
                key: gap.query,
                rolesText: rolesText(gap.roles),
                lastText: formatDate(gap.lastSearchedAt),
                request:
                    this.canRequest && !assigned
                        ? [
                              {
                                  name: 'request',
                                  label: 'Request content',
                                  ariaLabel: `Request content for "${gap.query}"`,
                                  expanded: this.formQuery === gap.query ? 'true' : 'false'
                              }
                          ]
                        : [],
                requestStatus: assigned
                    ? `Requested from ${names.get(request.assignee) || request.assignee}`
                    : request
                      ? 'Asked for from search; not assigned yet'
                      : ''
            };
        });
    }

    get hasSearchGaps() {
        return this.searchRows.length > 0;
    }

    get pipelineRows() {
        return ((this.pipelineGaps && this.pipelineGaps.gaps) || []).map((gap) => ({
            key: `${gap.dimension}:${gap.value}`,
            dimensionText: dimensionLabel(gap.dimension),
            value: gap.value,
            weightText: formatAmount(gap.weight),
            deals: gap.deals,
            dealsLabel: `${gap.deals} open ${gap.deals === 1 ? 'deal' : 'deals'}`,
            opportunities: gap.opportunities.map((o) => ({ ...o, amountText: formatAmount(o.amount) }))
        }));
    }

    get hasPipelineGaps() {
        return this.pipelineRows.length > 0;
    }

    get pipelineCaption() {
        const open = this.pipelineGaps ? this.pipelineGaps.openOpportunities : 0;
        return `Open deals without fresh knowledge (of ${open} open deals), weighted by amount`;
    }

    /** Who should write it (required), and a note for them. */
    get requestFields() {
        const authorOptions = (this.authors || []).map((a) => ({ value: a.id, label: a.name }));
        return [
            {
                name: 'assignee',
                label: 'Assign to',
                placeholder: 'Choose an author…',
                options: authorOptions,
                value: this.assignee,
                required: true,
                columnClass: 'slds-col slds-no-flex'
            },
            { name: 'note', label: 'Note (optional)', maxLength: 2000, value: this.note, updateOn: 'change' }
        ];
    }

    get cannotSend() {
        return !this.assignee || this.isSaving;
    }

    handleOpen(event) {
        this.formQuery = event.detail.key;
        this.assignee = '';
        this.note = '';
        this.saveError = undefined;
    }

    handleCancel() {
        this.formQuery = undefined;
    }

    /** `assignee` or `note`, as the request's fields are named. */
    handleRequestField(event) {
        this[event.detail.name] = event.detail.value;
    }

    async handleSend(event) {
        event.preventDefault();
        if (this.cannotSend) {
            return;
        }
        const request = await track(
            this,
            () => createContentRequest({ query: this.formQuery, assignee: this.assignee, note: this.note.trim() || undefined }),
            { busy: 'isSaving', error: 'saveError' }
        );
        if (request) {
            this.created = [...this.created, request];
            this.formQuery = undefined;
            this.dispatchEvent(new CustomEvent('requestcreated', { detail: request }));
        }
    }
}
