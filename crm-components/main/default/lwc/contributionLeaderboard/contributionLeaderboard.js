import { LightningElement } from 'lwc';
import { getCreditLeaderboard, getMe, listUsers } from 'c/hubApi';
import { defaultPeriod, formatTenths } from 'c/creditFormat';
import { formatDate } from 'c/knowledgeFormat';
import { trackLatest } from 'c/loadState';

/** Roles the hub lets export credits for commission plans (reps and authors get 403). */
const EXPORT_ROLES = ['leader', 'admin'];

/** The widest trend bar, in pixels: small enough for four of them to fit a phone's table cell. */
const BAR_PX = 32;

/**
 * Who earned credit for reuse of their work in a period, by team. Choosing a person fires
 * `select` with `{ userId }`; the host opens that person's statement.
 */
export default class ContributionLeaderboard extends LightningElement {
    me;
    teams = [];
    team = '';
    period = defaultPeriod();
    rows;
    /** The trend's quarters (oldest first) and each visible team's points in them. */
    quarters = [];
    teamTrends = [];
    error;
    isLoading = true;
    loadLabels = { loading: 'Loading the leaderboard', failure: 'The leaderboard could not be loaded.' };
    requestSeq = 0;

    connectedCallback() {
        this.init();
    }

    /** Who is asking decides the team choices and the default team, so it comes first. */
    async init() {
        this.isLoading = true;
        this.error = undefined;
        try {
            const [me, directory] = await Promise.all([getMe(), listUsers()]);
            this.me = me;
            this.teams = visibleTeams(me, directory.users || []);
            // A leader's first question is about the team they lead.
            this.team = me.role === 'leader' && me.leadsTeams && me.leadsTeams[0] ? me.leadsTeams[0] : '';
        } catch (error) {
            this.error = error;
            this.isLoading = false;
            return;
        }
        this.load();
    }

    async load() {
        await trackLatest(
            this,
            () => getCreditLeaderboard({ from: this.period.from, to: this.period.to, team: this.team || undefined }),
            (board) => {
                this.rows = board ? board.rows || [] : undefined;
                if (board) {
                    this.quarters = board.quarters || [];
                    this.teamTrends = board.teams || [];
                }
            }
        );
    }

