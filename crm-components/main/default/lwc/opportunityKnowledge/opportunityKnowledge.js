import { LightningElement, api } from 'lwc';
import {
    attachToDeal,
    createShareLink,
    detachFromDeal,
    getDealAttachments,
    getDealShareLinks,
    getOpportunityKnowledge,
    recordEvent,
    revokeShareLink
} from 'c/hubApi';
import { reduceErrors } from 'c/errorMessages';
import { KeyedLoader } from 'c/keyedLoader';

const LIMIT = 6;

/** The knowledge the hub recommends for a deal, by kind (`knowledge.capability`, `knowledge.situational`), side by side. */
const KNOWLEDGE_SECTIONS = [
    { kind: 'capability', name: 'Capability', description: 'Products, pitch, pricing and competitive material for this deal.' },
    { kind: 'situational', name: 'Situational', description: 'What colleagues learned in similar deals.' }
];

/** What the panel shows for one deal: its suggestions, what is attached and what is shared. */
async function loadDeal(recordId) {
    const [knowledge, used, shared] = await Promise.all([
        getOpportunityKnowledge(recordId, LIMIT),
        getDealAttachments(recordId),
        getDealShareLinks(recordId)
    ]);
    return { knowledge, used, shared };
}

/**
 * The knowledge panel of an opportunity record page: the knowledge already used on this deal,
 * the best capability and situational items for it with the reasons they were suggested,
 * experts to ask, and a search. It is the one place here that attaches, detaches and marks
 * items helpful; what was attached or marked comes from the hub, so it survives a reload.
 */
export default class OpportunityKnowledge extends LightningElement {
    knowledge;
    error;
    isLoading = false;
    loadLabels = { loading: 'Loading knowledge for this opportunity', failure: 'Knowledge for this opportunity could not be loaded.' };
    openContentId;
    attachments = [];
    shareLinks = [];
    /** The link just created, shown once for copying: `{ title, url }`. */
    newShareLink;
    helpfulIds = [];
    busyIds = [];
    focusAfterDetach;
    /** Links an expert's name to their profile page (`{id}`, `{opportunityId}`); in Salesforce the profile opens in place. */
    @api expertHrefPattern;
    dealLoader = new KeyedLoader(loadDeal, (state) => this.showDeal(state));

    /** The record page may set or change the id after we connect; a new id loads the new deal. */
    @api
    get recordId() {
        return this.dealLoader.key;
    }
    set recordId(value) {
        this.dealLoader.update(value);
    }

    connectedCallback() {
        this.dealLoader.connect();
    }

    disconnectedCallback() {
        this.dealLoader.disconnect();
    }

    /** Refresh and the error panel's retry. */
    load() {
        this.dealLoader.reload();
    }

    renderedCallback() {
        if (this.focusAfterDetach !== undefined) {
            const list = this.template.querySelector('c-deal-attachments');
            if (list) {
                list.focusAfter(this.focusAfterDetach);
            }
            this.focusAfterDetach = undefined;
        }
    }

    showDeal({ loading, data, error }) {
        this.isLoading = loading;
        this.error = error;
        if (data) {
            this.knowledge = data.knowledge;
            this.shareLinks = data.shared.links;
            this.newShareLink = undefined;
            this.attachments = data.used.attachments;
            this.helpfulIds = data.used.helpfulContentIds;
        } else if (error) {
            this.knowledge = undefined;
        }
    }

    /** The two kinds of knowledge side by side, each as its own c-knowledge-section. */
    get sections() {
        return KNOWLEDGE_SECTIONS.map(({ kind, name, description }) => ({
            key: kind,
            // c-knowledge-section's properties.
            props: {
                heading: `${name} knowledge`,
                description,
                emptyMessage: `No ${name.toLowerCase()} knowledge matches this deal yet.`,
                items: this.decorate(this.knowledge[kind])
            }
        }));
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get experts() {
        return this.knowledge.experts || [];
    }

    decorate(items) {
        return (items || []).map((item) => ({
            ...item,
            isAttached: this.attachments.some((a) => a.contentId === item.id),
            isHelpful: this.helpfulIds.includes(item.id),
            isBusy: this.busyIds.includes(item.id)
        }));
    }

    titleOf(id) {
        const all = [
            ...(this.knowledge.capability || []),
            ...(this.knowledge.situational || []),
            ...this.attachments.map((a) => ({ id: a.contentId, title: a.title }))
        ];
        const item = all.find((i) => i.id === id);
        return item ? item.title : 'The item';
    }

    handleAttachmentAction(event) {
        const { action, id } = event.detail;
        if (action === 'open') {
            this.openContentId = id;
        } else if (action === 'detach') {
            this.detach(id);
        } else if (action === 'share') {
            this.share(id);
        }
    }

    async share(contentId) {
        const title = this.titleOf(contentId);
        this.busyIds = [...this.busyIds, contentId];
        try {
            const link = await createShareLink(contentId, this.recordId);
            this.newShareLink = { title, url: link.url };
            this.shareLinks = (await getDealShareLinks(this.recordId)).links;
            this.announce('success', `A link to “${title}” is ready for the buyer. Copy it from “Shared with the buyer”.`);
        } catch (error) {
            this.announce('error', `Could not share “${title}”: ${reduceErrors(error).join(' ')}`);
        } finally {
            this.busyIds = this.busyIds.filter((id) => id !== contentId);
        }
    }

    async handleRevoke(event) {
        const { id, contentId } = event.detail;
        const title = this.titleOf(contentId);
        try {
            await revokeShareLink(contentId, id);
            this.shareLinks = (await getDealShareLinks(this.recordId)).links;
            this.newShareLink = undefined;
            this.announce('success', `The buyer link to “${title}” is revoked.`);
        } catch (error) {
            this.announce('error', `Could not revoke the link to “${title}”: ${reduceErrors(error).join(' ')}`);
        }
    }

    async detach(contentId) {
        const title = this.titleOf(contentId);
        const index = this.attachments.findIndex((a) => a.contentId === contentId);
        this.busyIds = [...this.busyIds, contentId];
        try {
            await detachFromDeal(this.recordId, contentId);
            this.attachments = this.attachments.filter((a) => a.contentId !== contentId);
            this.announce('success', `“${title}” is no longer attached to this opportunity.`);
            // The button pressed is gone: keep keyboard users in the list rather than on <body>.
            this.focusAfterDetach = index;
        } catch (error) {
            this.announce('error', `Could not detach “${title}”: ${reduceErrors(error).join(' ')}`);
        } finally {
            this.busyIds = this.busyIds.filter((id) => id !== contentId);
        }
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
            if (type === 'attach') {
                const attachment = await attachToDeal(this.recordId, contentId);
                this.attachments = [attachment, ...this.attachments.filter((a) => a.contentId !== contentId)];
                this.announce('success', `“${title}” is attached to this opportunity.`);
            } else {
                await recordEvent({ type, contentId, opportunityId: this.recordId });
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
