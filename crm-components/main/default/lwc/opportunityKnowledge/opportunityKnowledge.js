import { LightningElement, api } from 'lwc';
import { getOpportunityKnowledge, recordEvent } from 'c/hubApi';
import { reduceErrors } from 'c/ldsUtils';

const LIMIT = 6;

/**
 * The knowledge panel of an opportunity record page: the best capability and situational
 * items for this deal with the reasons they were suggested, experts to ask, and a search.
 * It is the one place here that records attach/helpful events, and it remembers what was
 * attached or marked so the buttons say so.
 */
export default class OpportunityKnowledge extends LightningElement {
    _recordId;
    connected = false;
    knowledge;
    error;
    isLoading = false;
    openContentId;
    attachedIds = [];
    helpfulIds = [];
    busyIds = [];

    @api
    get recordId() {
        return this._recordId;
    }
    /** The record page may set or change the id after we connect; reload for the new deal. */
    set recordId(value) {
        const changed = value !== this._recordId;
        this._recordId = value;
        if (changed && this.connected) {
            this.load();
        }
    }

    connectedCallback() {
        this.connected = true;
        this.load();
    }

    disconnectedCallback() {
        this.connected = false;
    }

    async load() {
        if (!this._recordId) {
            return;
        }
        this.isLoading = true;
        this.error = undefined;
        try {
            this.knowledge = await getOpportunityKnowledge(this._recordId, LIMIT);
        } catch (error) {
            this.knowledge = undefined;
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }

    get capabilityItems() {
        return this.decorate(this.knowledge.capability);
    }

    get situationalItems() {
        return this.decorate(this.knowledge.situational);
    }

    get experts() {
        return this.knowledge.experts || [];
    }

    decorate(items) {
        return (items || []).map((item) => ({
            ...item,
            isAttached: this.attachedIds.includes(item.id),
            isHelpful: this.helpfulIds.includes(item.id),
            isBusy: this.busyIds.includes(item.id)
        }));
    }

    titleOf(id) {
        const all = [...(this.knowledge.capability || []), ...(this.knowledge.situational || [])];
        const item = all.find((i) => i.id === id);
        return item ? item.title : 'The item';
    }

    handleItemAction(event) {
        const { action, id } = event.detail;
        if (action === 'open') {
            this.openContentId = id;
        } else if (action === 'attach' || action === 'helpful') {
            this.record(action, id);
        }
    }

    async record(type, contentId) {
        this.busyIds = [...this.busyIds, contentId];
        const title = this.titleOf(contentId);
        try {
            await recordEvent({ type, contentId, opportunityId: this._recordId });
            if (type === 'attach') {
                this.attachedIds = [...this.attachedIds, contentId];
                this.announce('success', `“${title}” is attached to this opportunity.`);
            } else {
                this.helpfulIds = [...this.helpfulIds, contentId];
                this.announce('success', `Marked “${title}” as helpful. Its authors get the credit.`);
            }
        } catch (error) {
            const verb = type === 'attach' ? 'attach' : 'mark as helpful';
            this.announce('error', `Could not ${verb} “${title}”: ${reduceErrors(error).join(' ')}`);
        } finally {
            this.busyIds = this.busyIds.filter((id) => id !== contentId);
        }
    }

    announce(variant, message) {
        this.template.querySelector('c-status-message').announce(variant, message);
    }

    get openIsHelpful() {
        return this.helpfulIds.includes(this.openContentId);
    }

    get openIsBusy() {
        return this.busyIds.includes(this.openContentId);
    }

    /** "Mark helpful" inside the viewer: the same event as on the card, the dialog stays open. */
    handleViewerHelpful(event) {
        this.record('helpful', event.detail.id);
    }

    handleViewerClose() {
        const id = this.openContentId;
        this.openContentId = undefined;
        // Keyboard users return to the card they opened, not to the top of the page.
        this.template.querySelectorAll('c-knowledge-section').forEach((section) => section.focusItem(id));
    }
}
