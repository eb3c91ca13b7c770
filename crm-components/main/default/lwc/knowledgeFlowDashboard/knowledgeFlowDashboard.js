import { LightningElement, api } from 'lwc';
import { getDeadContent, getFlowMetrics, getMe, getPipelineGaps, getSearchGaps, listContentRequests, listUsers } from 'c/hubApi';
import { defaultPeriod } from 'c/creditFormat';
import { flowCsv } from 'c/flowFormat';
import { formatDate } from 'c/knowledgeFormat';

const ENGAGEMENT_SERIES = [
    { key: 'sharing', label: 'Sharing' },
    { key: 'participating', label: 'Participating' },
    { key: 'contributing', label: 'Contributing' }
];
const QUARTER_END_SERIES = [
    { key: 'lastTwoWeeksPerDay', label: 'Last two weeks of the quarter' },
    { key: 'restPerDay', label: 'Rest of the quarter' }
];
/** The two charts side by side: which figures of each team they draw (`values`), and a note under one. */
const CHARTS = [
    { key: 'engagement', label: 'Engagement by team (events in the period)', values: 'engagement', series: ENGAGEMENT_SERIES },
    {
        key: 'quarterEnd',
        label: 'Contributions per day: quarter end versus the rest',
        values: 'quarterEnd',
        series: QUARTER_END_SERIES,
        note: 'Only days that have begun are counted: a dash means that part of the quarter has not started yet.'
    }
];

/**
 * Where knowledge flows and where it is stuck, for leaders and admins: headline metrics with
 * drill-down, engagement charts, dead content with owner actions and content gaps. Each section
 * loads on its own, so one failing report leaves the others readable.
 */
export default class KnowledgeFlowDashboard extends LightningElement {
    /** Where item titles link to: a URL with `{id}` (the standalone page sets it). No link without it. */
    @api itemHrefPattern;
    me;
    users = [];
    teams = [];
    team = '';
    period = defaultPeriod();
    days = 90;
    sections = {};
    initError;
    isStarting = true;
    requestSeq = 0;
    startLabels = { loading: 'Loading the knowledge flow', failure: 'The knowledge flow could not be loaded.' };
    metricsLabels = { loading: 'Loading the flow metrics', failure: 'The flow metrics could not be loaded.' };
    deadLabels = { loading: 'Loading dead content', failure: 'Dead content could not be loaded.' };
    gapsLabels = { loading: 'Loading content gaps', failure: 'Content gaps could not be loaded.' };

    connectedCallback() {
        this.init();
    }

    async init() {
        this.isStarting = true;
        this.initError = undefined;
        try {
            const [me, directory] = await Promise.all([getMe(), listUsers()]);
            this.me = me;
            this.users = directory.users || [];
            this.teams = visibleTeams(me, this.users);
            // One led team: start there. Several: start with all of them, so the charts compare
            // the teams side by side instead of showing one team's bars.
            const led = me.leadsTeams || [];
            this.team = me.role === 'leader' && led.length === 1 ? led[0] : '';
        } catch (error) {
            this.initError = error;
            return;
        } finally {
            this.isStarting = false;
        }
        this.loadAll();
    }

    loadAll() {
        const seq = ++this.requestSeq;
        const { from, to } = this.period;
        const team = this.team || undefined;
        const loaders = {
            metrics: () => getFlowMetrics({ from, to, team }),
            dead: () => getDeadContent({ days: this.days, team }),
            searchGaps: () => getSearchGaps({ from, to }),
            pipelineGaps: () => getPipelineGaps({ team })
        };
        if (this.isAdmin) {
            loaders.requests = () => listContentRequests();
        }
        Object.entries(loaders).forEach(([name, load]) => this.loadSection(name, load, seq));
    }

    /** A newer filter choice wins: answers to older requests are dropped. */
    async loadSection(name, load, seq = this.requestSeq) {
        this.sections = { ...this.sections, [name]: { isLoading: true } };
        try {
            const data = await load();
            if (seq === this.requestSeq) {
                this.sections = { ...this.sections, [name]: { data } };
            }
        } catch (error) {
            if (seq === this.requestSeq) {
                this.sections = { ...this.sections, [name]: { error } };
            }
        }
    }

