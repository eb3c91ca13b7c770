import { LightningElement, api } from 'lwc';

/**
 * A CSV the user asked for, offered as a Blob link: clicked once for the user and left on screen
 * in case the browser blocked the automatic save. One place owns the object URL, so it is revoked
 * when a newer file replaces it or the component goes away. Used by the credits export and the
 * knowledge-flow export.
 */
export default class CsvFile extends LightningElement {
    /** The parent is still producing the file. */
    @api busy = false;

    fileUrl;
    fileName;
    clickPending = false;

    /** Offers `text` as `fileName` (characters unsafe in file names become dashes). */
    @api
    offer(text, fileName) {
        this.release();
        this.fileName = String(fileName).replace(/[^\w.-]+/g, '-');
        this.fileUrl = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
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
