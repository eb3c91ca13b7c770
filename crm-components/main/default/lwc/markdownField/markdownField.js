import { LightningElement, api } from 'lwc';
import { previewMarkdown } from 'c/hubApi';
import { reduceErrors } from 'c/errorMessages';

const PREVIEW_DELAY_MS = 400;

/**
 * A Markdown textarea beside its preview, rendered by the hub (`/api/content/preview`) so it is
 * what readers will get: after a pause in typing, and at once when the value is replaced from
 * outside (an item loaded, unsaved work discarded). Fires `valuechange` with `{ name, value }`
 * like c-form-field, and `previewfailed` with `{ message }` when the hub cannot render it.
 */
export default class MarkdownField extends LightningElement {
    @api name;
    @api label;
    @api help;
    @api error;
    @api rows = 14;

    text = '';
    /** What the author typed last: the parent passing it back is no reason to render again. */
    typed;
    previewHtml = '';
    previewPending = false;
    previewTimer;

    @api
    get value() {
        return this.text;
    }
    set value(value) {
        this.text = value || '';
        if (this.text !== this.typed) {
            this.typed = undefined;
            this.refreshPreview();
        }
    }

    disconnectedCallback() {
        clearTimeout(this.previewTimer);
    }

    get hasPreview() {
        return !!this.previewHtml;
    }

    handleInput(event) {
        event.stopPropagation();
        const { value } = event.detail;
        this.text = value;
        this.typed = value;
        this.dispatchEvent(new CustomEvent('valuechange', { detail: { name: this.name, value } }));
        this.previewPending = true;
        clearTimeout(this.previewTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounces the server-rendered preview while the author types
        this.previewTimer = setTimeout(() => this.refreshPreview(), PREVIEW_DELAY_MS);
    }

    async refreshPreview() {
        const body = this.text;
        if (!body.trim()) {
            this.previewHtml = '';
            this.previewPending = false;
            return;
        }
        try {
            const { html } = await previewMarkdown(body);
            // A slower answer for older text must not replace the preview of newer text.
            if (body === this.text) {
                this.previewHtml = html;
                this.previewPending = false;
            }
        } catch (error) {
            this.previewPending = false;
            this.previewHtml = '';
            this.dispatchEvent(
                new CustomEvent('previewfailed', { detail: { message: `The preview is not available: ${reduceErrors(error).join(' ')}` } })
            );
        }
    }
}
