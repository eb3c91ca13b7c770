import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import DueAndRequested from 'c/dueAndRequested';
import { completeContentRequest, getDueContent, listContentRequests, verifyContent } from 'c/hubApi';
import { copy, deepText, resetDom, flushPromises, mount, oneByRole } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    completeContentRequest: jest.fn(),
    getDueContent: jest.fn(),
    listContentRequests: jest.fn(),
    verifyContent: jest.fn()
}));

const DUE = {
    items: [
        {
            id: 'ci-faq',
            title: 'Fleet telematics FAQ',
            contentType: 'faq',
            status: 'published',
            freshness: 'outdated',
            verifiedAt: '2026-08-01T00:00:00.000Z',
            verifyEveryDays: 90,
            expiresAt: null,
            flags: [{ by: 'Ana Rep', note: 'Prices changed in November', at: '2026-11-28T10:00:00.000Z' }]
        },
        {
            id: 'ci-old',
            title: '2025 price list',
            contentType: 'pricing_guide',
            status: 'published',
            freshness: 'expired',
            verifiedAt: null,
            verifyEveryDays: null,
            expiresAt: '2026-11-01T00:00:00.000Z',
            flags: []
        }
    ]
};
const REQUESTS = {
    requests: [
        {
            id: 'req-1',
            query: 'samsara pricing',
            assignee: 'u-hannah',
            createdBy: 'u-admin',
            status: 'open',
            note: 'Three deals asked this week',
            createdAt: '2026-11-30T10:00:00.000Z'
        },
        {
            id: 'req-0',
            query: 'old ask',
            assignee: 'u-hannah',
            createdBy: 'u-admin',
            status: 'done',
            note: null,
            createdAt: '2026-10-30T10:00:00.000Z'
        }
    ]
};

async function render(due = DUE, requests = REQUESTS) {
    getDueContent.mockResolvedValue(copy(due));
    listContentRequests.mockResolvedValue(copy(requests));
    const element = createElement('c-due-and-requested', { is: DueAndRequested });
    element.editHrefPattern = './#/my-content/{id}/edit';
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-due-and-requested', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when items are due and requests are open, then each shows why, the reader note, and a one-click action', async () => {
        const element = await render();
        const due = getByRole(element.shadowRoot, 'region', { name: 'Due for verification, expired or flagged' });
        expect(due.textContent).toContain('Flagged outdated');
        expect(due.textContent).toContain('Ana Rep flagged it on');
        expect(due.textContent).toContain('Prices changed in November');
        expect(oneByRole(element, 'link', { name: 'Edit: 2025 price list' }).getAttribute('href')).toBe('./#/my-content/ci-old/edit');
        const requests = getByRole(element.shadowRoot, 'region', { name: 'Requested of you' });
        expect(requests.textContent).toContain('“samsara pricing”');
        expect(requests.textContent).not.toContain('old ask');
        expect(oneByRole(element, 'link', { name: 'Write content for: samsara pricing' }).getAttribute('href')).toBe(
            './#/my-content/new/samsara%20pricing'
        );
        await expect(element).toBeAccessible();
    });

    it('when Verify and Mark done are pressed, then the hub is called and it is announced', async () => {
        const element = await render();
        verifyContent.mockResolvedValue({});
        completeContentRequest.mockResolvedValue({});
        oneByRole(element, 'button', { name: 'Verify: Fleet telematics FAQ' }).click();
        await flushPromises();
        await flushPromises();
        expect(verifyContent).toHaveBeenCalledWith('ci-faq');
        expect(getByRole(element.shadowRoot, 'status').textContent).toContain('“Fleet telematics FAQ” is verified');
        oneByRole(element, 'button', { name: 'Mark done: samsara pricing' }).click();
        await flushPromises();
        await flushPromises();
        expect(completeContentRequest).toHaveBeenCalledWith('req-1');
        expect(getByRole(element.shadowRoot, 'status').textContent).toContain('marked done');
    });

    it('when nothing is due or asked, then both lists say so', async () => {
        const element = await render({ items: [] }, { requests: [] });
        expect(deepText(element)).toContain('Nothing is due');
        expect(deepText(element)).toContain('No open requests.');
        await expect(element).toBeAccessible();
    });

    it('when loading fails, then the error panel offers a retry', async () => {
        getDueContent.mockRejectedValue({ status: 500, body: { message: 'Internal error' } });
        listContentRequests.mockResolvedValue(copy(REQUESTS));
        const element = await mount('c-due-and-requested', DueAndRequested);
        expect(deepText(element)).toContain('What is due could not be loaded.');
    });
});
