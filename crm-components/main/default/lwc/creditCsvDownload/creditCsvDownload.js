import { LightningElement, api } from 'lwc';
import { downloadCreditsCsv } from 'c/hubApi';

/**
 * "Download CSV" for commission tools. The hub call goes through `c/hubApi` (the Apex proxy in
 * Salesforce, a bearer-token fetch in the standalone page); `c-csv-file` offers the file.
 */
export default class CreditCsvDownload extends LightningElement {
    @api from;
    @api to;
    @api team;

    isBusy = false;
    error;

    async handleDownload() {
        this.isBusy = true;
        this.error = undefined;
        try {
            const text = await downloadCreditsCsv({ from: this.from, to: this.to, team: this.team || undefined });
            this.template.querySelector('c-csv-file').offer(text, `credits-${this.team || 'all-teams'}-${this.from}-to-${this.to}.csv`);
        } catch (error) {
            this.error = error;
        } finally {
            this.isBusy = false;
        }
    }
}