    handleRetry() {
        return this.me ? this.load() : this.init();
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get canExport() {
        return !!this.me && EXPORT_ROLES.includes(this.me.role);
    }

    /**
     * The ranking's columns (c-data-table): the person's name is the row header and a button that
     * opens their statement; views, engagement levels and the quarters appear when the hub sends them.
     */
    get columns() {
        const figure = (fieldName, label) => ({ fieldName, label, align: 'right' });
        return [
            figure('rank', 'Rank'),
            { fieldName: 'name', label: 'Person', rowHeader: true, action: 'open' },
            { fieldName: 'team', label: 'Team' },
            figure('pointsText', 'Points'),
            figure('items', 'Items'),
            figure('reusedBy', 'Reused by'),
            ...(this.hasViews ? [figure('viewsText', 'Views')] : []),
            ...(this.hasEngagement
                ? [
                      figure('sharingText', 'Sharing'),
                      figure('participatingText', 'Participating'),
                      figure('contributingText', 'Contributing')
                  ]
                : []),
            ...this.quarterColumns
        ];
    }

    /** One column per quarter: a figure with its bar (the team comparison has the same ones). */
    get quarterColumns() {
        return this.quarters.map((q) => ({ fieldName: q.label, label: q.label, type: 'bar', align: 'right', cellClass: 'trend-cell' }));
    }

    get tableRows() {
        return (this.rows || []).map((row, index) => ({
            ...row,
            key: row.userId,
            rank: index + 1,
            pointsText: formatTenths(row.milliPoints / 1000),
            nameTitle: `Open the credit statement of ${row.name}`,
            viewsText: formatCount(row.views),
            sharingText: formatTenths(row.engagement && row.engagement.sharing),
            participatingText: formatTenths(row.engagement && row.engagement.participating),
            contributingText: formatTenths(row.engagement && row.engagement.contributing),
            ...this.quarterCells(this.trendCells(row.trend))
        }));
    }

    /** Bar cells as the row fields c-data-table reads, one per quarter column. */
    quarterCells(cells) {
        return Object.fromEntries(cells.map((cell) => [cell.key, cell]));
    }

    /** Whether the hub sent the last quarters (older hubs do not): the trend columns appear only then. */
    get hasTrend() {
        return this.quarters.length > 0;
    }

    /**
     * One cell per quarter: the points as text (what the CSV writes, and what a screen reader
     * reads) and a small bar scaled to the row's best quarter, hidden from assistive technology.
     */
    trendCells(trend) {
        return this.barCells(trend, Math.max(0, ...(trend || []).map((mp) => mp / 1000)));
    }

    /** One cell per quarter, its bar scaled against `top` points. */
    barCells(trend, top) {
        const values = (trend || []).map((mp) => mp / 1000);
        return this.quarters.map((q, i) => {
            const value = values[i] ?? 0;
            const width = top > 0 && value > 0 ? Math.max(2, Math.round((value / top) * BAR_PX)) : 0;
            return { key: q.label, text: formatTenths(value), barStyle: `width: ${width}px` };
        });
    }

    /** The team comparison's columns: the team, then a figure with its bar per quarter. */
    get teamColumns() {
        return [{ fieldName: 'team', label: 'Team', rowHeader: true }, ...this.quarterColumns];
    }

    get hasTeamTrends() {
        return this.hasTrend && this.teamTrends.length > 0;
    }

    /** The team comparison: every team the viewer may see, bars on one scale so teams compare. */
    get teamRows() {
        const top = Math.max(0, ...this.teamTrends.flatMap((t) => t.trend.map((mp) => mp / 1000)));
        return this.teamTrends.map((t) => ({
            key: t.team,
            team: t.team,
            ...this.quarterCells(this.barCells(t.trend, top))
        }));
    }

    /** The running quarter is named in the legend, since its figure will still grow. */
    get partialQuarterText() {
        const running = this.quarters.find((q) => q.partial);
        return running ? ` ${running.label} is still running.` : '';
    }

    /** Announced after each load (period or team change): how many people, for what. */
    get resultStatus() {
        if (this.isLoading || this.error || !this.rows) {
            return '';
        }
        const n = this.rows.length;
        return n === 0 ? 'No credits in this period.' : `${n} ${n === 1 ? 'person' : 'people'} ranked. ${this.caption}.`;
    }

    get hasRows() {
        return this.tableRows.length > 0;
    }

    /** The hub adds engagement levels when it computes them; the columns appear only then. */
    get hasEngagement() {
        return (this.rows || []).some((row) => !!row.engagement);
    }

    /** Raw views, when the hub sends them, sit beside "reused by" so the two are not confused. */
    get hasViews() {
        return (this.rows || []).some((row) => typeof row.views === 'number');
    }

    get caption() {
        const scope = this.team ? `team ${this.team}` : 'all teams you can see';
        return `Contribution credits for ${scope}, ${formatDate(this.period.from)} to ${formatDate(this.period.to)}`;
    }

    handlePeriodChange(event) {
        this.period = event.detail;
        this.load();
    }

    handleTeamChange(event) {
        this.team = event.detail.value;
        this.load();
    }

    /** The name's button in the table (`rowaction` with the row's key, the user id). */
    handleSelect(event) {
        this.dispatchEvent(new CustomEvent('select', { detail: { userId: event.detail.key } }));
    }
}

/** Whole counts (views) as the CSV writes them: no thousands separator. */
function formatCount(value) {
    return typeof value === 'number' ? String(value) : '';
}

/** Admins choose among every team; others only among the teams the hub will show them. */
function visibleTeams(me, users) {
    const all = users.map((u) => u.team).filter(Boolean);
    const own = [me.team, ...(me.leadsTeams || [])].filter(Boolean);
    const teams = me.role === 'admin' ? [...all, ...own] : all.filter((t) => own.includes(t)).concat(own);
    return [...new Set(teams)].sort((a, b) => a.localeCompare(b));
}
