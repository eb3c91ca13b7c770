import { createElement } from 'lwc';
import ExpertList from 'c/expertList';
import { getExpertProfile } from 'c/hubApi';
import { resetDom, flushPromises, oneByRole, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getExpertProfile: jest.fn(), recordExpertContact: jest.fn() }));
const PROFILE = require('../../expertProfile/__tests__/data/profile.json');

const { experts } = require('../../opportunityKnowledge/__tests__/data/opportunityKnowledge.json');

/** Every element matching `selector` below the list, the entries' own shadow roots included. */
const deepAll = (element, selector) => shadowRoots(element.shadowRoot).flatMap((root) => [...root.querySelectorAll(selector)]);

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
        expect(oneByRole(element, 'heading', { name: 'Ask an expert' })).not.toBeNull();
        const names = deepAll(element, '.expert-name').map((n) => n.textContent);
        expect(names).toEqual(['Jonas Weber', 'Priya Natarajan']);
        expect(deepAll(element, 'abbr')[0].textContent).toBe('JW');
        const chips = element.shadowRoot.querySelector('c-reason-chips');
        expect(chips.reasons).toEqual(['Wrote 2 winning analyses against Geotab']);
    });

    it('when a profile page pattern is given, then each name links to the profile from this deal', () => {
        const element = render(experts, { opportunityId: '006B', expertHrefPattern: './#/experts/{id}?opportunity={opportunityId}' });
        const link = oneByRole(element, 'link', { name: 'Jonas Weber' });
        expect(link.getAttribute('href')).toBe(`./#/experts/${experts[0].userId}?opportunity=006B`);
    });

    it('when there is no profile page (Salesforce), then a name opens the profile in place, with this deal for contacts', async () => {
        getExpertProfile.mockResolvedValue(JSON.parse(JSON.stringify(PROFILE)));
        const element = render(experts, { opportunityId: '006B' });
        const name = oneByRole(element, 'button', { name: 'Jonas Weber' });
        expect(name.getAttribute('aria-expanded')).toBe('false');
        name.click();
        await flushPromises();
        expect(name.getAttribute('aria-expanded')).toBe('true');
        const [profile] = deepAll(element, 'c-expert-profile');
        expect([profile.userId, profile.opportunityId]).toEqual([experts[0].userId, '006B']);
        await expect(element).toBeAccessible();
        name.click();
        await flushPromises();
        expect(deepAll(element, 'c-expert-profile')).toHaveLength(0);
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
