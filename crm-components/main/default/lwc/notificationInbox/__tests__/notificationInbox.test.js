import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import NotificationInbox from 'c/notificationInbox';
import { getNotifications, markNotificationsRead } from 'c/hubApi';
import { flushPromises } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getNotifications: jest.fn(), markNotificationsRead: jest.fn() }));

const INBOX = require('./data/notifications.json');
const copy = (value) => JSON.parse(JSON.stringify(value));
const ITEM = 'ci-7f3a2b10-5c1e-4d7a-9b8e-2a6f0c1d3e4f';

async function render(inbox = INBOX) {
    getNotifications.mockResolvedValue(copy(inbox));
    const element = createElement('c-notification-inbox', { is: NotificationInbox });
    element.itemHrefPattern = './#/items/{id}';
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

async function openPanel(element) {
    getByRole(element.shadowRoot, 'button', { name: /^Inbox/ }).click();
    await flushPromises();
}

describe('c-notification-inbox', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when there are unread notifications, then the button shows the count and says it in words', async () => {
        const element = await render();
        const button = getByRole(element.shadowRoot, 'button', { name: 'Inbox 2 unread' });
        expect(button.getAttribute('aria-expanded')).toBe('false');
        expect(button.textContent.replace(/\s+/g, ' ').trim()).toBe('Inbox 2');
        expect(getByRole(element.shadowRoot, 'status').textContent).toBe('2 unread notifications.');
        await expect(element).toBeAccessible();
    });

    it('when the panel opens, then it lists the notifications newest first, links to their items, and takes the focus', async () => {
        const element = await render();
        await openPanel(element);
        const panel = getByRole(element.shadowRoot, 'region', { name: 'Notifications' });
        expect(element.shadowRoot.activeElement).toBe(getByRole(panel, 'heading', { name: 'Notifications' }));
        const items = queryAllByRole(panel, 'listitem');
        expect(items.map((li) => li.textContent)).toEqual([
            expect.stringContaining('Unread: Marc Dubois restored "Data residency FAQ"'),
            expect.stringContaining('Unread: Marc Dubois archived "Data residency FAQ"'),
            expect.not.stringContaining('Unread:')
        ]);
        expect(getByRole(items[0], 'link').getAttribute('href')).toBe(`./#/items/${ITEM}`);
        expect(queryAllByRole(items[2], 'link')).toHaveLength(0);
        expect(getNotifications).toHaveBeenCalledTimes(2);
        await expect(element).toBeAccessible();
    });

    it('when "Mark all read" is pressed, then all are marked read, the count goes and focus returns to the button', async () => {
        const element = await render();
        await openPanel(element);
        markNotificationsRead.mockResolvedValue({ marked: 2, unread: 0 });
        getByRole(element.shadowRoot, 'button', { name: 'Mark all read' }).click();
        await flushPromises();
        expect(markNotificationsRead).toHaveBeenCalledWith(undefined);
        const button = getByRole(element.shadowRoot, 'button', { name: 'Inbox, none unread' });
        expect(element.shadowRoot.activeElement).toBe(button);
        expect(queryAllByRole(element.shadowRoot, 'button', { name: 'Mark all read' })).toHaveLength(0);
        expect(element.shadowRoot.textContent).not.toContain('Unread:');
    });

    it('when an item link is followed, then that notification is marked read and the panel closes', async () => {
        const element = await render();
        await openPanel(element);
        markNotificationsRead.mockResolvedValue({ marked: 1, unread: 1 });
        getByRole(element.shadowRoot, 'link', { name: 'Marc Dubois restored "Data residency FAQ"' }).click();
        await flushPromises();
        expect(markNotificationsRead).toHaveBeenCalledWith([41]);
        expect(queryAllByRole(element.shadowRoot, 'region')).toHaveLength(0);
        expect(getByRole(element.shadowRoot, 'button', { name: 'Inbox 1 unread' })).toBeTruthy();
    });

    it('when Escape is pressed in the panel, then it closes and focus returns to the button', async () => {
        const element = await render();
        await openPanel(element);
        element.shadowRoot.querySelector('.inbox').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await flushPromises();
        expect(queryAllByRole(element.shadowRoot, 'region')).toHaveLength(0);
        expect(element.shadowRoot.activeElement).toBe(getByRole(element.shadowRoot, 'button', { name: 'Inbox 2 unread' }));
    });

    it('when kinds have their own links, then changes requested open the editor, a rejection My content and a request the to-do page', async () => {
        getNotifications.mockResolvedValue({
            unread: 3,
            notifications: [
                {
                    id: 52,
                    kind: 'changes_requested',
                    contentId: 'ci-1',
                    actorId: 'u-l',
                    message: 'Marc requested changes to "X": add pricing',
                    createdAt: '2026-12-01T11:00:00.000Z',
                    readAt: null
                },
                {
                    id: 51,
                    kind: 'rejected',
                    contentId: 'ci-2',
                    actorId: 'u-l',
                    message: 'Marc rejected "Y": it will not be published as is: off strategy',
                    createdAt: '2026-12-01T10:00:00.000Z',
                    readAt: null
                },
                {
                    id: 50,
                    kind: 'request_assigned',
                    contentId: null,
                    actorId: 'u-a',
                    message: 'Admin asked you for content',
                    createdAt: '2026-12-01T09:00:00.000Z',
                    readAt: null
                }
            ]
        });
        const element = createElement('c-notification-inbox', { is: NotificationInbox });
        element.itemHrefPattern = './#/items/{id}';
        element.hrefPatterns = { changes_requested: './#/my-content/{id}/edit', rejected: './#/my-content', request_assigned: './#/due' };
        document.body.appendChild(element);
        await flushPromises();
        await openPanel(element);
        expect(getByRole(element.shadowRoot, 'link', { name: /requested changes to "X": add pricing/ }).getAttribute('href')).toBe(
            './#/my-content/ci-1/edit'
        );
        expect(getByRole(element.shadowRoot, 'link', { name: /off strategy/ }).getAttribute('href')).toBe('./#/my-content');
        expect(getByRole(element.shadowRoot, 'link', { name: /asked you for content/ }).getAttribute('href')).toBe('./#/due');
        await expect(element).toBeAccessible();
    });

    it('when there is nothing yet, then the panel says what will appear here', async () => {
        const element = await render({ unread: 0, notifications: [] });
        await openPanel(element);
        expect(element.shadowRoot.textContent).toContain('Nothing yet: you are told here when your items are reviewed');
        expect(element.shadowRoot.querySelector('.slds-badge')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('when loading fails, then the panel shows a friendly error', async () => {
        getNotifications.mockRejectedValue({ status: 500, body: { error: { code: 'internal', message: 'Internal error' } } });
        const element = createElement('c-notification-inbox', { is: NotificationInbox });
        document.body.appendChild(element);
        await flushPromises();
        getByRole(element.shadowRoot, 'button', { name: /^Inbox/ }).click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    });
});
