import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import ReviewPreview from 'c/reviewPreview';
import { getContent, getContentVersions } from 'c/hubApi';
import { flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getContent: jest.fn(), getContentVersions: jest.fn() }));

const ITEM = require('../../contentEditor/__tests__/data/battlecard.json');
const HISTORY = require('./data/history.json');
const copy = (value) => JSON.parse(JSON.stringify(value));
const deepText = (element) =>
    shadowRoots(element.shadowRoot)
        .map((root) => root.textContent)
        .join(' ');

async function render(history = HISTORY) {
    getContent.mockResolvedValue({
        ...copy(ITEM),
        status: 'in_review',
        version: 6,
        body: '## Why we win\n\n- Total cost\n\n## Pricing objection',
        bodyHtml: '<h2>Why we win</h2><h2>Pricing objection</h2>'
    });
    getContentVersions.mockResolvedValue(copy(history));
    const element = createElement('c-review-preview', { is: ReviewPreview });
    element.contentId = 'ci-bc-1';
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-review-preview', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when opened, then the reviewer sees the submitter, the authors with shares, the body as readers get it and the change since approval', async () => {
        const element = await render();
        const text = deepText(element);
        expect(text).toContain('Submitted by Hannah Whitfield');
        expect(text).toContain('Omar Haddad (co-author, 30%)');
        const asRead = getByRole(element.shadowRoot, 'region', { name: 'As readers will see it' });
        expect(asRead.querySelector('c-rich-html').html).toContain('Pricing objection');
        expect(text).toContain('added: +## Pricing objection');
        expect(text).toContain('Approved (version 4)');
        await expect(element).toBeAccessible();
    });

    it('when it was never approved, then it says everything is new', async () => {
        const element = await render({ versions: [HISTORY.versions[0]] });
        expect(deepText(element)).toContain('Never approved before: everything is new.');
    });

    it('when the item cannot be loaded, then the error panel offers a retry', async () => {
        getContent.mockRejectedValue({ status: 404, body: { message: 'Content item not found' } });
        getContentVersions.mockResolvedValue(copy(HISTORY));
        const element = createElement('c-review-preview', { is: ReviewPreview });
        element.contentId = 'ci-gone';
        document.body.appendChild(element);
        await flushPromises();
        expect(deepText(element)).toContain('The item could not be loaded.');
    });
});
