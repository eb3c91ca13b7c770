/**
 * Labels and dates shown to people. Kept in one module so the card, the search hits and the
 * viewer never disagree on what "pitch_deck" or "12 days ago" reads like.
 */
const CONTENT_TYPE_LABELS = {
    battlecard: 'Battlecard',
    product_sheet: 'Product sheet',
    pitch_deck: 'Pitch deck',
    demo_script: 'Demo script',
    pricing_guide: 'Pricing guide',
    faq: 'FAQ',
    best_practice: 'Best practice',
    case_study: 'Case study',
    win_loss_analysis: 'Win/loss analysis',
    account_insight: 'Account insight',
    stakeholder_map: 'Stakeholder map',
    deal_story: 'Deal story',
    objection_handling: 'Objection handling'
};

const KIND_LABELS = { capability: 'Capability', situational: 'Situational' };

/** Unknown codes (a type added on the server first) still read acceptably. */
function humanize(code) {
    const text = String(code || '').replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
}

export const contentTypeLabel = (type) => CONTENT_TYPE_LABELS[type] || humanize(type);
export const kindLabel = (kind) => KIND_LABELS[kind] || humanize(kind);

export function authorNames(authors) {
    return (authors || []).map((a) => a.name).join(', ');
}

const UNITS = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60]
];

/**
 * "12 days ago", "yesterday", "just now". Days rather than weeks up to a month, because
 * verification intervals are set in days. `now` is a parameter so tests are deterministic.
 */
export function timeAgo(iso, now = Date.now()) {
    const then = Date.parse(iso);
    if (Number.isNaN(then)) {
        return '';
    }
    const seconds = Math.round((then - now) / 1000);
    const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    for (const [unit, size] of UNITS) {
        if (Math.abs(seconds) >= size) {
            return format.format(Math.trunc(seconds / size), unit);
        }
    }
    return 'just now';
}

export function formatDate(iso) {
    if (!iso) {
        return '';
    }
    const date = new Date(`${iso}`.length === 10 ? `${iso}T00:00:00Z` : iso);
    return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatAmount(amount, currency = 'USD') {
    if (amount === null || amount === undefined) {
        return '';
    }
    try {
        return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
    } catch {
        // An unknown currency code must not break the page: show the number with its code.
        return `${currency} ${Math.round(amount).toLocaleString('en')}`;
    }
}

/**
 * An amount the reader may see exactly, or else its size band: the hub sends `amount: null` with
 * a band wherever the deal's owner, their leaders and admins alone may see the figure.
 */
export function formatAmountOrBand(amount, band, currency = 'USD') {
    if (amount !== null && amount !== undefined) {
        return formatAmount(amount, currency);
    }
    return band ? `band ${band}` : '';
}

const NAMED_ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, code) => {
        if (code[0] === '#') {
            const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
            return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
        }
        return NAMED_ENTITIES[code.toLowerCase()] ?? entity;
    });
}

/**
 * Splits a search highlight ("escaped text with <mark> tags") into text segments, marking
 * the ones inside <mark>. Any other tag stays literal text, whether or not it was escaped.
 */
export function parseHighlight(value) {
    const segments = [];
    let marked = false;
    String(value ?? '')
        .split(/(<mark>|<\/mark>)/i)
        .forEach((part) => {
            const tag = part.toLowerCase();
            if (tag === '<mark>' || tag === '</mark>') {
                marked = tag === '<mark>';
            } else if (part) {
                segments.push({ key: `${segments.length}`, text: decodeEntities(part), marked });
            }
        });
    return segments;
}
