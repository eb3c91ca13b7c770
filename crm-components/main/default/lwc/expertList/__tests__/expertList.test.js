import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import ExpertList from 'c/expertList';
import { getExpertProfile } from 'c/hubApi';
import { resetDom, flushPromises } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getExpertProfile: jest.fn(), recordExpertContact: jest.fn() }));
const PROFILE = require('../../expertProfile/__tests__/data/profile.json');

const { experts } = require('../../opportunityKnowledge/__tests__/data/opportunityKnowledge.json');

function render(list, props = {}) {
    const element = createElement('c-expert-list', { is: ExpertList });
    element.experts = list;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-expert-list', () => {
    afterEach(() => {
        resetDom();
    });

    it('when experts are given, then each appears with initials, name and reasons under a heading', () => {
        const element = render(experts);
        expect(getByRole(element.shadowRoot, 'heading', { name: 'Ask an expert' })).not.toBeNull();
        const names = [...element.shadowRoot.querySelectorAll('.expert-name')].map((n) => n.textContent);
        expect(names).toEqual(['Jonas Weber', 'Priya Natarajan']);
        expect(element.shadowRoot.querySelector('abbr').textContent).toBe('JW');
        const chips = element.shadowRoot.querySelector('c-reason-chips');
        expect(chips.reasons).toEqual(['Wrote 2 winning analyses against Geotab']);
    });

    it('when a profile page pattern is given, then each name links to the profile from this deal', () => {
        const element = render(experts, { opportunityId: '006B', expertHrefPattern: './#/experts/{id}?opportunity={opportunityId}' });
        const link = getByRole(element.shadowRoot, 'link', { name: 'Jonas Weber' });
        expect(link.getAttribute('href')).toBe(`./#/experts/${experts[0].userId}?opportunity=006B`);
    });

    it('when there is no profile page (Salesforce), then a name opens the profile in place, with this deal for contacts', async () => {
        getExpertProfile.mockResolvedValue(JSON.parse(JSON.stringify(PROFILE)));
        const element = render(experts, { opportunityId: '006B' });
        const name = getByRole(element.shadowRoot, 'button', { name: 'Jonas Weber' });
        expect(name.getAttribute('aria-expanded')).toBe('false');
        name.click();
        await flushPromises();
        expect(name.getAttribute('aria-expanded')).toBe('true');
        const profile = element.shadowRoot.querySelector('c-expert-profile');
        expect([profile.userId, profile.opportunityId]).toEqual([experts[0].userId, '006B']);
        await expect(element).toBeAccessible();
        name.click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-expert-profile')).toBeNull();
    });

    it('when there are none, then it says so', () => {
        const element = render([]);
        expect(element.shadowRoot.textContent).toContain('No experts found for deals like this yet.');
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render(experts);
        await expect(element).toBeAccessible();
    });
});
