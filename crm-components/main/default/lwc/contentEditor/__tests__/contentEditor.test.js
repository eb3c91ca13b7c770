import { createElement } from 'lwc';
import { getByRole, queryByText } from '@testing-library/dom';
import ContentEditor from 'c/contentEditor';
import {
    createContent,
    getContent,
    getMe,
    getTaxonomies,
    listUsers,
    previewMarkdown,
    proposeFacetValue,
    submitForReview,
    updateContent
} from 'c/hubApi';
import { allByRole, deepText, flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    createContent: jest.fn(),
    getContent: jest.fn(),
    getMe: jest.fn(),
    getTaxonomies: jest.fn(),
    listUsers: jest.fn(),
    previewMarkdown: jest.fn(),
    proposeFacetValue: jest.fn(),
    publishContent: jest.fn(),
    submitForReview: jest.fn(),
    updateContent: jest.fn()
}));

const ITEM = require('./data/battlecard.json');
const USERS = require('./data/users.json');
const copy = (value) => JSON.parse(JSON.stringify(value));
const field = (element, name) =>
    shadowRoots(element.shadowRoot)
        .flatMap((root) => [...root.querySelectorAll('c-form-field')])
        .find((f) => f.name === name);

/** The co-author editor reports a new list, as when the author edits it. */
const setAuthors = (element, authors) =>
    element.shadowRoot
        .querySelector('c-co-author-editor')
        .dispatchEvent(new CustomEvent('valuechange', { detail: { name: 'authors', value: authors } }));

async function render(contentId) {
    getMe.mockResolvedValue({ id: 'u-hannah', name: 'Hannah Whitfield', role: 'author', team: 'NA Enterprise' });
    listUsers.mockResolvedValue(copy(USERS));
    getTaxonomies.mockResolvedValue({
        competitors: [{ value: 'Rivalware' }, { value: 'Geotab' }],
        products: [{ value: 'Fleet Telematics' }]
    });
    previewMarkdown.mockResolvedValue({ html: '<h2>Why we win</h2>' });
    if (contentId) getContent.mockResolvedValue(copy(ITEM));
    const element = createElement('c-content-editor', { is: ContentEditor });
    if (contentId) element.contentId = contentId;
    document.body.appendChild(element);
    await flushPromises();
    await flushPromises();
    return element;
}

