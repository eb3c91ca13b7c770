import { LightningElement, api } from 'lwc';
import { archiveContent, deriveContent, listMyContent, restoreContent, verifyContent } from 'c/hubApi';
import { contentTypeLabel, timeAgo } from 'c/knowledgeFormat';
import { reduceErrors } from 'c/errorMessages';
import { track } from 'c/loadState';

const GROUPS = [
    { status: 'draft', label: 'Drafts', empty: 'No drafts.' },
    { status: 'in_review', label: 'In review', empty: 'Nothing waiting for a reviewer.' },
    { status: 'published', label: 'Published', empty: 'Nothing published yet.' },
    { status: 'archived', label: 'Archived', empty: 'Nothing archived.' }
];
const ROLE_LABELS = { author: 'Author', co_author: 'Co-author', contributor: 'Contributor', editor: 'Editor', owner: 'Owner' };
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/**
 * "My content": everything the signed-in person authors or owns, by status, with how others
 * reused each item, the reviewer's comment on what came back, and the actions the hub's policy
 * allows (edit, history, derive, verify, archive, restore). Links are built from patterns the
 * host fills (`{id}`), so the same component runs in Salesforce and in the standalone page.
 */
export default class MyContent extends LightningElement {
    @api editHrefPattern;
    @api versionsHrefPattern;
    @api newHref = './#/my-content/new';

    items;
    error;
    isLoading = false;
    busyId;
    status;
    /** The draft a derive just made, linked from the confirmation. */
    derivedHref;

    connectedCallback() {
        this.load();
    }

    async load() {
        this.items = await track(this, async () => (await listMyContent()).items || []);
    }

    href(pattern, id) {
        return pattern ? pattern.replace('{id}', encodeURIComponent(id)) : undefined;
    }

    get groups() {
        const items = this.items || [];
        return GROUPS.map((g) => {
            const rows = items.filter((i) => i.status === g.status).map((i) => this.row(i));
            return { ...g, key: g.status, rows, hasRows: rows.length > 0, title: `${g.label} (${rows.length})` };
        });
    }

    row(item) {
        const r = item.reuse;
        const reuse = [
            plural(r.views, 'view', 'views'),
            plural(r.attaches, 'attach', 'attaches'),
            plural(r.shares, 'share', 'shares'),
            `${r.helpful} helpful`,
            plural(r.derives, 'derivation', 'derivations')
        ].join(' · ');
        const busy = this.busyId === item.id;
        const editHref = item.may.edit && item.status !== 'archived' ? this.href(this.editHrefPattern, item.id) : undefined;
        return {
            ...item,
            busy,
            typeLabel: contentTypeLabel(item.contentType),
            roleLabel: ROLE_LABELS[item.myRole] || item.myRole,
            updated: timeAgo(item.updatedAt),
            reuseText: `Reuse by others: ${reuse}`,
            editHref,
            // A comment on a draft asks for changes; on an archived item it says why it was rejected.
            showComment: (item.status === 'draft' || item.status === 'archived') && !!item.reviewComment,
            commentLabel: item.status === 'archived' ? 'Rejected:' : 'Changes requested:',
            actions: this.actionsFor(item, editHref, busy)
        };
    }

    /** The row's links and buttons, in the order they show; each names its item for screen readers. */
    actionsFor(item, editHref, busy) {
        const versionsHref = this.href(this.versionsHrefPattern, item.id);
        const offered = [
            { name: 'edit', label: 'Edit', href: editHref, show: !!editHref },
            { name: 'history', label: 'History', href: versionsHref, show: !!versionsHref },
            { name: 'derive', label: 'Derive', show: true },
            { name: 'verify', label: 'Verify', show: item.may.edit && item.status === 'published' },
            { name: 'archive', label: 'Archive', show: item.may.archive && item.status !== 'archived', destructive: true },
            { name: 'restore', label: 'Restore', show: item.may.restore && item.status === 'archived' }
        ];
        return offered
            .filter((action) => action.show)
            .map((action) => ({
                name: action.name,
                label: action.label,
                href: action.href,
                ariaLabel: `${action.label}: ${item.title}`,
                variant: action.destructive ? 'text-destructive' : 'neutral',
                disabled: busy
            }));
    }

    get isEmpty() {
        return !!this.items && this.items.length === 0;
    }

    get hasItems() {
        return !!this.items && this.items.length > 0;
    }

    handleAction(event) {
        const item = this.items.find((i) => i.id === event.detail.id);
        const handlers = { derive: this.derive, verify: this.verify, archive: this.archive, restore: this.restore };
        handlers[event.detail.action].call(this, item);
    }

    derive(item) {
        this.act(
            item,
            () => deriveContent(item.id),
            (made) => {
                this.derivedHref = this.href(this.editHrefPattern, made.id);
                this.dispatchEvent(new CustomEvent('derived', { detail: { id: made.id, from: item.id } }));
                return `A new draft “${made.title}” was derived; the authors of “${item.title}” are credited as contributors.`;
            }
        );
    }

    verify(item) {
        this.act(
            item,
            () => verifyContent(item.id),
            () => `“${item.title}” is verified as still right.`
        );
    }

    archive(item) {
        this.act(
            item,
            () => archiveContent(item.id),
            () => `“${item.title}” is archived: it no longer shows in search.`
        );
    }

    restore(item) {
        this.act(
            item,
            () => restoreContent(item.id, item.version),
            () => `“${item.title}” is restored.`
        );
    }

    async act(item, call, confirmation) {
        if (this.busyId) {
            return;
        }
        this.busyId = item.id;
        this.derivedHref = undefined;
        try {
            const result = await call();
            this.status = confirmation(result);
            await this.load();
        } catch (error) {
            this.status = `That did not work: ${reduceErrors(error).join(' ')}`;
        } finally {
            this.busyId = undefined;
        }
    }
}
