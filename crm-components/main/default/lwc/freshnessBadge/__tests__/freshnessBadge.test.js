import { createElement } from 'lwc';
import FreshnessBadge from 'c/freshnessBadge';

const DAY = 24 * 3600 * 1000;
const daysAgo = (n) => new Date(Date.now() - n * DAY - 60 * 1000).toISOString();

function render(props) {
    const element = createElement('c-freshness-badge', { is: FreshnessBadge });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-freshness-badge', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it.each([
        ['verified', 'Verified', 'slds-theme_success', 'verified 12 days ago'],
        ['due', 'Review due', 'slds-theme_warning', 'verified 12 days ago'],
        ['expired', 'Expired', 'slds-theme_error', 'verified 12 days ago'],
        ['unverified', 'Unverified', 'slds-badge_lightest', 'updated 3 days ago']
    ])('when freshness is %s, then the badge reads "%s" with its age', (freshness, label, theme, when) => {
        const element = render({ freshness, verifiedAt: daysAgo(12), updatedAt: daysAgo(3) });
        const badge = element.shadowRoot.querySelector('.slds-badge');
        expect(badge.textContent).toBe(label);
        expect(badge.classList).toContain(theme);
        expect(element.shadowRoot.textContent).toContain(when);
    });

    it('when an item was never verified, then its last update is shown instead', () => {
        const element = render({ freshness: 'verified', verifiedAt: null, updatedAt: daysAgo(1) });
        expect(element.shadowRoot.textContent).toContain('updated yesterday');
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render({ freshness: 'verified', verifiedAt: null, updatedAt: daysAgo(1) });
        await expect(element).toBeAccessible();
    });
});
