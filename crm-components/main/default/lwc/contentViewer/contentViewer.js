import { LightningElement, api } from 'lwc';
import { getContent, recordEvent } from 'c/hubApi';
import { authorNames, contentTypeLabel, formatDate } from 'c/knowledgeFormat';

/**
 * Shows one item in a dialog and records the `view`. The view is recorded only after the item
 * loaded, so a failed open earns its authors no credit; a failed view event does not stop the
 * reader, because reading matters more than counting.
 */
export default class ContentViewer extends LightningElement {
    @api contentId;
    @api opportunityId;

    content;
    error;
    isLoading = true;
    focused = false;

    connectedCallback() {
        this.load();
    }

    async load() {
        this.isLoading = true;
        this.error = undefined;
        try {
            this.content = await getContent(this.contentId);
            const event = { type: 'view', contentId: this.contentId };
            if (this.opportunityId) {
                event.opportunityId = this.opportunityId;
            }
            recordEvent(event).catch(() => {});
        } catch (error) {
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }

    renderedCallback() {
        if (!this.focused) {
            const close = this.template.querySelector('[data-close]');
            if (close) {
                close.focus();
                this.focused = true;
            }
        }
    }

    get heading() {
        return this.content ? this.content.title : 'Loading…';
    }

    get typeLabel() {
        return contentTypeLabel(this.content.contentType);
    }

    get authors() {
        return authorNames(this.content.authors);
    }

    get published() {
        return formatDate(this.content.publishedAt);
    }

    get links() {
        return (this.content.links || []).map((link, index) => ({ ...link, key: `${index}` }));
    }

    get hasLinks() {
        return this.links.length > 0;
    }

    handleKeydown(event) {
        if (event.key === 'Escape') {
            this.close();
        }
    }

    close() {
        this.dispatchEvent(new CustomEvent('close'));
    }
}
