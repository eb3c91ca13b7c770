import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import AdminHome from 'c/adminHome';
import { resetDom, flushPromises } from 'jest-utils';

// The sections call the hub on their own; here only the menu and the switching matter.
jest.mock('c/hubApi', () => {
    const never = () => new Promise(() => {});
    return {
        listUsers: jest.fn(never),
        getTaxonomies: jest.fn(never),
        listFacetProposals: jest.fn(never),
        getSynonyms: jest.fn(never),
        getIndexStatus: jest.fn(never),
        listAudit: jest.fn(never)
    };
});

async function render(props = {}) {
    const element = createElement('c-admin-home', { is: AdminHome });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const shownSection = (element) => element.shadowRoot.querySelector('.admin-section > *').tagName.toLowerCase();

describe('c-admin-home', () => {
    afterEach(() => {
        resetDom();
    });

    it('when the shell routes a section, then the menu links to each and marks the current one', async () => {
        const element = await render({ section: 'synonyms', sectionHrefPattern: './#/admin/{section}' });
        const nav = getByRole(element.shadowRoot, 'navigation', { name: 'Admin sections' });
        const link = getByRole(nav, 'link', { name: 'Synonyms' });
        expect(link.getAttribute('aria-current')).toBe('page');
        expect(link.getAttribute('href')).toBe('./#/admin/synonyms');
        expect(getByRole(nav, 'link', { name: 'Users' }).getAttribute('aria-current')).toBe('false');
        expect(shownSection(element)).toBe('c-admin-synonyms');
        await expect(element).toBeAccessible();
    });

    it('when the section is unknown, then Users is shown', async () => {
        const element = await render({ section: 'nope' });
        expect(shownSection(element)).toBe('c-admin-users');
    });

    it('when there is no href pattern (inside Salesforce), then the menu switches sections in place', async () => {
        const element = await render();
        getByRole(element.shadowRoot, 'link', { name: 'Audit log' }).click();
        await flushPromises();
        expect(shownSection(element)).toBe('c-admin-audit-log');
        getByRole(element.shadowRoot, 'link', { name: 'Search index' }).click();
        await flushPromises();
        expect(shownSection(element)).toBe('c-admin-index-status');
    });
});
