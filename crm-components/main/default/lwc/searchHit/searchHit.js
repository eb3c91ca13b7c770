import { LightningElement, api } from 'lwc';
import { authorNames, contentTypeLabel, kindLabel } from 'c/knowledgeFormat';
import { recordEvent } from 'c/hubApi';

/**
 * One search result; the title is a button that asks the parent to open the item. Opened from a
 * deal (`opportunityId`), a hit can be attached to it at once (an `attach` usage event: the deal's
 * knowledge and influence credit count it).
 */
export default class SearchHit extends LightningElement {
    @api hit;
    @api opportunityId;

    attachState = 'idle';
    attachError;

    get canAttach() {
        return !!this.opportunityId;
    }

    get isAttached() {
        return this.attachState === 'done';
    }

    get attachDisabled() {
        return this.attachState !== 'idle';
    }

    get attachLabel() {
        return this.attachState === 'sending' ? 'Attaching…' : 'Attach to deal';
    }

    async handleAttach() {
        this.attachState = 'sending';
        this.attachError = undefined;
        try {
            await recordEvent({ type: 'attach', contentId: this.hit.id, opportunityId: this.opportunityId });
            this.attachState = 'done';
        } catch (error) {
            this.attachState = 'idle';
            this.attachError = `Could not attach it: ${(error && error.message) || 'please retry'}.`;
        }
    }

    get typeLabel() {
        return contentTypeLabel(this.hit.contentType);
    }

    get kindText() {
        return kindLabel(this.hit.kind);
    }

    get authors() {
        return authorNames(this.hit.authors);
    }

    /** Fall back to the plain fields when the engine sent no highlight for a hit. */
    get highlightTitle() {
        return (this.hit.highlight && this.hit.highlight.title) || escapeText(this.hit.title);
    }

    get highlightSummary() {
        return (this.hit.highlight && this.hit.highlight.summary) || escapeText(this.hit.summary);
    }

    get tags() {
        const { products = [], competitors = [], industries = [] } = this.hit;
        return [...products, ...industries, ...competitors.map((c) => `vs ${c}`)].map((text, index) => ({ key: `${index}`, text }));
    }

    handleSelect() {
        this.dispatchEvent(new CustomEvent('select', { detail: { id: this.hit.id } }));
    }
}

function escapeText(text) {
    return String(text || '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
}
