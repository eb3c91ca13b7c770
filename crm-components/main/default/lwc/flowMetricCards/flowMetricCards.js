import { LightningElement, api } from 'lwc';
import { formatDays, formatNumber, formatPercent } from 'c/flowFormat';
import { formatAmountOrBand } from 'c/knowledgeFormat';

const teamName = (figures) => figures.team || 'No team';

/**
 * A card over two counts and the figure they make (a share of them, a median, an amount): the card
 * shows the figure and, below it, the counts in words (`detail` words them); its drill-down lists
 * the counts and the figure per team under `columns`.
 */
function card(key, label, [first, second], figure, { hint, detail, columns }) {
    return {
        key,
        label,
        hint,
        columns,
        value: figure,
        detail: (o) => detail(formatNumber(o[first]), formatNumber(o[second])),
        cells: (t) => [formatNumber(t[first]), formatNumber(t[second]), figure(t)]
    };
}

const percentOf = (field) => (figures) => formatPercent(figures[field]);
const daysOf = (field) => (figures) => formatDays(figures[field]);
const wonAmount = (figures) => formatAmountOrBand(figures.influencedWonAmount, figures.influencedWonAmountBand);

/**
 * What each card shows and what its drill-down lists: the teams behind the figure, and for
 * won-deal influence also the items and their owners.
 */
const METRICS = [
    card('reuse', 'Reused by others', ['publishedItems', 'reusedItems'], percentOf('reuseShare'), {
        hint: 'Share of published items someone other than their authors used: sharing versus hoarding.',
        detail: (published, reused) => `${reused} of ${published} items`,
        columns: ['Published', 'Reused by others', 'Share']
    }),
    card('firstReuse', 'Median time to first reuse', ['publishedInPeriod', 'reusedSincePublish'], daysOf('medianDaysToFirstReuse'), {
        hint: 'From publishing to the first use by someone else, for items published in the period.',
        detail: (published, reused) => `${reused} of ${published} new items reused`,
        columns: ['Published in period', 'Reused since', 'Median']
    }),
    card('attach', 'Open deals with an item', ['openOpportunities', 'openWithAttachment'], percentOf('attachShare'), {
        hint: 'Share of open opportunities with at least one attached knowledge item.',
        detail: (open, attached) => `${attached} of ${open} open deals`,
        columns: ['Open deals', 'With an item', 'Share']
    }),
    card('crossTeam', 'Cross-team reach', ['crossTeamItems', 'crossTeamUses'], percentOf('crossTeamShare'), {
        hint: 'Share of items used by people in another team than their authors.',
        detail: (items, uses) => `${items} items, ${uses} uses elsewhere`,
        columns: ['Items used elsewhere', 'Uses elsewhere', 'Share']
    }),
    card('influence', 'Won-deal influence', ['influencedItems', 'influencedWonDeals'], wonAmount, {
        hint: 'Amount of won deals that had knowledge items attached or used.',
        detail: (items, deals) => `${items} items in ${deals} won deals`,
        columns: ['Items', 'Won deals', 'Won amount']
    })
];

const ITEM_COLUMNS = [
    { fieldName: 'title', label: 'Item', rowHeader: true, wrap: true },
    { fieldName: 'ownerName', label: 'Owner' },
    { fieldName: 'teamText', label: 'Team' },
    { fieldName: 'wonDeals', label: 'Won deals', align: 'right' },
    { fieldName: 'wonAmountText', label: 'Won amount', align: 'right' }
];

/** The headline figures as cards; each opens the teams, items and people behind it. */
export default class FlowMetricCards extends LightningElement {
    /** The `/api/flow/metrics` response. */
    @api metrics;
    /** `[{ id, name }]` to name the owners of influential items. */
    @api users = [];
    openKey;
    itemColumns = ITEM_COLUMNS;

    get cards() {
        const overall = this.metrics.overall;
        return METRICS.map((metric) => {
            const open = metric.key === this.openKey;
            return {
                key: metric.key,
                label: metric.label,
                hint: metric.hint,
                value: metric.value(overall),
                detail: metric.detail(overall),
                expanded: open ? 'true' : 'false',
                cardClass: `flow-card slds-box slds-box_small${open ? ' flow-card_open' : ''}`,
                buttonLabel: `Details of ${metric.label}`
            };
        });
    }

    get drill() {
        const metric = METRICS.find((m) => m.key === this.openKey);
        if (!metric) {
            return undefined;
        }
        const teams = this.metrics.teams || [];
        return {
            title: `${metric.label} by team`,
            columns: [
                { fieldName: 'team', label: 'Team', rowHeader: true },
                ...metric.columns.map((label, index) => ({ fieldName: `figure${index}`, label }))
            ],
            rows: teams.map((t) => ({
                key: teamName(t),
                team: teamName(t),
                ...Object.fromEntries(metric.cells(t).map((text, index) => [`figure${index}`, text]))
            })),
            showItems: metric.key === 'influence' && this.topItems.length > 0
        };
    }

    get topItems() {
        const names = new Map((this.users || []).map((u) => [u.id, u.name]));
        return ((this.metrics.influence && this.metrics.influence.topItems) || []).map((item) => ({
            ...item,
            key: item.id,
            ownerName: names.get(item.ownerId) || item.ownerId,
            teamText: item.team || 'No team',
            wonAmountText: formatAmountOrBand(item.wonAmount, item.wonAmountBand)
        }));
    }

    handleToggle(event) {
        const key = event.currentTarget.dataset.key;
        this.openKey = this.openKey === key ? undefined : key;
    }
}
