import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import ReviewQueue from 'c/reviewQueue';
import { approveContent, getContent, getContentVersions, listReviewQueue, rejectContent, requestChanges } from 'c/hubApi';
import { allByRole, deepText, flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    approveContent: jest.fn(),
    listReviewQueue: jest.fn(),
    rejectContent: jest.fn(),
    requestChanges: jest.fn(),
    getContent: jest.fn(),
    getContentVersions: jest.fn()
}));

const QUEUE = require('./data/reviewQueue.json');

const liveRegion = (element) => element.shadowRoot.querySelector('[aria-live="polite"]');
/** Each review item is an article named by its title; its buttons are found inside it. */
const itemNamed = (element, title) => allByRole(element, 'article', { name: title })[0];
/** An item's buttons with this name, the decision buttons' own shadow root (c-action-buttons) included. */
const buttonsIn = (item, name) => shadowRoots(item).flatMap((root) => queryAllByRole(root, 'button', { name }));
function buttonIn(item, name) {
    const found = buttonsIn(item, name);
    if (found.length !== 1) {
        throw new Error(`expected one button named ${name}, found ${found.length}`);
    }
    return found[0];
}
const copy = (value) => JSON.parse(JSON.stringify(value));

async function render() {
    const element = createElement('c-review-queue', { is: ReviewQueue });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const NORTHWIND = 'Lost to Geotab on telematics price at Northwind Logistics';
const FABRIKAM = 'Won: Fabrikam Foods chose Route Optimizer for store deliveries';

/** The comment form an item opened for a decision (it has its own shadow root). */
const commentForm = (item) => item.querySelector('c-comment-form').shadowRoot;

/** Opens the comment form of a decision on an item and sends `text` (nothing when empty). */
async function decideWithComment(item, decision, send, text) {
    buttonIn(item, new RegExp(`^${decision}: `)).click();
    await flushPromises();
    const comment = getByRole(commentForm(item), 'textbox');
    if (text) {
        comment.value = text;
        comment.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
    }
    getByRole(commentForm(item), 'button', { name: new RegExp(`^${send}: `) }).click();
    await flushPromises();
    return comment;
}

describe('c-review-queue', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when the queue is loading, then a spinner announces it', async () => {
        listReviewQueue.mockReturnValue(new Promise(() => {}));
        const element = await render();
        expect(allByRole(element, 'status').some((s) => s.textContent.includes('Loading the review queue'))).toBe(true);
    });

    it('when items wait, then each shows its title, type, authors, deal and the decisions the viewer may take', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        const element = await render();

        expect(allByRole(element, 'list', { name: 'Items waiting for review' })).toHaveLength(1);
        const item = itemNamed(element, NORTHWIND);
        expect(item.textContent).toContain(
            'Win/loss analysis · by Maria Lopez, Tom Becker · Northwind Logistics – Fleet telematics rollout (Northwind Logistics)'
        );
        // Named after the item they act on, visible label first.
        expect(buttonIn(item, `Approve: ${NORTHWIND}`)).toBeTruthy();
        expect(buttonIn(item, `Request changes: ${NORTHWIND}`)).toBeTruthy();
        expect(buttonIn(item, `Reject: ${NORTHWIND}`)).toBeTruthy();
        expect(deepText(element)).toContain('2 items waiting');
        // The hub says this reviewer may not reject the second item: no Reject button for it.
        const other = itemNamed(element, FABRIKAM);
        expect(buttonIn(other, `Request changes: ${FABRIKAM}`)).toBeTruthy();
        expect(queryAllByRole(other, 'button', { name: `Reject: ${FABRIKAM}` })).toHaveLength(0);
    });

    it('when nothing waits, then it says there is nothing to review', async () => {
        listReviewQueue.mockResolvedValue({ items: [] });
        const element = await render();
        expect(deepText(element)).toContain('Nothing to review');
        expect(allByRole(element, 'article', { name: NORTHWIND })).toHaveLength(0);
    });

    it('when loading fails, then the error panel offers a retry', async () => {
        listReviewQueue.mockRejectedValueOnce({ status: 403, body: { message: 'Only leaders and admins review content' } });
        const element = await render();
        const alert = allByRole(element, 'alert')[0];
        expect(alert.textContent).toContain('The review queue could not be loaded.');
        expect(alert.textContent).toContain('Only leaders and admins review content');

        listReviewQueue.mockResolvedValue(copy(QUEUE));
        getByRole(alert, 'button', { name: 'Try again' }).click();
        await flushPromises();
        expect(allByRole(element, 'article', { name: NORTHWIND })).toHaveLength(1);
    });

    it('when the reviewer approves, then the item is approved at its version, leaves the list and it is announced', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        approveContent.mockResolvedValue({ id: 'wl-7f3a', status: 'published', version: 5 });
        const element = await render();

        buttonIn(itemNamed(element, NORTHWIND), /^Approve: /).click();
        await flushPromises();

        expect(approveContent).toHaveBeenCalledWith('wl-7f3a', 4);
        expect(allByRole(element, 'article', { name: NORTHWIND })).toHaveLength(0);
        expect(liveRegion(element).textContent).toContain(`“${NORTHWIND}” is approved and published.`);
        expect(deepText(element)).toContain('1 item waiting');
    });

    it('when the reviewer requests changes without a comment, then the comment is required inline', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        const element = await render();
        const item = itemNamed(element, NORTHWIND);

        const comment = await decideWithComment(item, 'Request changes', 'Send request for changes', '');
        expect(getByRole(commentForm(item), 'textbox', { name: /What should the authors change\?/ })).toBe(comment);
        expect(comment.required).toBe(true);
        expect(requestChanges).not.toHaveBeenCalled();
        expect(comment.getAttribute('aria-invalid')).toBe('true');
        expect(commentForm(item).textContent).toContain('Tell the authors what to change before sending it back.');
        await expect(element).toBeAccessible();
    });

    it('when the reviewer requests changes with a comment, then it is sent with the version and the item leaves the list', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        requestChanges.mockResolvedValue({ id: 'wl-7f3a', status: 'draft', version: 5 });
        const element = await render();

        await decideWithComment(
            itemNamed(element, NORTHWIND),
            'Request changes',
            'Send request for changes',
            '  Name the blocker and what would have changed their mind.  '
        );

        expect(requestChanges).toHaveBeenCalledWith('wl-7f3a', 'Name the blocker and what would have changed their mind.', 4);
        expect(rejectContent).not.toHaveBeenCalled();
        expect(allByRole(element, 'article', { name: NORTHWIND })).toHaveLength(0);
        expect(liveRegion(element).textContent).toContain('went back to its authors with your comment');
        await expect(element).toBeAccessible();
    });

    it('when the reviewer rejects, then the form asks why, a comment is required, and the rejection is sent with the version', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        rejectContent.mockResolvedValue({ id: 'wl-7f3a', status: 'archived', version: 5 });
        const element = await render();
        const item = itemNamed(element, NORTHWIND);

        const comment = await decideWithComment(item, 'Reject', 'Send rejection', '');
        expect(getByRole(commentForm(item), 'textbox', { name: /Why will it not be published\?/ })).toBe(comment);
        expect(commentForm(item).textContent).toContain('Tell the authors why before rejecting it.');
        expect(rejectContent).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();

        comment.value = 'We never compare on price in writing.';
        comment.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        getByRole(commentForm(item), 'button', { name: /^Send rejection: / }).click();
        await flushPromises();
        expect(rejectContent).toHaveBeenCalledWith('wl-7f3a', 4, 'We never compare on price in writing.');
        expect(requestChanges).not.toHaveBeenCalled();
        expect(liveRegion(element).textContent).toContain('is rejected; its authors are told why');
    });

    it('when the reviewer opens an item, then it shows as readers will see it, and hides again', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        getContent.mockResolvedValue({
            id: 'wl-7f3a',
            title: NORTHWIND,
            summary: 'S',
            bodyHtml: '<p>Geotab bundled hardware.</p>',
            authors: [],
            owner: 'u-maria'
        });
        getContentVersions.mockResolvedValue({ versions: [] });
        const element = await render();
        const item = itemNamed(element, NORTHWIND);
        const open = getByRole(item, 'button', { name: `Open the item: ${NORTHWIND}` });
        expect(open.getAttribute('aria-expanded')).toBe('false');
        open.click();
        await flushPromises();
        expect(getContent).toHaveBeenCalledWith('wl-7f3a');
        expect(item.querySelector('c-review-preview')).not.toBeNull();
        expect(getByRole(item, 'button', { name: `Hide the item: ${NORTHWIND}` }).getAttribute('aria-expanded')).toBe('true');
        await expect(element).toBeAccessible();
        getByRole(item, 'button', { name: `Hide the item: ${NORTHWIND}` }).click();
        await flushPromises();
        expect(item.querySelector('c-review-preview')).toBeNull();
    });

    it('when the reviewer cancels a rejection, then the actions come back', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        const element = await render();
        const item = itemNamed(element, NORTHWIND);
        buttonIn(item, /^Reject: /).click();
        await flushPromises();
        getByRole(commentForm(item), 'button', { name: 'Cancel' }).click();
        await flushPromises();
        expect(buttonIn(item, /^Approve: /)).toBeTruthy();
        expect(queryAllByRole(item, 'textbox')).toHaveLength(0);
    });

    it('when a decision fails, then the item stays and shows why', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        approveContent.mockRejectedValue({
            status: 409,
            body: { code: 'conflict', message: 'Version 4 is stale; the item is at version 5' }
        });
        const element = await render();

        buttonIn(itemNamed(element, NORTHWIND), /^Approve: /).click();
        await flushPromises();

        const item = itemNamed(element, NORTHWIND);
        expect(getByRole(item, 'alert').textContent).toContain('Could not approve: Version 4 is stale; the item is at version 5');
        expect(buttonIn(item, /^Approve: /).disabled).toBe(false);
    });

    it('when items wait, then the queue passes the accessibility checks (sa11y)', async () => {
        listReviewQueue.mockResolvedValue(copy(QUEUE));
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
