import { getByRole, queryByRole } from '@testing-library/dom';
import ExpertDisclosure from 'c/expertDisclosure';
import { getExpertProfile } from 'c/hubApi';
import { flushPromises, mount, resetDom } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getExpertProfile: jest.fn(), recordExpertContact: jest.fn() }));
const PROFILE = require('../../expertProfile/__tests__/data/profile.json');

const EXPERT = { userId: 'u-jonas', name: 'Jonas Weber' };

describe('c-expert-disclosure', () => {
    beforeEach(() => {
        getExpertProfile.mockResolvedValue(JSON.parse(JSON.stringify(PROFILE)));
    });

    afterEach(resetDom);

    it('when the host has a profile page, then the name is a link to it and no profile opens in place', async () => {
        const element = await mount('c-expert-disclosure', ExpertDisclosure, { ...EXPERT, href: './#/experts/u-jonas' });
        expect(getByRole(element.shadowRoot, 'link', { name: 'Jonas Weber' }).getAttribute('href')).toBe('./#/experts/u-jonas');
        expect(queryByRole(element.shadowRoot, 'button')).toBeNull();
        expect(element.shadowRoot.querySelector('c-expert-profile')).toBeNull();
    });

    it('when there is no profile page, then the name is a collapsed button that asks the list to open it', async () => {
        const element = await mount('c-expert-disclosure', ExpertDisclosure, EXPERT);
        const toggled = jest.fn();
        element.addEventListener('profiletoggle', toggled);
        const button = getByRole(element.shadowRoot, 'button', { name: 'Jonas Weber' });
        expect(button.getAttribute('aria-expanded')).toBe('false');
        button.click();
        expect(toggled).toHaveBeenCalledTimes(1);
        // The list decides: until it sets `open`, nothing opens.
        expect(element.shadowRoot.querySelector('c-expert-profile')).toBeNull();
    });

    it('when the list opens it, then the button is expanded and controls the region that holds the profile', async () => {
        const element = await mount('c-expert-disclosure', ExpertDisclosure, {
            ...EXPERT,
            open: true,
            opportunityId: '006B',
            headingLevel: '4'
        });
        await flushPromises();
        const button = getByRole(element.shadowRoot, 'button', { name: 'Jonas Weber' });
        expect(button.getAttribute('aria-expanded')).toBe('true');
        const profile = element.shadowRoot.querySelector('c-expert-profile');
        expect(profile.parentElement.id).toBe(button.getAttribute('aria-controls'));
        expect([profile.userId, profile.opportunityId, profile.headingLevel]).toEqual(['u-jonas', '006B', '4']);
        await expect(element).toBeAccessible();
    });

    it('when initials are given, then an avatar stands beside the name, hidden from screen readers', async () => {
        const element = await mount('c-expert-disclosure', ExpertDisclosure, { ...EXPERT, initials: 'JW' });
        const abbr = element.shadowRoot.querySelector('.slds-media__figure abbr');
        expect([abbr.textContent, abbr.getAttribute('aria-hidden')]).toEqual(['JW', 'true']);
        expect(element.shadowRoot.querySelector('.slds-media__body .expert-name')).not.toBeNull();
    });

    it('when no initials are given, then there is no avatar', async () => {
        const element = await mount('c-expert-disclosure', ExpertDisclosure, EXPERT);
        expect(element.shadowRoot.querySelector('abbr')).toBeNull();
        expect(element.shadowRoot.querySelector('.slds-media')).toBeNull();
    });
});
