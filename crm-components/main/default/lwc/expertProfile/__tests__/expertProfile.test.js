import { createElement } from 'lwc';
import { getByRole, queryByRole } from '@testing-library/dom';
import ExpertProfile from 'c/expertProfile';
import { getExpertProfile, recordExpertContact } from 'c/hubApi';
import { allByRole, flushPromises } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getExpertProfile: jest.fn(), recordExpertContact: jest.fn() }));

const PROFILE = require('./data/profile.json');
const copy = (value) => JSON.parse(JSON.stringify(value));

async function render(props = {}) {
    const element = createElement('c-expert-profile', { is: ExpertProfile });
    Object.assign(element, { userId: 'u-anna', ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-expert-profile', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when the profile loads, then topics, evidence items with links, won deals and contact links are shown', async () => {
        getExpertProfile.mockResolvedValue(copy(PROFILE));
        const element = await render({ itemHrefPattern: './#/items/{id}', recordHrefPattern: './#/opportunities/{id}' });
        expect(getExpertProfile).toHaveBeenCalledWith('u-anna');
        expect(getByRole(element.shadowRoot, 'heading', { level: 2, name: 'Anna Schmidt' })).toBeTruthy();
        expect(element.shadowRoot.textContent).toContain('Reused 7 times · 1 won deal (band 250k-1M)');
        const topics = getByRole(element.shadowRoot, 'list', { name: 'Knows about' });
        expect(topics.textContent).toContain('Competitor: Geotab');
        expect(topics.textContent).toContain(
            '2 items, reused 7 times: Win: Contoso fleet renewal against Geotab; Route Optimizer pricing guide 2025'
        );
        expect(getByRole(element.shadowRoot, 'link', { name: 'Route Optimizer pricing guide 2025' }).getAttribute('href')).toBe(
            './#/items/c-102'
        );
        expect(getByRole(element.shadowRoot, 'link', { name: 'Contoso fleet renewal' }).getAttribute('href')).toBe(
            './#/opportunities/006A'
        );
        expect(getByRole(element.shadowRoot, 'link', { name: 'Email Anna Schmidt' }).getAttribute('href')).toMatch(
            /^mailto:anna\.schmidt@example\.com\?subject=/
        );
        expect(getByRole(element.shadowRoot, 'link', { name: 'Chat with Anna Schmidt on Slack' }).getAttribute('href')).toBe(
            'slack://user?team=T0ACME&id=U0ANNA'
        );
        await expect(element).toBeAccessible();
    });

    it('when the expert is emailed from a deal, then the contact is recorded with the deal and a quiet note confirms it', async () => {
        getExpertProfile.mockResolvedValue(copy(PROFILE));
        recordExpertContact.mockResolvedValue({ id: '1' });
        const element = await render({ opportunityId: '006B', headingLevel: 4 });
        const email = getByRole(element.shadowRoot, 'link', { name: 'Email Anna Schmidt' });
        email.addEventListener('click', (e) => e.preventDefault());
        email.click();
        await flushPromises();
        expect(recordExpertContact).toHaveBeenCalledWith('u-anna', { channel: 'email', opportunityId: '006B' });
        expect(getByRole(element.shadowRoot, 'status').textContent).toBe('Noted: you contacted Anna Schmidt about this deal.');
        expect(getByRole(element.shadowRoot, 'heading', { level: 4, name: 'Anna Schmidt' })).toBeTruthy();
        await expect(element).toBeAccessible();
    });

    it('when the expert has no chat account and no deals, then only Email is offered and no deal line shows', async () => {
        getExpertProfile.mockResolvedValue({
            ...copy(PROFILE),
            contact: { email: 'anna.schmidt@example.com', chat: null },
            wonDeals: [],
            items: [{ ...PROFILE.items[1] }],
            topics: []
        });
        const element = await render();
        expect(queryByRole(element.shadowRoot, 'link', { name: /^Chat/ })).toBeNull();
        expect(allByRole(element, 'link', { name: /^Email/ })).toHaveLength(1);
        expect(element.shadowRoot.textContent).not.toContain('Won:');
        expect(queryByRole(element.shadowRoot, 'list', { name: 'Knows about' })).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('when the profile cannot be loaded, then an error with a retry is shown', async () => {
        getExpertProfile.mockRejectedValue({ status: 404, body: { error: { code: 'not_found', message: 'Expert not found' } } });
        const element = await render();
        const [alert] = allByRole(element, 'alert');
        expect(alert.textContent).toContain("This expert's profile could not be loaded.");
        expect(getByRole(alert, 'button', { name: 'Try again' })).toBeTruthy();
        await expect(element).toBeAccessible();
    });
});
