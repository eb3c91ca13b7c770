/**
 * How credits read on screen, shared by the leaderboard, the statement and the period picker so
 * they never disagree on what "12.5 pts", "this quarter" or an `attach` line means.
 */
export const PERIOD_PRESETS = [
    { value: 'this_quarter', label: 'This quarter' },
    { value: 'last_quarter', label: 'Last quarter' },
    { value: 'this_year', label: 'This year' },
    { value: 'custom', label: 'Custom' }
];

const isoDate = (year, monthIndex, day) => new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);

/**
 * Whole calendar periods in UTC (the ledger's day boundaries), so a statement for "last quarter"
 * is the same request, and so the same digest, whenever it is asked. `to` is inclusive.
 */
export function periodRange(preset, today = new Date()) {
    const year = today.getUTCFullYear();
    const quarterStart = Math.floor(today.getUTCMonth() / 3) * 3;
    switch (preset) {
        case 'last_quarter':
            return { from: isoDate(year, quarterStart - 3, 1), to: isoDate(year, quarterStart, 0) };
        case 'this_year':
            return { from: isoDate(year, 0, 1), to: isoDate(year, 11, 31) };
        default:
            return { from: isoDate(year, quarterStart, 1), to: isoDate(year, quarterStart + 3, 0) };
    }
}

/** The starting period of every credits view. */
export function defaultPeriod(today = new Date()) {
    return { preset: 'this_quarter', ...periodRange('this_quarter', today) };
}

/** Milli-points as points with one decimal: 12500 → "12.5 pts"; reversals keep their minus sign. */
export function formatPoints(milliPoints) {
    const points = (Number(milliPoints) || 0) / 1000;
    return `${points.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} pts`;
}

/** An author's share of an item (0..1) as a percentage: 0.333333 → "33.3%", 1 → "100%". */
export function formatShare(share) {
    if (share === null || share === undefined || Number.isNaN(Number(share))) {
        return '';
    }
    return `${(Number(share) * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%`;
}

const TYPE_LABELS = {
    view: 'View',
    share_internal: 'Shared internally',
    share_external: 'Shared with a client',
    attach: 'Attached to a deal',
    helpful: 'Marked helpful',
    derive: 'Derived',
    influence: 'Won-deal influence'
};

/** Any `*_reversal` type (the hub names them after what they cancel) reads as one word. */
export function creditTypeLabel(type) {
    if (/reversal$/.test(String(type || ''))) {
        return 'Reversal';
    }
    if (TYPE_LABELS[type]) {
        return TYPE_LABELS[type];
    }
    const text = String(type || '').replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The standalone transport keeps the HTTP status; the Apex proxy only passes the hub's
 * message on, so the error code is the fallback that works wherever the body survives.
 */
export function isForbidden(error) {
    return !!error && (error.status === 403 || (error.body && error.body.code === 'forbidden'));
}
