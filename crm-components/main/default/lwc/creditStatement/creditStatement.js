import { LightningElement, api } from 'lwc';
import { getCreditStatement, getMe } from 'c/hubApi';
import { defaultPeriod, formatPoints, isForbidden, statementCsvRows, statementTable } from 'c/creditFormat';
import { toCsv } from 'c/flowFormat';
import { formatDate } from 'c/knowledgeFormat';
import { trackLatest } from 'c/loadState';

const DIGEST_SHOWN = 12;

/** Share and Points: text the component formats itself ("-7.5 pts" is a reversal, not a formula). */
const STATEMENT_OWN_COLUMNS = [6, 7];

/**
 * One person's credit statement for a period in words: what happened, who did it, on which item
 * and deal, when, and the rule that gave the points; grouped by item with subtotals. The CSV is
 * built from the same rows as the table, so the file says exactly what the screen says. Without
 * `userId`, the signed-in user's.
 */
export default class CreditStatement extends LightningElement {
    _userId;
    /** Where an item title links to: a URL with `{id}` (the standalone page opens the item). No link without it. */
    @api itemHrefPattern;
    /** Where a deal name links to: a URL with `{id}` (a record page). No link without it. */
    @api recordHrefPattern;
    period = defaultPeriod();
    statement;
    error;
    isLoading = true;
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
        await trackLatest(
            this,
            async () => getCreditStatement(this._userId || (await getMe()).id, { from: this.period.from, to: this.period.to }),
            (statement) => {
                this.statement = statement;
            }
        );
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

    get periodText() {
        return `${formatDate(this.statement.from)} to ${formatDate(this.statement.to)}`;
    }

    get shortDigest() {
        return (this.statement.digest || '').slice(0, DIGEST_SHOWN);
    }

    get policyVersionsText() {
        const versions = this.statement.policyVersions || [];
        return versions.length ? versions.map((v) => `v${v}`).join(' and ') : 'none';
    }

    /** The digest and policy versions in one sentence a rep can act on. */
    get explanation() {
        return `Fingerprint ${this.shortDigest}… identifies exactly these ledger lines, and policy ${this.policyVersionsText} ${
            (this.statement.policyVersions || []).length > 1 ? 'are' : 'is'
        } the credit rules in force when they were recorded; anyone can check both without the hub: download the statement (JSON) and run npm run statement:verify with the key from GET /api/credits/public-key.`;
    }

    get table() {
        return statementTable(this.statement, { itemHrefPattern: this.itemHrefPattern, dealHrefPattern: this.recordHrefPattern });
    }

    /** The table's groups with the cells the template shows (the same cells the CSV writes). */
    get groups() {
        return this.table.groups.map((group) => ({
            ...group,
            rows: group.rows.map((row) => {
                const [when, happened, who, item, deal, rule, share, points] = row.cells;
                return {
                    ...row,
                    when,
                    happened,
                    who,
                    item,
                    deal,
                    rule,
                    share,
                    points,
                    pointsClass: `slds-text-align_right${row.negative ? ' slds-text-color_error' : ''}`
                };
            }),
            subtotalLabel: `Subtotal for ${group.title}`,
            subtotal: group.subtotalCells[7]
        }));
    }

    get columns() {
        return this.table.columns;
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

    /** One text node: adjacent inline elements lost their spaces in the compiled template ("runnpm"). */
    get howToVerify() {
        return 'How to check it without the hub: download the statement, save the public key from /api/credits/public-key as key.json, then run npm run statement:verify -- statement.json --public-key key.json. It recomputes the digest from the lines and checks both signatures.';
    }

    get fileName() {
        return `credit-statement-${this.statement.userId}-${this.statement.from}-to-${this.statement.to}.json`;
    }

    /** The statement exactly as the hub sent it: the file `npm run statement:verify` checks. */
    handleDownload() {
        this.template
            .querySelector('c-csv-file.statement-json')
            .offer(JSON.stringify(this.statement, null, 2), this.fileName, 'application/json');
    }

    /** Announced after each load (a new period or person): what arrived. */
    get resultStatus() {
        if (this.isLoading || this.error || !this.statement) {
            return '';
        }
        const n = (this.statement.lines || []).length;
        return n === 0
            ? 'No credits in this period.'
            : `${n} credit ${n === 1 ? 'line' : 'lines'}, total ${this.totalText}, ${this.periodText}.`;
    }

    get hasLines() {
        return (this.statement.lines || []).length > 0;
    }

    get csvFileName() {
        return `credit-statement-${this.statement.userId}-${this.statement.from}-to-${this.statement.to}.csv`;
    }

    /** The table as CSV: the same columns, rows and order as the screen (subtotals and total included). */
    handleCsv() {
        this.template
            .querySelector('c-csv-file.statement-csv')
            .offer(toCsv(statementCsvRows(this.table), STATEMENT_OWN_COLUMNS), this.csvFileName);
    }

    handlePeriodChange(event) {
        this.period = event.detail;
        this.load();
    }
}
