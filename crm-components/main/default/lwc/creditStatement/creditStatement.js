import { LightningElement, api } from 'lwc';
import { getCreditStatement, getMe } from 'c/hubApi';
import { creditTypeLabel, defaultPeriod, formatPoints, formatShare, isForbidden } from 'c/creditFormat';
import { formatDate } from 'c/knowledgeFormat';

const HIDDEN_ITEM = 'An item you may not open';

const DIGEST_SHOWN = 12;

/**
 * One person's credit statement for a period: every ledger line behind their points, each
 * expandable to the event and ledger entry it came from. Without `userId`, the signed-in user's.
 */
export default class CreditStatement extends LightningElement {
    _userId;
    period = defaultPeriod();
    statement;
    error;
    isLoading = true;
    expanded = {};
    requestSeq = 0;
    connected = false;

    @api
    get userId() {
        return this._userId;
    }
    set userId(value) {
        if (value !== this._userId) {
            this._userId = value;
            if (this.connected) {
                this.load();
            }
        }
    }

    connectedCallback() {
        this.connected = true;
        this.load();
    }

    async load() {
        const seq = ++this.requestSeq;
        this.isLoading = true;
        this.error = undefined;
        this.expanded = {};
        try {
            const userId = this._userId || (await getMe()).id;
            const statement = await getCreditStatement(userId, { from: this.period.from, to: this.period.to });
            if (seq === this.requestSeq) {
                this.statement = statement;
            }
        } catch (error) {
            if (seq === this.requestSeq) {
                this.statement = undefined;
                this.error = error;
            }
        } finally {
            if (seq === this.requestSeq) {
                this.isLoading = false;
            }
        }
    }

    /** The person's name once the statement says whose it is. */
    get heading() {
        return this.statement && this.statement.name ? `Credit statement: ${this.statement.name}` : 'Credit statement';
    }

    get friendlyError() {
        return isForbidden(this.error)
            ? 'You can only see your own statement (leaders: their teams).'
            : 'The credit statement could not be loaded.';
    }

    get totalText() {
        return formatPoints(this.statement.totalMilliPoints);
    }

    get policyText() {
        const versions = this.statement.policyVersions || [];
        return versions.length ? versions.map((v) => `v${v}`).join(', ') : 'None';
    }

    get periodText() {
        return `${formatDate(this.statement.from)} to ${formatDate(this.statement.to)}`;
    }

    get shortDigest() {
        return (this.statement.digest || '').slice(0, DIGEST_SHOWN);
    }

    get digestDescription() {
        return `Statement digest ${this.statement.digest}`;
    }

    get lines() {
        return (this.statement.lines || []).map((line) => {
            const isOpen = !!this.expanded[line.entryId];
            return {
                ...line,
                key: `${line.entryId}`,
                typeLabel: creditTypeLabel(line.type),
                // Null id and title: an item the reader may not open (its points still count).
                title: line.contentTitle || line.contentId || HIDDEN_ITEM,
                opportunityText: line.opportunityId || '—',
                shareText: formatShare(line.share),
                pointsText: formatPoints(line.milliPoints),
                pointsClass: `slds-text-align_right${line.milliPoints < 0 ? ' slds-text-color_error' : ''}`,
                dateText: formatDate(line.at),
                isOpen,
                ariaExpanded: isOpen ? 'true' : 'false',
                toggleLabel: `${isOpen ? 'Hide' : 'Show'} evidence for ${creditTypeLabel(line.type)} of ${line.contentTitle || line.contentId || HIDDEN_ITEM}`
            };
        });
    }

    /** The signature and checkpoint the hub attached; statements from older hubs have none. */
    get proof() {
        return this.statement && this.statement.proof ? this.statement.proof : undefined;
    }

    get proofHeading() {
        return `Verified statement · key ${this.proof.keyId}`;
    }

    get proofText() {
        const cp = this.proof.checkpoint;
        return `Signed by the hub on ${formatDate(this.proof.signedAt)}; it cites ledger checkpoint ${cp.seq} (${cp.count} entries, signed with key ${cp.keyId}).`;
    }

    get fileName() {
        return `credit-statement-${this.statement.userId}-${this.statement.from}-to-${this.statement.to}.json`;
    }

    /** The statement exactly as the hub sent it: the file `npm run statement:verify` checks. */
    handleDownload() {
        this.template.querySelector('c-csv-file').offer(JSON.stringify(this.statement, null, 2), this.fileName, 'application/json');
    }

    get hasLines() {
        return this.lines.length > 0;
    }

    handlePeriodChange(event) {
        this.period = event.detail;
        this.load();
    }

    handleToggle(event) {
        const id = event.currentTarget.dataset.entryId;
        this.expanded = { ...this.expanded, [id]: !this.expanded[id] };
    }
}
