import { LightningElement, api } from 'lwc';
import { deriveContent, getContent, recordEvent } from 'c/hubApi';
import { reduceErrors } from 'c/errorMessages';
import { authorNames, contentTypeLabel, formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';

/**
 * Shows one item in a dialog and records the `view`. The view is recorded only after the item
 * loaded, so a failed open earns its authors no credit; a failed view event does not stop the
 * reader, because reading matters more than counting.
 *
 * A modal keeps the keyboard inside: two focus sentinels around it send Tab from the last
 * control back to the dialog, and Shift+Tab from the dialog to the last control (Close). With
 * `helpfulOffered`, the footer has "Mark helpful", which fires `helpful`; the host records it and
 * sets `isHelpful`. The button is never disabled (aria-disabled instead), so focus stays on it.
 */
export default class ContentViewer extends LightningElement {
    @api contentId;
    @api opportunityId;
    /** Show "Mark helpful" in the footer (the host records the event). */
    @api helpfulOffered = false;
    /** The item is already marked helpful by this reader. */
    @api isHelpful = false;
    /** The host is recording the mark. */
    @api helpfulBusy = false;
    /** Offer "Derive a new draft" (for people who write; the hub refuses it to others anyway). */
    @api deriveOffered = false;

    isDeriving = false;
    deriveError;

    content;
    error;
    isLoading = true;
    focused = false;

    connectedCallback() {
        this.load();
    }

    load() {
        return track(this, async () => {
            this.content = await getContent(this.contentId);
            const event = { type: 'view', contentId: this.contentId };
            if (this.opportunityId) {
                event.opportunityId = this.opportunityId;
            }
            recordEvent(event).catch(() => {});
        });
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

    get showHelpful() {
        return this.helpfulOffered && !!this.content;
    }

    get helpfulLabel() {
        return this.isHelpful ? 'Marked helpful' : 'Mark helpful';
    }

    get helpfulName() {
        return `${this.helpfulLabel}: ${this.content.title}`;
    }

    get helpfulPressed() {
        return this.isHelpful ? 'true' : 'false';
    }

    get helpfulUnavailable() {
        return this.isHelpful || this.helpfulBusy ? 'true' : 'false';
    }

    handleHelpful() {
        if (!this.isHelpful && !this.helpfulBusy) {
            this.dispatchEvent(new CustomEvent('helpful', { detail: { id: this.contentId } }));
        }
    }

    get showDerive() {
        return this.deriveOffered && !!this.content;
    }

    get deriveName() {
        return `Derive a new draft: ${this.content.title}`;
    }

    /**
     * "Derive from" instead of copying: the hub makes a draft crediting this item's authors as
     * contributors. `derived` bubbles out of any host (search, a deal's panel) to the page, which
     * opens the draft.
     */
    async handleDerive() {
        if (this.isDeriving) {
            return;
        }
        this.isDeriving = true;
        this.deriveError = undefined;
        try {
            const draft = await deriveContent(this.contentId);
            this.dispatchEvent(
                new CustomEvent('derived', { detail: { id: draft.id, from: this.contentId }, bubbles: true, composed: true })
            );
        } catch (error) {
            this.deriveError = `Could not derive: ${reduceErrors(error).join(' ')}`;
        } finally {
            this.isDeriving = false;
        }
    }

    /** Tab past the end: back to the dialog itself (its first stop, before the body's links). */
    handleWrapToStart() {
        this.template.querySelector('section[role="dialog"]').focus();
    }

    /** Shift+Tab before the start: to the last control, Close. */
    handleWrapToEnd() {
        this.template.querySelector('[data-close]').focus();
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
