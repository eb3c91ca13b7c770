import { LightningElement, api } from 'lwc';

/** Previous/next paging; the parent owns the page number and fetches on `pagechange`. */
export default class Pager extends LightningElement {
    @api page = 1;
    @api pageCount = 1;

    get isFirst() {
        return this.page <= 1;
    }

    get isLast() {
        return this.page >= this.pageCount;
    }

    handlePrevious() {
        this.go(this.page - 1);
    }

    handleNext() {
        this.go(this.page + 1);
    }

    go(page) {
        this.dispatchEvent(new CustomEvent('pagechange', { detail: { page } }));
    }
}
