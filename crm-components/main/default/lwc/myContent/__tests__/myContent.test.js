import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import MyContent from 'c/myContent';
import { archiveContent, deriveContent, listMyContent, restoreContent, verifyContent } from 'c/hubApi';
import { copy, resetDom, flushPromises, oneByRole, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    archiveContent: jest.fn(),
    deriveContent: jest.fn(),
    listMyContent: jest.fn(),
    restoreContent: jest.fn(),
    verifyContent: jest.fn()
}));

const MINE = require('./data/myContent.json');

async function render(data = MINE) {
    listMyContent.mockResolvedValue(copy(data));
    const element = createElement('c-my-content', { is: MyContent });
    element.editHrefPattern = './#/my-content/{id}/edit';
    element.versionsHrefPattern = './#/my-content/{id}/versions';
    document.body.appendChild(element);
    await flushPromises();
    return element;
}
const section = (element, name) => getByRole(element.shadowRoot, 'region', { name });
/** The section's elements with this role, the row actions' own shadow roots included. */
const inSection = (region, role, options) => shadowRoots(region).flatMap((root) => queryAllByRole(root, role, options));

describe('c-my-content', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when loading, then a spinner says so', () => {
        listMyContent.mockReturnValue(new Promise(() => {}));
        const element = createElement('c-my-content', { is: MyContent });
        document.body.appendChild(element);
        expect(
            shadowRoots(element.shadowRoot)
                .map((r) => r.textContent)
                .join(' ')
        ).toContain('Loading your content');
    });

    it('when items are listed, then they are grouped by status with reuse, the reviewer comment and only the allowed actions', async () => {
        const element = await render();
        const drafts = section(element, 'Drafts (1)');
        expect(drafts.textContent).toContain('Changes requested: Add the pricing objection');
        expect(inSection(drafts, 'link', { name: 'Edit: Beating Rivalware on total cost' })[0].getAttribute('href')).toBe(
            './#/my-content/ci-draft/edit'
        );
        expect(inSection(drafts, 'button', { name: /^Verify/ })).toHaveLength(0);
        expect(section(element, 'In review (0)').textContent).toContain('Nothing waiting for a reviewer.');
        const published = section(element, 'Published (1)');
        expect(published.textContent).toContain('Reuse by others: 12 views · 3 attaches · 1 share · 2 helpful · 1 derivation');
        expect(published.textContent).toContain('Co-author');
        expect(inSection(published, 'link', { name: 'History: Fleet telematics FAQ' })[0].getAttribute('href')).toBe(
            './#/my-content/ci-pub/versions'
        );
        const archived = section(element, 'Archived (1)');
        expect(inSection(archived, 'button', { name: 'Restore: 2024 price list' })).toHaveLength(1);
        expect(archived.textContent).toContain('Rejected: Prices belong in the pricing guide');
        expect(inSection(archived, 'button', { name: /^Archive/ })).toHaveLength(0);
        await expect(element).toBeAccessible();
    });

    it('when an item is derived, then the new draft is announced with a link and the list reloads', async () => {
        const element = await render();
        deriveContent.mockResolvedValue({ id: 'ci-new', title: 'Fleet telematics FAQ (derived)' });
        const derived = jest.fn();
        element.addEventListener('derived', derived);
        oneByRole(element, 'button', { name: 'Derive: Fleet telematics FAQ' }).click();
        await flushPromises();
        await flushPromises();
        expect(deriveContent).toHaveBeenCalledWith('ci-pub');
        const status = getByRole(element.shadowRoot, 'status');
        expect(status.textContent).toContain('the authors of “Fleet telematics FAQ” are credited as contributors');
        expect(getByRole(status, 'link', { name: 'Open the new draft' }).getAttribute('href')).toBe('./#/my-content/ci-new/edit');
        expect(derived.mock.calls[0][0].detail).toEqual({ id: 'ci-new', from: 'ci-pub' });
        expect(listMyContent).toHaveBeenCalledTimes(2);
        await expect(element).toBeAccessible();
    });

    it('when verify, archive and restore are used, then each calls the hub for its item', async () => {
        const element = await render();
        verifyContent.mockResolvedValue({});
        archiveContent.mockResolvedValue({});
        restoreContent.mockResolvedValue({});
        for (const name of ['Verify: Fleet telematics FAQ', 'Archive: Beating Rivalware on total cost', 'Restore: 2024 price list']) {
            oneByRole(element, 'button', { name }).click();
            await flushPromises();
            await flushPromises();
        }
        expect(verifyContent).toHaveBeenCalledWith('ci-pub');
        expect(archiveContent).toHaveBeenCalledWith('ci-draft');
        expect(restoreContent).toHaveBeenCalledWith('ci-old', 9);
    });

    it('when an action fails, then the reason is said in the status region', async () => {
        const element = await render();
        archiveContent.mockRejectedValue({ status: 403, body: { message: 'Only editors, leaders and admins may archive this item' } });
        oneByRole(element, 'button', { name: 'Archive: Fleet telematics FAQ' }).click();
        await flushPromises();
        expect(getByRole(element.shadowRoot, 'status').textContent).toContain('Only editors, leaders and admins may archive this item');
    });

    it('when there is nothing yet, then it invites to write, and a failed load offers a retry', async () => {
        let element = await render({ items: [] });
        expect(element.shadowRoot.textContent).toContain('You have not written or been given any content yet.');
        await expect(element).toBeAccessible();
        document.body.removeChild(element);
        listMyContent.mockRejectedValue({ status: 500, body: { message: 'Internal error' } });
        element = createElement('c-my-content', { is: MyContent });
        document.body.appendChild(element);
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('Your content could not be loaded.');
    });
});
