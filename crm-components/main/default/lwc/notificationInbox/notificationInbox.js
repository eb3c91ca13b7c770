import { LightningElement, api } from 'lwc';
import { getNotifications, markNotificationsRead } from 'c/hubApi';
import { formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';
import { focusPending } from 'c/pendingFocus';

/**
 * The in-hub inbox for the header: a button with the unread count that opens a panel listing the
 * viewer's notifications (newest first), each linking to its item, with "Mark all read". A
 * disclosure rather than a dialog: the page stays usable, Escape closes it and focus returns to
 * the button.
 */
export default class NotificationInbox extends LightningElement {
    /** Where an item links to: a URL with `{id}`. No links without it. */
    @api itemHrefPattern;
    /**
     * Where a kind of notification links instead (`{ rejected: '…/{id}/edit', request_assigned: '…/due' }`):
     * a sent-back item opens in its editor, a request on the author's to-do page. A pattern without
     * `{id}` links notifications that name no item.
     */
    @api hrefPatterns;
    notifications = [];
    unread = 0;
    open = false;
    isLoading = false;
    error;
    focusAfterRender;

    connectedCallback() {
        this.load();
    }

    load() {
        return track(this, async () => {
            const inbox = await getNotifications();
            this.notifications = inbox.notifications || [];
            this.unread = inbox.unread || 0;
        });
    }

    get hasUnread() {
        return this.unread > 0;
    }

    /** The button says the count in words (its name starts with its visible text, WCAG 2.5.3); the badge alone would read as a bare number. */
    get buttonLabel() {
        return this.unread === 0 ? 'Inbox, none unread' : `Inbox ${this.unread} unread`;
    }

    /** The badge's text starts with a space, so the button's visible text reads "Inbox 2", as its name does. */
    get badgeText() {
        return ` ${this.unread}`;
    }

    get expanded() {
        return this.open ? 'true' : 'false';
    }

    get hasNotifications() {
        return this.notifications.length > 0;
    }

    get items() {
        return this.notifications.map((n) => ({
            id: n.id,
            message: n.message,
            when: formatDate(n.createdAt),
            unread: !n.readAt,
            itemClass: `slds-p-around_x-small inbox-item${n.readAt ? '' : ' inbox-unread'}`,
            href: this.hrefOf(n)
        }));
    }

    hrefOf(n) {
        const pattern = (this.hrefPatterns && this.hrefPatterns[n.kind]) || this.itemHrefPattern;
        if (!pattern || (pattern.includes('{id}') && !n.contentId)) {
            return undefined;
        }
        return pattern.replace('{id}', encodeURIComponent(n.contentId || ''));
    }

    get statusText() {
        if (this.isLoading || this.error) {
            return '';
        }
        return this.unread === 0
            ? 'No unread notifications.'
            : `${this.unread} unread ${this.unread === 1 ? 'notification' : 'notifications'}.`;
    }

    toggle() {
        this.open = !this.open;
        if (this.open) {
            // Fresh on every opening: news may have arrived since the page loaded.
            this.load();
            this.focusAfterRender = '.inbox-panel h2';
        }
    }

    handleKeydown(event) {
        if (event.key === 'Escape' && this.open) {
            this.close();
        }
    }

    close() {
        this.open = false;
        this.focusAfterRender = 'button.inbox-toggle';
    }

    /** Following a link reads that notification and closes the panel (the item opens). */
    handleOpenItem(event) {
        const id = Number(event.currentTarget.dataset.id);
        this.open = false;
        const target = this.notifications.find((n) => n.id === id);
        if (target && !target.readAt) {
            this.markRead([id]);
        }
    }

    handleMarkAll() {
        this.focusAfterRender = 'button.inbox-toggle';
        return this.markRead();
    }

    async markRead(ids) {
        this.error = undefined;
        try {
            const { unread } = await markNotificationsRead(ids);
            const now = new Date().toISOString();
            this.notifications = this.notifications.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt || now } : n));
            this.unread = unread;
        } catch (error) {
            this.error = error;
        }
    }

    renderedCallback() {
        focusPending(this);
    }
}
