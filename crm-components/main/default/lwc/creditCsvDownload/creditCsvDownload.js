import { LightningElement, api } from 'lwc';
import { downloadCreditsCsv } from 'c/hubApi';

/**
 * "Download CSV" for commission tools. The hub call goes through `c/hubApi` (the Apex proxy in
 * Salesforce, a bearer-token fetch in the standalone page); the file is a Blob link made here,
 * clicked once for the user and left on screen in case the browser blocked the automatic save.
 */
export default class CreditCsvDownload extends LightningElement {
    @api from;
    @api to;
    @api team;

    isBusy = false;
    error;
    fileUrl;
    fileName;
    clickPending = false;

    disconnectedCallback() {
        this.releaseFile();
    }

    renderedCallback() {
        if (this.clickPending) {
            this.clickPending = false;
            const link = this.template.querySelector('a.csv-file');
            if (link) {
                link.click();
            }
        }
    }

    async handleDownload() {
        this.isBusy = true;
        this.error = undefined;
        try {
            const text = await downloadCreditsCsv({ from: this.from, to: this.to, team: this.team || undefined });
            this.releaseFile();
            this.fileName = `credits-${this.team || 'all-teams'}-${this.from}-to-${this.to}.csv`.replace(/[^\w.-]+/g, '-');
            this.fileUrl = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
            this.clickPending = true;
        } catch (error) {
            this.error = error;
        } finally {
            this.isBusy = false;
        }
    }

    releaseFile() {
        if (this.fileUrl) {
            URL.revokeObjectURL(this.fileUrl);
            this.fileUrl = undefined;
        }
    }
}
