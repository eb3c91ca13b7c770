import { LightningElement, api } from 'lwc';

/**
 * A file the user asked for (a CSV unless told otherwise), offered as a Blob link: clicked once for the user and left on screen
 * in case the browser blocked the automatic save. One place owns the object URL, so it is revoked
 * when a newer file replaces it or the component goes away. Used by the credits export and the
 * knowledge-flow export, and by the credit statement for its JSON.
 */
export default class CsvFile extends LightningElement {
    /** The parent is still producing the file. */
    @api busy = false;
    /** What the file is called in the status line ("CSV ready", "Statement ready"). */
    @api label = 'CSV';

    fileUrl;
    fileName;
    clickPending = false;

    /** Offers `text` as `fileName` (characters unsafe in file names become dashes). */
    @api
    offer(text, fileName, type = 'text/csv;charset=utf-8') {
        this.release();
        this.fileName = String(fileName).replace(/[^\w.-]+/g, '-');
        this.fileUrl = URL.createObjectURL(new Blob([text], { type }));
        this.clickPending = true;
    }

    disconnectedCallback() {
        this.release();
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

    release() {
        if (this.fileUrl) {
            URL.revokeObjectURL(this.fileUrl);
            this.fileUrl = undefined;
        }
    }
}