describe('c-content-editor', () => {
    beforeEach(() => window.sessionStorage.clear());
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('when it loads, then a spinner says so', async () => {
        getMe.mockReturnValue(new Promise(() => {}));
        listUsers.mockReturnValue(new Promise(() => {}));
        getTaxonomies.mockReturnValue(new Promise(() => {}));
        const element = createElement('c-content-editor', { is: ContentEditor });
        document.body.appendChild(element);
        expect(deepText(element)).toContain('Loading the editor');
    });

    it('when a new battlecard is written with two co-authors, then the hub gets the whole item with shares summing to 1, and it is submitted', async () => {
        const element = await render();
        expect(getByRole(element.shadowRoot, 'heading', { name: 'New content', level: 1 })).toBeTruthy();
        field(element, 'title').dispatchEvent(new CustomEvent('valuechange', { detail: { name: 'title', value: 'Beating Rivalware' } }));
        setAuthors(element, [
            { userId: 'u-hannah', role: 'author', share: 0.5 },
            { userId: 'u-omar', role: 'co_author', share: 0.3 },
            { userId: 'u-lena', role: 'co_author', share: 0.1 }
        ]);
        await flushPromises();
        expect(deepText(element)).toContain('Shares total 90% — they must add up to 100%');
        setAuthors(element, [
            { userId: 'u-hannah', role: 'author', share: 0.5 },
            { userId: 'u-omar', role: 'co_author', share: 0.3 },
            { userId: 'u-lena', role: 'co_author', share: 0.2 }
        ]);
        createContent.mockResolvedValue({ ...copy(ITEM), version: 1, reviewComment: null });
        submitForReview.mockResolvedValue({ ...copy(ITEM), version: 2, status: 'in_review', reviewComment: null });
        const saved = jest.fn();
        element.addEventListener('saved', saved);
        await flushPromises();
        getByRole(element.shadowRoot, 'button', { name: 'Submit for review' }).click();
        await flushPromises();
        await flushPromises();

        const input = createContent.mock.calls[0][0];
        expect(input).toMatchObject({
            kind: 'capability',
            contentType: 'battlecard',
            title: 'Beating Rivalware',
            visibility: { scope: 'everyone' },
            owner: 'u-hannah'
        });
        expect(input.authors.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 6);
        expect(submitForReview).toHaveBeenCalledWith('ci-bc-1', 1);
        expect(saved.mock.calls[0][0].detail).toEqual({ id: 'ci-bc-1', status: 'in_review' });
        expect(getByRole(element.shadowRoot, 'status').textContent).toContain('Submitted for review.');
        await expect(element).toBeAccessible();
    });

    it('when started from a request, then the new item takes its words as title', async () => {
        getMe.mockResolvedValue({ id: 'u-hannah', role: 'author' });
        listUsers.mockResolvedValue(copy(USERS));
        getTaxonomies.mockResolvedValue({});
        const element = createElement('c-content-editor', { is: ContentEditor });
        element.initialTitle = 'samsara pricing';
        document.body.appendChild(element);
        await flushPromises();
        await flushPromises();
        expect(field(element, 'title').value).toBe('samsara pricing');
    });

    it('when the body changes, then the hub renders the preview after a pause in typing', async () => {
        const element = await render();
        jest.useFakeTimers();
        previewMarkdown.mockResolvedValue({ html: '<h2>Pricing</h2>' });
        field(element, 'body').dispatchEvent(new CustomEvent('valuechange', { detail: { name: 'body', value: '## Pricing' } }));
        expect(previewMarkdown).not.toHaveBeenCalled();
        jest.advanceTimersByTime(500);
        jest.useRealTimers();
        await flushPromises();
        await flushPromises();
        expect(previewMarkdown).toHaveBeenCalledWith('## Pricing');
        const preview = allByRole(element, 'region', { name: 'Preview' })[0];
        expect(preview.querySelector('c-rich-html').html).toBe('<h2>Pricing</h2>');
    });

    it('when an item sent back is opened, then the reviewer comment shows and the form holds the item', async () => {
        const element = await render('ci-bc-1');
        expect(getByRole(element.shadowRoot, 'heading', { name: 'Edit: Beating Rivalware on total cost', level: 1 })).toBeTruthy();
        expect(deepText(element)).toContain('Changes requested: Add the pricing objection');
        expect(field(element, 'title').value).toBe('Beating Rivalware on total cost');
        await expect(element).toBeAccessible();
    });

    it('when the author picks a value the taxonomy lacks, then saving keeps it on the item and proposes it to the admins once', async () => {
        const element = await render('ci-bc-1');
        const picker = [...element.shadowRoot.querySelectorAll('c-facet-picker')].find((p) => p.name === 'competitors');
        picker.dispatchEvent(new CustomEvent('valueschange', { detail: { name: 'competitors', values: ['Rivalware', 'Samsara'] } }));
        updateContent.mockResolvedValue({ ...copy(ITEM), version: 4, competitors: ['Rivalware', 'Samsara'] });
        proposeFacetValue.mockResolvedValue({ id: 7, kind: 'competitors', value: 'Samsara', status: 'pending' });
        await flushPromises();
        getByRole(element.shadowRoot, 'button', { name: 'Save draft' }).click();
        await flushPromises();
        await flushPromises();

        expect(updateContent).toHaveBeenCalledWith('ci-bc-1', 3, expect.objectContaining({ competitors: ['Rivalware', 'Samsara'] }));
        expect(proposeFacetValue).toHaveBeenCalledTimes(1);
        expect(proposeFacetValue).toHaveBeenCalledWith('competitors', 'Samsara', 'ci-bc-1');
        expect(getByRole(element.shadowRoot, 'status').textContent).toContain(
            'Draft saved. Proposed to the admins as new values: Samsara.'
        );
        await expect(element).toBeAccessible();

        // A second save does not propose the same value again.
        updateContent.mockResolvedValue({ ...copy(ITEM), version: 5, competitors: ['Rivalware', 'Samsara'] });
        getByRole(element.shadowRoot, 'button', { name: 'Save draft' }).click();
        await flushPromises();
        await flushPromises();
        expect(proposeFacetValue).toHaveBeenCalledTimes(1);
    });

    it('when someone else saved in between, then the author sees their change and can reapply theirs on top', async () => {
        const element = await render('ci-bc-1');
        field(element, 'title').dispatchEvent(new CustomEvent('valuechange', { detail: { name: 'title', value: 'My better title' } }));
        const stale = Object.assign(new Error('Item was changed by someone else'), {
            status: 409,
            body: { code: 'conflict', message: 'Item was changed by someone else', details: { currentVersion: 4 } }
        });
        updateContent.mockRejectedValueOnce(stale);
        getContent.mockResolvedValue({ ...copy(ITEM), version: 4, summary: 'Their summary' });
        await flushPromises();
        getByRole(element.shadowRoot, 'button', { name: 'Save draft' }).click();
        await flushPromises();
        await flushPromises();

        const alert = allByRole(element, 'alert', { name: 'Someone else changed this' })[0];
        expect(alert.textContent).toContain('now version 4');
        getByRole(alert, 'button', { name: 'Show their change' }).click();
        await flushPromises();
        expect(deepText(element)).toContain('Their summary');
        await expect(element).toBeAccessible();

        getByRole(alert, 'button', { name: 'Reapply my changes on theirs' }).click();
        updateContent.mockResolvedValue({ ...copy(ITEM), version: 5, title: 'My better title' });
        await flushPromises();
        getByRole(element.shadowRoot, 'button', { name: 'Save draft' }).click();
        await flushPromises();
        expect(updateContent).toHaveBeenLastCalledWith('ci-bc-1', 4, expect.objectContaining({ title: 'My better title' }));
        expect(getByRole(element.shadowRoot, 'status').textContent).toContain('Draft saved.');
    });

    it('when the author leaves with unsaved changes, then they come back on return, and can be discarded', async () => {
        let element = await render('ci-bc-1');
        field(element, 'title').dispatchEvent(new CustomEvent('valuechange', { detail: { name: 'title', value: 'Half-finished title' } }));
        document.body.removeChild(element);
        element = await render('ci-bc-1');
        expect(field(element, 'title').value).toBe('Half-finished title');
        expect(deepText(element)).toContain('Your unsaved changes from earlier were restored.');
        getByRole(element.shadowRoot, 'button', { name: 'Discard them' }).click();
        await flushPromises();
        expect(field(element, 'title').value).toBe('Beating Rivalware on total cost');
        expect(queryByText(element.shadowRoot, /were restored/)).toBeNull();
    });

    it('when the hub refuses fields, then a summary names them and takes the focus', async () => {
        const element = await render();
        createContent.mockRejectedValue({
            status: 400,
            body: {
                code: 'validation_failed',
                message: 'title: Too small',
                details: { issues: [{ path: 'title', message: 'Too small: expected string to have >=1 characters' }] }
            }
        });
        getByRole(element.shadowRoot, 'button', { name: 'Save draft' }).click();
        await flushPromises();
        await flushPromises();
        const alert = allByRole(element, 'alert').find((a) => a.classList.contains('save-error'));
        expect(alert.textContent).toContain('Title:');
        expect(field(element, 'title').error).toBeTruthy();
        await expect(element).toBeAccessible();
    });

    it('when loading fails, then the error panel offers a retry', async () => {
        getMe.mockResolvedValue({ id: 'u-hannah', role: 'author' });
        listUsers.mockResolvedValue(copy(USERS));
        getTaxonomies.mockResolvedValue({});
        getContent.mockRejectedValue({ status: 404, body: { message: 'Content item not found' } });
        const element = createElement('c-content-editor', { is: ContentEditor });
        element.contentId = 'ci-gone';
        document.body.appendChild(element);
        await flushPromises();
        expect(deepText(element)).toContain('This item could not be opened for editing.');
        expect(deepText(element)).toContain('Content item not found');
    });
});
