/**
 * How knowledge-flow figures read on screen and in the CSV export, shared by the dashboard and
 * its parts so a "47.6%" on a card is the same "47.6%" in the chart and the file.
 */

/** A 0..1 share as a percentage; `null` (nothing to divide by) reads as a dash. */
export function formatPercent(share) {
    if (share === null || share === undefined || Number.isNaN(Number(share))) {
        return '–';
    }
    return `${(Number(share) * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%`;
}

export function formatNumber(value, maximumFractionDigits = 1) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) {
        return '–';
    }
    return Number(value).toLocaleString('en', { maximumFractionDigits });
}

export function formatDays(days) {
    if (days === null || days === undefined) {
        return '–';
    }
    const text = formatNumber(days);
    return `${text} ${Number(days) === 1 ? 'day' : 'days'}`;
}

const REASON_LABELS = {
    unused: 'Not reused',
    never_found: 'Never found in search',
    restricted: 'Visible to too few',
    verification_overdue: 'Verification overdue',
    expired: 'Expired'
};

export function deadReasonLabel(reason) {
    return REASON_LABELS[reason] || String(reason || '').replace(/_/g, ' ');
}

export const DEAD_REASONS = Object.keys(REASON_LABELS);

const DIMENSION_LABELS = { competitor: 'Competitor', industry: 'Industry', product: 'Product' };
export const dimensionLabel = (dimension) => DIMENSION_LABELS[dimension] || dimension;

const ROLE_GROUPS = { rep: 'Reps', author: 'Authors', leader: 'Leaders', admin: 'Admins' };

/**
 * "Reps: 3 searches · Authors: 1 search": who searched, by role, most first. Plural role names
 * and the word "searches" keep it from reading like people's names ("author 2").
 */
export function rolesText(roles) {
    return Object.entries(roles || {})
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([role, count]) => `${ROLE_GROUPS[role] || humanRole(role)}: ${count} ${Number(count) === 1 ? 'search' : 'searches'}`)
        .join(' · ');
}

function humanRole(role) {
    const text = String(role || 'Others').replace(/_/g, ' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}s`;
}

/**
 * A CSV cell. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, as the hub's own credits export does; numbers are ours and stay numbers.
 */
export function csvCell(value) {
    if (value === null || value === undefined) {
        return '';
    }
    if (typeof value === 'number') {
        return Number.isFinite(value) ? String(value) : '';
    }
    const text = String(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows of cells to CSV text with CRLF line ends (what spreadsheets expect). `ownColumns` are the
 * indexes of columns whose text the code wrote itself (e.g. "-7.5 pts"): they are quoted when
 * needed but not apostrophe-guarded, so the file reads as the screen does; names and titles,
 * which people typed, are always guarded.
 */
export function toCsv(rows, ownColumns = []) {
    const own = new Set(ownColumns);
    const cell = (value, index) => {
        if (!own.has(index) || typeof value !== 'string') {
            return csvCell(value);
        }
        return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    };
    return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

const TEAM_COLUMNS = [
    'section',
    'team',
    'publishedItems',
    'reusedItems',
    'reuseShare',
    'medianDaysToFirstReuse',
    'openOpportunities',
    'openWithAttachment',
    'attachShare',
    'crossTeamItems',
    'crossTeamShare',
    'influencedItems',
    'influencedWonDeals',
    'influencedWonAmount',
    'influencedWonAmountBand',
    'sharing',
    'participating',
    'contributing',
    'activePeople',
    'lastTwoWeeksPerDay',
    'restPerDay',
    'quarterEndRatio'
];

function teamRow(section, figures) {
    const engagement = figures.engagement || {};
    const quarterEnd = figures.quarterEnd || {};
    return [
        section,
        figures.team || 'All teams',
        figures.publishedItems,
        figures.reusedItems,
        figures.reuseShare,
        figures.medianDaysToFirstReuse,
        figures.openOpportunities,
        figures.openWithAttachment,
        figures.attachShare,
        figures.crossTeamItems,
        figures.crossTeamShare,
        figures.influencedItems,
        figures.influencedWonDeals,
        figures.influencedWonAmount,
        figures.influencedWonAmountBand,
        engagement.sharing,
        engagement.participating,
        engagement.contributing,
        engagement.activePeople,
        quarterEnd.lastTwoWeeksPerDay,
        quarterEnd.restPerDay,
        quarterEnd.ratio
    ];
}

/**
 * The figures on the dashboard as one CSV: a block per section, each with its own header row,
 * so the file opens in a spreadsheet without guessing which columns belong together.
 */
export function flowCsv({ metrics, deadContent, searchGaps, pipelineGaps, period, team }) {
    const rows = [['Knowledge flow', `from ${period.from} to ${period.to}`, team ? `team ${team}` : 'all teams']];
    if (metrics) {
        rows.push([], TEAM_COLUMNS, teamRow('overall', metrics.overall), ...(metrics.teams || []).map((t) => teamRow('team', t)));
        rows.push([], ['section', 'itemId', 'title', 'ownerId', 'team', 'wonDeals', 'wonAmount', 'wonAmountBand']);
        (metrics.influence?.topItems || []).forEach((item) =>
            rows.push([
                'won-deal influence',
                item.id,
                item.title,
                item.ownerId,
                item.team,
                item.wonDeals,
                item.wonAmount,
                item.wonAmountBand
            ])
        );
    }
    if (deadContent) {
        rows.push([], ['section', 'ownerName', 'team', 'itemId', 'title', 'reasons', 'suggestArchive']);
        (deadContent.owners || []).forEach((owner) =>
            owner.items.forEach((item) =>
                rows.push([
                    'dead content',
                    owner.ownerName,
                    owner.team,
                    item.id,
                    item.title,
                    item.reasons.join(' '),
                    item.suggestArchive ? 'yes' : 'no'
                ])
            )
        );
    }
    if (searchGaps) {
        rows.push([], ['section', 'query', 'searches', 'noResults', 'noClick', 'roles', 'lastSearchedAt']);
        (searchGaps.gaps || []).forEach((gap) =>
            rows.push(['search gap', gap.query, gap.searches, gap.noResults, gap.noClick, rolesText(gap.roles), gap.lastSearchedAt])
        );
    }
    if (pipelineGaps) {
        rows.push([], ['section', 'dimension', 'value', 'weight', 'deals']);
        (pipelineGaps.gaps || []).forEach((gap) => rows.push(['pipeline gap', gap.dimension, gap.value, gap.weight, gap.deals]));
    }
    return toCsv(rows);
}
