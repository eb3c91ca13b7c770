import { getByRole } from '@testing-library/dom';
import AdminSynonyms from 'c/adminSynonyms';
import { getSynonyms, replaceSynonyms, search } from 'c/hubApi';
import { copy, allByRole, oneByRole, deepText, resetDom, flushPromises, mount } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getSynonyms: jest.fn(), replaceSynonyms: jest.fn(), search: jest.fn() }));

const SYNONYMS = require('./data/synonyms.json');
const SEARCH = require('./data/search.json');
const groupsBox = (element) => allByRole(element, 'textbox', { name: /Synonym groups/ })[0];

async function render() {
    const element = await mount('c-admin-synonyms', AdminSynonyms);
    await flushPromises();
    return element;
}

function edit(box, text) {
    box.value = text;
    box.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
}

describe('c-admin-synonyms', () => {
    beforeEach(() => getSynonyms.mockResolvedValue(copy(SYNONYMS)));
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when it opens, then the groups are one a line and it says they are the shipped list', async () => {
        const element = await render();
        expect(groupsBox(element).value).toBe('roi, return on investment\npoc, proof of concept, pilot');
        expect(deepText(element)).toContain('no admin has edited it yet');
        expect(deepText(element)).toContain('2 groups');
        await expect(element).toBeAccessible();
    });

    it('when a group has one word, then the line is named and nothing is sent', async () => {
        const element = await render();
        edit(groupsBox(element), 'roi, return on investment\nk8s');
        getByRole(element.shadowRoot, 'button', { name: 'Save and apply' }).click();
        await flushPromises();
        expect(replaceSynonyms).not.toHaveBeenCalled();
        expect(deepText(element)).toContain('Group 2 ("k8s") needs at least two words');
        await expect(element).toBeAccessible();
    });

    it('when a group is added and saved, then the hub gets every group and the source becomes the admin', async () => {
        replaceSynonyms.mockResolvedValue({
            groups: [
                ['roi', 'return on investment'],
                ['k8s', 'kubernetes']
            ],
            source: 'admin',
            updatedAt: '2026-12-02T06:30:00.000Z',
            updatedBy: 'hub-admin'
        });
        const element = await render();
        edit(groupsBox(element), 'roi, return on investment\n k8s ,kubernetes \n');
        getByRole(element.shadowRoot, 'button', { name: 'Save and apply' }).click();
        await flushPromises();
        expect(replaceSynonyms).toHaveBeenCalledWith([
            ['roi', 'return on investment'],
            ['k8s', 'kubernetes']
        ]);
        expect(deepText(element)).toContain('Saved by hub-admin on Dec 2, 2026.');
        expect(deepText(element)).toContain('Synonyms saved and applied to the index: 2 groups.');
    });

    it('when the test search runs, then the hits and their count are shown', async () => {
        search.mockResolvedValue(copy(SEARCH));
        const element = await render();
        const box = oneByRole(element, 'searchbox', { name: 'Test a search' });
        box.value = 'k8s';
        box.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        getByRole(element.shadowRoot, 'button', { name: 'Search' }).click();
        await flushPromises();
        expect(search).toHaveBeenCalledWith({ q: 'k8s', limit: 5 });
        expect(deepText(element)).toContain('1 item found for "k8s".');
        expect(getByRole(element.shadowRoot, 'list', { name: 'Test search results' }).textContent).toContain(
            'Running the platform on Kubernetes'
        );
        await expect(element).toBeAccessible();
    });

    it('when saving fails, then the error is shown', async () => {
        replaceSynonyms.mockRejectedValue({ status: 503, body: { message: 'search engine unavailable' } });
        const element = await render();
        getByRole(element.shadowRoot, 'button', { name: 'Save and apply' }).click();
        await flushPromises();
        expect(deepText(element)).toContain('The synonyms could not be saved.');
    });
});
