import { LightningElement, api } from 'lwc';
import { getContent, getContentVersions } from 'c/hubApi';
import { snapshotOfItem } from 'c/contentModel';
import { formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';

const ROLE_LABELS = { author: 'author', co_author: 'co-author', contributor: 'contributor', editor: 'editor' };

/**
 * The item under review as readers will see it (the hub's rendered body), who submitted it and
 * who wrote it with their shares, and what changed since the last approved version.
 */
export default class ReviewPreview extends LightningElement {
    @api contentId;

    item;
    versions;
    error;
    isLoading = false;

    connectedCallback() {
        this.load();
    }

    load() {
        return track(this, async () => {
            const [item, history] = await Promise.all([getContent(this.contentId), getContentVersions(this.contentId)]);
            this.item = item;
            this.versions = history.versions || [];
        });
    }

    get authorLines() {
        return (this.item.authors || []).map((a) => ({
            key: a.userId,
            text: `${a.name} (${ROLE_LABELS[a.role] || a.role}, ${Math.round(a.share * 1000) / 10}%)`
        }));
    }

    get names() {
        return Object.fromEntries((this.item.authors || []).map((a) => [a.userId, a.name]));
    }

    /** The latest submission: the newest version that put the item in review. */
    get submission() {
        const entry = (this.versions || []).find((v) => v.snapshot.status === 'in_review' && v.changedFields.includes('status'));
        if (!entry) {
            return undefined;
        }
        const author = (this.item.authors || []).find((a) => a.userId === entry.changedBy);
        return `Submitted by ${author ? author.name : entry.changedBy} on ${formatDate(entry.changedAt)}`;
    }

    /** The newest version that was published: what readers saw before this change. */
    get approved() {
        const entry = (this.versions || []).find((v) => v.snapshot.status === 'published');
        return entry && entry.snapshot;
    }

    get approvedLabel() {
        const entry = (this.versions || []).find((v) => v.snapshot.status === 'published');
        return entry ? `Approved (version ${entry.version})` : '';
    }

    get current() {
        return snapshotOfItem(this.item);
    }

    get hasSummary() {
        return !!(this.item && this.item.summary);
    }
}
