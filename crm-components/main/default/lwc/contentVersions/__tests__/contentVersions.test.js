import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import ContentVersions from 'c/contentVersions';
import { getContent, getContentVersions, listUsers } from 'c/hubApi';
import { deepText, flushPromises, selectIn } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getContent: jest.fn(), getContentVersions: jest.fn(), listUsers: jest.fn() }));

const VERSIONS = require('./data/versions.json');
const ITEM = require('../../contentEditor/__tests__/data/battlecard.json');
const USERS = require('../../contentEditor/__tests__/data/users.json');
const copy = (value) => JSON.parse(JSON.stringify(value));

async function render() {
    const element = createElement('c-content-versions', { is: ContentVersions });
    element.contentId = 'ci-bc-1';
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-content-versions', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when the history loads, then every version is listed with who and what, and the last change is diffed', async () => {
        getContent.mockResolvedValue(copy(ITEM));
        getContentVersions.mockResolvedValue(copy(VERSIONS));
        listUsers.mockResolvedValue(copy(USERS));
        const element = await render();
        const list = getByRole(element.shadowRoot, 'list', { name: 'Versions, newest first' });
        expect(list.textContent).toContain('Version 3 · Omar Haddad');
        expect(list.textContent).toContain('tightened');
        expect(deepText(element)).toContain('added: +- Rollout');
        await expect(element).toBeAccessible();
    });

    it('when two other versions are chosen, then their differences show', async () => {
        getContent.mockResolvedValue(copy(ITEM));
        getContentVersions.mockResolvedValue(copy(VERSIONS));
        listUsers.mockResolvedValue(copy(USERS));
        const element = await render();
        const from = selectIn(element.shadowRoot, 'From');
        from.value = '1';
        from.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        await flushPromises();
        expect(deepText(element)).toContain('Version 1: Rivalware');
        expect(deepText(element)).toContain('Version 3: Beating Rivalware');
    });

    it('when the item is not visible, then the error panel says so', async () => {
        getContent.mockRejectedValue({ status: 404, body: { message: 'Content item not found' } });
        getContentVersions.mockRejectedValue({ status: 404, body: { message: 'Content item not found' } });
        listUsers.mockResolvedValue(copy(USERS));
        const element = await render();
        expect(deepText(element)).toContain('The history could not be loaded.');
    });
});