    /** The viewer and the directory answered: the filter and the sections show. */
    get started() {
        return !this.isStarting && !this.initError;
    }

    get isAdmin() {
        return !!this.me && this.me.role === 'admin';
    }

    get metrics() {
        return this.sections.metrics || { isLoading: true };
    }

    /** Person-to-person flow beside item reuse: experts contacted in the period (from a deal or not). */
    get expertContactsText() {
        const c = this.metrics.data && this.metrics.data.expertContacts;
        if (!c) {
            return '';
        }
        return `Experts contacted: ${c.total} ${c.total === 1 ? 'time' : 'times'}, ${c.fromDeals} from a deal.`;
    }

    get dead() {
        return this.sections.dead || { isLoading: true };
    }

    /** Gaps show once both halves answered; either failing shows its error. */
    get gaps() {
        const search = this.sections.searchGaps || { isLoading: true };
        const pipeline = this.sections.pipelineGaps || { isLoading: true };
        const isLoading = search.isLoading || pipeline.isLoading;
        const error = search.error || pipeline.error;
        return {
            isLoading,
            error,
            loaded: !isLoading && !error,
            search: search.data,
            pipeline: pipeline.data
        };
    }

    get requests() {
        const section = this.sections.requests;
        return (section && section.data && section.data.requests) || [];
    }

    get authors() {
        return this.users.filter((u) => u.role === 'author').map((u) => ({ id: u.id, name: u.name }));
    }

    get scopeText() {
        const scope = this.team ? `Team ${this.team}` : 'All teams you can see';
        return `${scope}, ${formatDate(this.period.from)} to ${formatDate(this.period.to)}`;
    }

    /** Per-team bars; a single-team view still charts that team. */
    get chartTeams() {
        const data = this.metrics.data;
        return data ? (data.teams.length ? data.teams : [data.overall]) : [];
    }

    /** Each chart with its bars, one group per team. */
    get charts() {
        const teams = this.chartTeams;
        return CHARTS.map((chart) => ({
            ...chart,
            groups: teams.map((t) => ({ label: t.team || 'All teams', values: t[chart.values] }))
        }));
    }

    get cannotExport() {
        return !this.metrics.data;
    }

    handlePeriodChange(event) {
        this.period = event.detail;
        this.loadAll();
    }

    handleTeamChange(event) {
        this.team = event.detail.value;
        this.loadAll();
    }

    handleDaysChange(event) {
        this.days = event.detail.days;
        this.loadSection('dead', () => getDeadContent({ days: this.days, team: this.team || undefined }));
    }

    handleRequestCreated(event) {
        const section = this.sections.requests;
        if (section && section.data) {
            this.sections = { ...this.sections, requests: { data: { requests: [...section.data.requests, event.detail] } } };
        }
    }

    handleRetry() {
        return this.me ? this.loadAll() : this.init();
    }

    /** The CSV holds what the screen shows, built here from the same answers. */
    handleExport() {
        const csv = flowCsv({
            metrics: this.metrics.data,
            deadContent: this.dead.data,
            searchGaps: this.gaps.search,
            pipelineGaps: this.gaps.pipeline,
            period: this.period,
            team: this.team
        });
        this.template
            .querySelector('c-csv-file')
            .offer(csv, `knowledge-flow-${this.team || 'all-teams'}-${this.period.from}-to-${this.period.to}.csv`);
    }
}

/** Admins choose among every team; leaders among the teams they belong to or lead. */
function visibleTeams(me, users) {
    const all = users.map((u) => u.team).filter(Boolean);
    const own = [me.team, ...(me.leadsTeams || [])].filter(Boolean);
    const teams = me.role === 'admin' ? [...all, ...own] : own;
    return [...new Set(teams)].sort((a, b) => a.localeCompare(b));
}
