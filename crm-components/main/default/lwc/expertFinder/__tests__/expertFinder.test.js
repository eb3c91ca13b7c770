import { getByRole, queryAllByRole } from '@testing-library/dom';
import ExpertFinder from 'c/expertFinder';
import { findExperts, getTaxonomies } from 'c/hubApi';
import { copy, allByRole, resetDom, flushPromises, mount, oneByRole, selectIn, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    findExperts: jest.fn(),
    getTaxonomies: jest.fn(),
    getExpertProfile: jest.fn(),
    recordExpertContact: jest.fn()
}));

const EXPERTS = require('./data/experts.json');
const TAXONOMIES = require('./data/taxonomies.json');

function choose(control, value) {
    control.value = value;
    control.dispatchEvent(new CustomEvent('change', { bubbles: true }));
}

const render = () => mount('c-expert-finder', ExpertFinder);

const submit = (element) => getByRole(element.shadowRoot, 'button', { name: 'Find experts' }).click();

describe('c-expert-finder', () => {
    beforeEach(() => {
        getTaxonomies.mockResolvedValue(copy(TAXONOMIES));
    });
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when it opens, then competitor, industry and product choices come from the taxonomies', async () => {
        const element = await render();
        const competitor = selectIn(element.shadowRoot, 'Competitor');
        expect(Array.from(competitor.options, (o) => o.textContent)).toEqual(['Any', ...TAXONOMIES.competitors.map((t) => t.value)]);
        expect(selectIn(element.shadowRoot, 'Industry').options).toHaveLength(1 + TAXONOMIES.industries.length);
        expect(selectIn(element.shadowRoot, 'Product').options).toHaveLength(1 + TAXONOMIES.products.length);
        expect(getByRole(element.shadowRoot, 'search', { name: 'Expert search' })).toBeTruthy();
    });

    it('when nothing is chosen, then it asks for a criterion instead of searching', async () => {
        const element = await render();
        submit(element);
        await flushPromises();
        expect(findExperts).not.toHaveBeenCalled();
        expect(getByRole(element.shadowRoot, 'alert').textContent).toContain('Choose a competitor, industry or product, or type a topic');
    });

    it('when an industry and a topic are searched, then the people are listed with their evidence', async () => {
        findExperts.mockResolvedValue(copy(EXPERTS));
        const element = await render();
        choose(selectIn(element.shadowRoot, 'Industry'), 'Banking');
        choose(oneByRole(element, 'searchbox', { name: 'Topic' }), '  key custody ');
        submit(element);
        await flushPromises();
        expect(findExperts).toHaveBeenCalledWith({ competitor: undefined, industry: 'Banking', product: undefined, q: 'key custody' });
        const people = element.shadowRoot.querySelectorAll('li.expert');
        expect(people).toHaveLength(EXPERTS.experts.length);
        // The name is drawn by the entry's c-expert-disclosure, inside its own shadow root.
        expect(people[0].querySelector('c-expert-disclosure').name).toBe('Marc Dubois');
        expect(people[0].textContent).toContain('Reused 58 times · 4 won deals ($3,040,000)');
        expect(people[0].textContent).toContain('EMEA pricing in EUR and the Sovereign tier');
        expect(people[0].textContent).toContain('won: Vantor Precision Manufacturing – Predictive Maintenance');
    });

    it('when the reader may not see the amounts of the won deals, then the band of their sum is shown', async () => {
        const experts = copy(EXPERTS);
        experts.experts[0].wonAmount = null;
        experts.experts[0].wonAmountBand = '1M and above';
        findExperts.mockResolvedValue(experts);
        const element = await render();
        choose(selectIn(element.shadowRoot, 'Industry'), 'Banking');
        submit(element);
        await flushPromises();
        const people = element.shadowRoot.querySelectorAll('li.expert');
        expect(people[0].textContent).toContain('4 won deals (band 1M and above)');
        expect(people[0].textContent).not.toContain('$3,040,000');
    });

    it('when the page has profile and item links, then names and evidence titles are links; without them a name opens the profile in place', async () => {
        findExperts.mockResolvedValue(copy(EXPERTS));
        const element = await render();
        element.expertHrefPattern = './#/experts/{id}';
        element.itemHrefPattern = './#/items/{id}';
        choose(selectIn(element.shadowRoot, 'Industry'), 'Banking');
        submit(element);
        await flushPromises();
        const first = EXPERTS.experts[0];
        expect(oneByRole(element, 'link', { name: first.name }).getAttribute('href')).toBe(`./#/experts/${first.userId}`);
        expect(queryAllByRole(element.shadowRoot, 'link', { name: first.items[0].title })[0].getAttribute('href')).toBe(
            `./#/items/${first.items[0].id}`
        );
        await expect(element).toBeAccessible();

        element.expertHrefPattern = undefined;
        await flushPromises();
        const name = oneByRole(element, 'button', { name: first.name });
        name.click();
        await flushPromises();
        expect(name.getAttribute('aria-expanded')).toBe('true');
        const profile = shadowRoots(element.shadowRoot)
            .map((root) => root.querySelector('c-expert-profile'))
            .find(Boolean);
        expect(profile.userId).toBe(first.userId);
    });

    it('when nobody qualifies, then it says so', async () => {
        findExperts.mockResolvedValue({ experts: [] });
        const element = await render();
        choose(selectIn(element.shadowRoot, 'Competitor'), 'Atlasgrid');
        submit(element);
        await flushPromises();
        expect(findExperts).toHaveBeenCalledWith({ competitor: 'Atlasgrid', industry: undefined, product: undefined, q: undefined });
        expect(element.shadowRoot.textContent).toContain("Nobody's content on this was reused yet");
    });

    it('when the search fails, then the error panel explains it', async () => {
        findExperts.mockRejectedValue({ body: { message: 'name a competitor, industry, product or q' } });
        const element = await render();
        choose(oneByRole(element, 'searchbox', { name: 'Topic' }), 'pricing');
        submit(element);
        await flushPromises();
        expect(allByRole(element, 'alert')[0].textContent).toContain('The expert search failed.');
    });

    it('when the taxonomies fail, then a topic search still works', async () => {
        getTaxonomies.mockRejectedValue(new Error('Hub unavailable'));
        findExperts.mockResolvedValue(copy(EXPERTS));
        const element = await render();
        expect(allByRole(element, 'alert')[0].textContent).toContain('a topic search still works');
        choose(oneByRole(element, 'searchbox', { name: 'Topic' }), 'pricing');
        submit(element);
        await flushPromises();
        expect(element.shadowRoot.querySelectorAll('li.expert').length).toBeGreaterThan(0);
    });

    it('when experts are listed, then the page passes the accessibility checks (sa11y)', async () => {
        findExperts.mockResolvedValue(copy(EXPERTS));
        const element = await render();
        choose(selectIn(element.shadowRoot, 'Industry'), 'Banking');
        submit(element);
        await flushPromises();
        expect(element.shadowRoot.querySelector('[role="status"]').textContent).toBe(`${EXPERTS.experts.length} experts found.`);
        await expect(element).toBeAccessible();
    });
});
