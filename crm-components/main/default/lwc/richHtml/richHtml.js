import { LightningElement, api } from 'lwc';

/**
 * Shows an item's body. The hub renders Markdown and sanitizes the HTML (sanitize-html with an
 * allow-list) before sending `bodyHtml`, so this only places it; `lwc:dom="manual"` is the
 * documented way to own a subtree, and it works on the platform and in the standalone page.
 */
export default class RichHtml extends LightningElement {
    _html = '';
    _applied;

    @api
    get html() {
        return this._html;
    }
    set html(value) {
        this._html = value || '';
        this.apply();
    }

    renderedCallback() {
        this.apply();
    }

    /** Only touch the DOM when the HTML changed, so a re-render keeps the reader's selection. */
    apply() {
        const container = this.template.querySelector('.rich-html');
        if (container && this._applied !== this._html) {
            // eslint-disable-next-line @lwc/lwc/no-inner-html -- the server sanitized this HTML (lwc:dom="manual" container)
            container.innerHTML = this._html;
            this._applied = this._html;
        }
    }
}
