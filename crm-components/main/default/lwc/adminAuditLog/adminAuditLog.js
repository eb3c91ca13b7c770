import { LightningElement } from 'lwc';
import { listAudit } from 'c/hubApi';
import { track } from 'c/loadState';
import { adminSection } from 'c/adminSections';

const PAGE = 50;
const TARGET_TYPES = ['user', 'taxonomy', 'search_index', 'content', 'winloss'];
/** The filters in form order; the target type is chosen from a list, the others typed. */
const FILTER_FIELDS = [
    { name: 'action', label: 'Action', maxLength: 100, placeholder: 'e.g. user.create' },
    { name: 'actorId', label: 'Done by (user id)', maxLength: 200 },
    { name: 'targetType', label: 'Target type', placeholder: 'Any', options: TARGET_TYPES.map((t) => ({ value: t })) },
    { name: 'targetId', label: 'Target id', maxLength: 200 }
].map((field) => ({ ...field, updateOn: 'change', columnClass: 'slds-col slds-size_1-of-2 slds-medium-size_1-of-5' }));
const FILTERS = FILTER_FIELDS.map((f) => f.name);
const COLUMNS = [
    { fieldName: 'atText', label: 'When (UTC)', cellClass: 'nowrap' },
    { fieldName: 'actorId', label: 'Who' },
    { fieldName: 'action', label: 'Action', rowHeader: true },
    { fieldName: 'target', label: 'Target' },
    { fieldName: 'detailsText', label: 'Details', wrap: true, cellClass: 'details' }
];

function detailsText(details) {
    return Object.entries(details || {})
        .map(
            ([key, value]) =>
                `${key}: ${Array.isArray(value) ? value.join('; ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : value}`
        )
        .join(' · ');
}

/** Who changed what and when: the hub's audit log, filtered by action, person and target, newest first. */
export default class AdminAuditLog extends LightningElement {
    filters = { action: '', actorId: '', targetType: '', targetId: '' };
    entries;
    error;
    isLoading = true;
    section = adminSection('audit');
    loadLabels = { loading: 'Loading the audit log', failure: 'The audit log could not be loaded.' };
    loadingMore = false;
    hasMore = false;

    connectedCallback() {
        this.load();
    }

    query(before) {
        const query = { limit: PAGE, before };
        FILTERS.forEach((f) => {
            query[f] = this.filters[f].trim() || undefined;
        });
        return query;
    }

    async load() {
        await track(this, async () => {
            const { entries } = await listAudit(this.query());
            this.entries = entries;
            this.hasMore = entries.length === PAGE;
        });
    }

    async handleMore() {
        this.loadingMore = true;
        try {
            const { entries } = await listAudit(this.query(this.entries[this.entries.length - 1].id));
            this.entries = [...this.entries, ...entries];
            this.hasMore = entries.length === PAGE;
        } catch (error) {
            this.error = error;
        } finally {
            this.loadingMore = false;
        }
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get filterFields() {
        return FILTER_FIELDS.map((field) => ({ ...field, value: this.filters[field.name] }));
    }

    get columns() {
        return COLUMNS;
    }

    get rows() {
        return (this.entries || []).map((e) => ({
            key: e.id,
            actorId: e.actorId,
            action: e.action,
            atText: e.at.replace('T', ' ').slice(0, 19),
            target: `${e.targetType} ${e.targetId}`,
            detailsText: detailsText(e.details)
        }));
    }

    get hasEntries() {
        return this.rows.length > 0;
    }

    get countText() {
        if (this.isLoading || this.error || !this.entries) {
            return '';
        }
        const n = this.entries.length;
        return `${n}${this.hasMore ? '+' : ''} ${n === 1 ? 'entry' : 'entries'}`;
    }

    handleFilter(event) {
        this.filters = { ...this.filters, [event.detail.name]: event.detail.value };
    }

    handleApply(event) {
        event.preventDefault();
        this.load();
    }
}
