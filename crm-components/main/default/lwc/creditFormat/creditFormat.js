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

/** What happened, in words, per ledger type (who did it is its own column). */
const HAPPENED = {
    view: 'Viewed the item',
    share_internal: 'Shared it with a colleague',
    share_external: 'Shared it with a client',
    attach: 'Attached it to a deal',
    helpful: 'Marked it helpful',
    derive: 'Derived a new item from it',
    flag_outdated: 'Flagged it outdated',
    influence: 'Won a deal it helped'
};

export function whatHappened(type) {
    if (/reversal$/.test(String(type || ''))) {
        return 'Credit cancelled: the deal was reopened or lost';
    }
    return HAPPENED[type] || creditTypeLabel(type);
}

/**
 * A moment in the reader's own time zone ("Oct 6, 2026, 11:14 AM"): the ledger stores UTC, people
 * think in local time. `timeZone` is for tests; the browser's zone otherwise.
 */
export function formatLocalTime(iso, timeZone) {
    const date = new Date(iso);
    if (!iso || Number.isNaN(date.getTime())) {
        return '';
    }
    const options = { dateStyle: 'medium', timeStyle: 'short' };
    if (timeZone) {
        options.timeZone = timeZone;
    }
    return new Intl.DateTimeFormat('en', options).format(date);
}

export const HIDDEN_ITEM = 'An item you may not open';
export const HIDDEN_DEAL = 'A deal you may not see';
export const HIDDEN_PERSON = 'Someone you may not see';

/** The statement table's columns, in screen order; the CSV uses exactly these. */
export const STATEMENT_COLUMNS = ['When', 'What happened', 'Who', 'Item', 'Deal', 'Rule', 'Share', 'Points'];

const DEAL_TYPES = /^(attach|influence)/;

function fill(pattern, id) {
    return pattern && id ? pattern.replace('{id}', encodeURIComponent(id)) : undefined;
}

/**
 * A statement as people read it, and the one source of both the screen and the CSV: lines grouped
 * by item (groups in the order their first line happened), each group's lines by time, with a
 * subtotal per item and the total. Rows are arrays of cell texts in `STATEMENT_COLUMNS` order.
 * The hub keeps the lines in ledger order (what the signature and digest cover); sorting by time
 * is for reading only.
 */
export function statementTable(statement, { itemHrefPattern, dealHrefPattern, timeZone } = {}) {
    const hidden = new Set(statement.hiddenLines || []);
    const groups = new Map();
    (statement.lines || []).forEach((line, index) => {
        const key = line.contentId || '(hidden)';
        if (!groups.has(key)) {
            groups.set(key, {
                key,
                contentId: line.contentId,
                title: line.contentTitle || (line.contentId ? line.contentId : HIDDEN_ITEM),
                lines: []
            });
        }
        groups.get(key).lines.push({ line, index });
    });
    const byTime = (a, b) => (a.line.at < b.line.at ? -1 : a.line.at > b.line.at ? 1 : a.line.seq - b.line.seq);
    const sorted = [...groups.values()].map((g) => ({ ...g, lines: [...g.lines].sort(byTime) }));
    sorted.sort((a, b) => byTime(a.lines[0], b.lines[0]));
    return {
        columns: STATEMENT_COLUMNS,
        groups: sorted.map((group) => {
            const subtotal = group.lines.reduce((sum, { line }) => sum + line.milliPoints, 0);
            const itemHref = fill(itemHrefPattern, group.contentId);
            return {
                key: group.key,
                title: group.title,
                itemHref,
                rows: group.lines.map(({ line, index }) => {
                    const dealHidden = !line.opportunityId && hidden.has(index) && DEAL_TYPES.test(line.type);
                    const deal = line.opportunityName || line.opportunityId || (dealHidden ? HIDDEN_DEAL : '—');
                    const who = line.actorName || HIDDEN_PERSON;
                    return {
                        key: `${line.entryId}`,
                        negative: line.milliPoints < 0,
                        itemHref,
                        dealHref: fill(dealHrefPattern, line.opportunityId),
                        cells: [
                            formatLocalTime(line.at, timeZone),
                            whatHappened(line.type),
                            who,
                            group.title,
                            deal,
                            line.rule || creditTypeLabel(line.type),
                            formatShare(line.share),
                            formatPoints(line.milliPoints)
                        ]
                    };
                }),
                subtotalCells: ['', 'Subtotal', '', group.title, '', '', '', formatPoints(subtotal)]
            };
        }),
        totalCells: ['', 'Total', '', '', '', '', '', formatPoints(statement.totalMilliPoints)]
    };
}

/** Every row of the screen table (lines, subtotals, total) in screen order, as CSV rows. */
export function statementCsvRows(table) {
    const rows = [table.columns];
    for (const group of table.groups) {
        for (const row of group.rows) {
            rows.push(row.cells);
        }
        rows.push(group.subtotalCells);
    }
    rows.push(table.totalCells);
    return rows;
}

/**
 * One decimal, no thousands separator: how the leaderboard shows points and the three engagement
 * levels, on screen and in its CSV (the hub's `tenths` in server/credits/leaderboardCsv.ts is the
 * same rule). Contributing is fractional (shares of items), so the other two share its precision.
 */
export function formatTenths(value) {
    const number = Number(value);
    // Half away from zero, so a reversal of -0.25 reads -0.3 like its +0.25 reads 0.3.
    return Number.isFinite(number) ? ((Math.sign(number) * Math.round(Math.abs(number) * 10)) / 10).toFixed(1) : '';
}
