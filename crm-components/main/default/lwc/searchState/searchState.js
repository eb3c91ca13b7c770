import { contentTypeLabel, kindLabel } from 'c/knowledgeFormat';

/** The search API's filter parameters, in the order facets and pills list them. */
export const FILTER_FIELDS = [
    'kind',
    'contentType',
    'products',
    'industries',
    'segments',
    'regions',
    'competitors',
    'stages',
    'personas',
    'authors'
];

export const FIELD_LABELS = {
    kind: 'Kind',
    contentType: 'Content type',
    products: 'Products',
    industries: 'Industries',
    segments: 'Segments',
    regions: 'Regions',
    competitors: 'Competitors',
    stages: 'Stages',
    personas: 'Personas',
    authors: 'Authors'
};

const VALUE_LABELS = { kind: kindLabel, contentType: contentTypeLabel };

export const fieldLabel = (field) => FIELD_LABELS[field] || field;
export const valueLabel = (field, value) => (VALUE_LABELS[field] ? VALUE_LABELS[field](value) : value);

export const SORT_OPTIONS = [
    { value: 'relevance', label: 'Relevance' },
    { value: 'newest', label: 'Newest' },
    { value: 'reused', label: 'Most reused' }
];
const SORTS = new Set(['relevance', 'newest', 'updated', 'reused']);

/**
 * A search's state as a query string (`q=roi&competitors=Globex&competitors=Initech&sort=newest`),
 * defaults left out, so a search can be shared as a link and the back button returns to it.
 */
export function toStateString({ query = '', selected = {}, sort = 'relevance', page = 1 } = {}) {
    const params = new URLSearchParams();
    if (query.trim()) {
        params.append('q', query.trim());
    }
    for (const field of FILTER_FIELDS) {
        for (const value of selected[field] || []) {
            params.append(field, value);
        }
    }
    if (sort && sort !== 'relevance') {
        params.append('sort', sort);
    }
    if (page > 1) {
        params.append('page', String(page));
    }
    return params.toString();
}

/** The inverse of toStateString; unknown parameters and values out of range are ignored. */
export function fromStateString(text) {
    const params = new URLSearchParams(String(text || '').replace(/^\?/, ''));
    const selected = {};
    for (const field of FILTER_FIELDS) {
        const values = [...new Set(params.getAll(field).filter(Boolean))];
        if (values.length) {
            selected[field] = values;
        }
    }
    const sort = SORTS.has(params.get('sort')) ? params.get('sort') : 'relevance';
    const page = Math.max(1, Math.min(500, parseInt(params.get('page'), 10) || 1));
    return { query: params.get('q') || '', selected, sort, page };
}

/** `[{ field, value, label }]` for every chosen value, in field order. */
export function chosenFilters(selected = {}) {
    return FILTER_FIELDS.flatMap((field) =>
        (selected[field] || []).map((value) => ({ field, value, label: `${fieldLabel(field)}: ${valueLabel(field, value)}` }))
    );
}
