import { LightningElement, api } from 'lwc';
import { getIndexStatus, startReindex } from 'c/hubApi';
import { adminSection } from 'c/adminSections';

/** How often the status is read again while a reindex runs. */
const POLL_MS = 1000;

const FAILING_COLUMNS = [
    { fieldName: 'contentId', label: 'Item', rowHeader: true },
    { fieldName: 'attempts', label: 'Attempts' },
    { fieldName: 'lastError', label: 'Last error', wrap: true }
];

function ageText(seconds) {
    if (seconds < 60) {
        return `${Math.round(seconds)} s`;
    }
    return seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
}

/**
 * The search index as the admin needs it: is the engine up, how many documents it holds, how many
 * changes wait in the outbox (and for how long), which documents failed and why; a reindex that
 * runs in the background with its progress.
 */
export default class AdminIndexStatus extends LightningElement {
    @api pollMs = POLL_MS;
    failingColumns = FAILING_COLUMNS;
    status;
    error;
    isLoading = true;
    section = adminSection('index');
    loadLabels = { loading: 'Loading the index status', failure: 'The index status could not be loaded.' };
    starting = false;
    timer;
    /** The job whose end is announced once. */
    watchedJobId;

    connectedCallback() {
        this.load();
    }

    disconnectedCallback() {
        clearTimeout(this.timer);
    }

    async load() {
        clearTimeout(this.timer);
        this.error = undefined;
        try {
            this.status = await getIndexStatus();
            this.followReindex();
        } catch (error) {
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }

    followReindex() {
        const job = this.status.reindex;
        if (job && job.state === 'running') {
            // eslint-disable-next-line @lwc/lwc/no-async-operation -- polls a running reindex job; cleared on disconnect
            this.timer = setTimeout(() => this.load(), this.pollMs);
        } else if (job && job.id === this.watchedJobId) {
            this.watchedJobId = undefined;
            this.announce(
                job.state === 'done' ? 'success' : 'error',
                job.state === 'done' ? `Reindex finished: ${reportText(job.report)}.` : `Reindex failed: ${job.error}`
            );
        }
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get engineText() {
        const { engine } = this.status;
        if (engine.state === 'restarting') {
            return 'Restarting';
        }
        return engine.healthy ? 'Available' : 'Not answering';
    }

    get documentsText() {
        return this.status.index ? this.status.index.documents.toLocaleString('en') : 'Unknown';
    }

    get outboxText() {
        const { pending } = this.status.outbox;
        return `${pending.toLocaleString('en')} ${pending === 1 ? 'change' : 'changes'} waiting`;
    }

    get outboxAgeText() {
        const { pending, oldestAgeSeconds } = this.status.outbox;
        return pending ? `oldest ${ageText(oldestAgeSeconds)} ago` : 'the index is up to date';
    }

    get synonymsText() {
        const { source, groups } = this.status.synonyms;
        return `${groups} ${groups === 1 ? 'group' : 'groups'} (${source === 'admin' ? 'edited by an admin' : 'shipped list'})`;
    }

    get failing() {
        return this.status.outbox.failing.map((f) => ({ ...f, key: `${f.id}` }));
    }

    get hasFailing() {
        return this.failing.length > 0;
    }

    get job() {
        return this.status.reindex;
    }

    get isRunning() {
        return !!this.job && this.job.state === 'running';
    }

    get jobText() {
        const job = this.job;
        if (!job) {
            return 'No reindex since the hub started.';
        }
        if (job.state === 'running') {
            return `Reindex running: ${job.progress}`;
        }
        return job.state === 'done' ? `Last reindex finished: ${reportText(job.report)}.` : `Last reindex failed: ${job.error}`;
    }

    async handleReindex() {
        this.starting = true;
        try {
            const job = await startReindex();
            this.watchedJobId = job.id;
            this.status = { ...this.status, reindex: job };
            this.announce('success', 'Reindex started.');
            this.followReindex();
        } catch (error) {
            this.announce('error', `The reindex could not start: ${(error.body && error.body.message) || error.message}`);
        } finally {
            this.starting = false;
        }
    }

    get reindexDisabled() {
        return this.starting || this.isRunning;
    }

    handleRefresh() {
        this.load();
    }

    announce(variant, message) {
        const region = this.template.querySelector('c-status-message');
        if (region) {
            region.announce(variant, message);
        }
    }
}

function reportText(report) {
    return `${report.added} added, ${report.updated} updated, ${report.deleted} deleted, ${report.unchanged} unchanged`;
}
