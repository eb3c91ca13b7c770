import { LightningElement, api } from 'lwc';
import { formatDays, formatNumber, formatPercent } from 'c/flowFormat';
import { formatAmountOrBand } from 'c/knowledgeFormat';

const teamName = (figures) => figures.team || 'No team';

/**
 * What each card shows and what its drill-down lists: the teams behind the figure, and for
 * won-deal influence also the items and their owners.
 */
const METRICS = [
    {
        key: 'reuse',
        label: 'Reused by others',
        hint: 'Share of published items someone other than their authors used: sharing versus hoarding.',
        value: (o) => formatPercent(o.reuseShare),
        detail: (o) => `${formatNumber(o.reusedItems)} of ${formatNumber(o.publishedItems)} items`,
        columns: ['Published', 'Reused by others', 'Share'],
        cells: (t) => [formatNumber(t.publishedItems), formatNumber(t.reusedItems), formatPercent(t.reuseShare)]
    },
    {
        key: 'firstReuse',
        label: 'Median time to first reuse',
        hint: 'From publishing to the first use by someone else, for items published in the period.',
        value: (o) => formatDays(o.medianDaysToFirstReuse),
        detail: (o) => `${formatNumber(o.reusedSincePublish)} of ${formatNumber(o.publishedInPeriod)} new items reused`,
        columns: ['Published in period', 'Reused since', 'Median'],
        cells: (t) => [formatNumber(t.publishedInPeriod), formatNumber(t.reusedSincePublish), formatDays(t.medianDaysToFirstReuse)]
    },
    {
        key: 'attach',
        label: 'Open deals with an item',
        hint: 'Share of open opportunities with at least one attached knowledge item.',
        value: (o) => formatPercent(o.attachShare),
        detail: (o) => `${formatNumber(o.openWithAttachment)} of ${formatNumber(o.openOpportunities)} open deals`,
        columns: ['Open deals', 'With an item', 'Share'],
        cells: (t) => [formatNumber(t.openOpportunities), formatNumber(t.openWithAttachment), formatPercent(t.attachShare)]
    },
    {
        key: 'crossTeam',
        label: 'Cross-team reach',
        hint: 'Share of items used by people in another team than their authors.',
        value: (o) => formatPercent(o.crossTeamShare),
        detail: (o) => `${formatNumber(o.crossTeamItems)} items, ${formatNumber(o.crossTeamUses)} uses elsewhere`,
        columns: ['Items used elsewhere', 'Uses elsewhere', 'Share'],
        cells: (t) => [formatNumber(t.crossTeamItems), formatNumber(t.crossTeamUses), formatPercent(t.crossTeamShare)]
    },
    {
        key: 'influence',
        label: 'Won-deal influence',
        hint: 'Amount of won deals that had knowledge items attached or used.',
        value: (o) => formatAmountOrBand(o.influencedWonAmount, o.influencedWonAmountBand),
        detail: (o) => `${formatNumber(o.influencedItems)} items in ${formatNumber(o.influencedWonDeals)} won deals`,
        columns: ['Items', 'Won deals', 'Won amount'],
        cells: (t) => [
            formatNumber(t.influencedItems),
            formatNumber(t.influencedWonDeals),
            formatAmountOrBand(t.influencedWonAmount, t.influencedWonAmountBand)
        ]
    }
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
