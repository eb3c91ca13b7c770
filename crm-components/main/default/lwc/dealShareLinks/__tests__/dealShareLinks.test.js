import { createElement } from 'lwc';
import { getAllByRole, getByRole, queryAllByRole } from '@testing-library/dom';
import DealShareLinks from 'c/dealShareLinks';

const base = {
    contentId: 'c-300',
    title: 'Onboarding checklist',
    sharedBy: { id: 'rep-dana', name: 'Dana Rep' },
    createdAt: '2026-12-01T10:00:00Z',
    expiresAt: null,
    firstOpenedAt: null,
    lastOpenedAt: null,
    mayRevoke: true
};
const LINKS = [
    { ...base, id: 'sl-1', state: 'active', opens: 0 },
    { ...base, id: 'sl-2', state: 'active', opens: 1, firstOpenedAt: '2026-12-02T09:00:00Z', lastOpenedAt: '2026-12-02T09:00:00Z' },
    { ...base, id: 'sl-3', state: 'expired', opens: 0 },
    { ...base, id: 'sl-4', state: 'revoked', opens: 3, mayRevoke: false }
];

function render(props) {
    const element = createElement('c-deal-share-links', { is: DealShareLinks });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-deal-share-links', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when links exist, then each says whether and how often it was opened, and active ones offer Revoke', () => {
        const element = render({ links: LINKS });
        const rows = getAllByRole(element.shadowRoot, 'listitem').map((li) => li.textContent);
        expect(rows[0]).toContain('Not opened yet');
        expect(rows[1]).toContain('Opened once, first Dec 2, 2026');
        expect(rows[2]).toContain('Expired. Not opened yet');
        expect(rows[3]).toContain('Revoked after 3 times');
        expect(queryAllByRole(element.shadowRoot, 'button', { name: /^Revoke/ })).toHaveLength(2);
    });

    it('when Revoke is pressed, then revoke carries the link and its item', () => {
        const element = render({ links: LINKS });
        const handler = jest.fn();
        element.addEventListener('revoke', handler);
        getAllByRole(element.shadowRoot, 'button', { name: 'Revoke the buyer link to Onboarding checklist' })[0].click();
        expect(handler.mock.calls[0][0].detail).toEqual({ id: 'sl-1', contentId: 'c-300' });
    });

    it('when a link was just created, then it is shown in a labelled read-only box', () => {
        const element = render({ links: [], newLink: { title: 'Onboarding checklist', url: 'https://hub.example/api/shared/abc' } });
        const box = getByRole(element.shadowRoot, 'textbox');
        expect(box.readOnly).toBe(true);
        expect(box.value).toBe('https://hub.example/api/shared/abc');
        expect(element.shadowRoot.textContent).toContain('Nothing shared yet.');
    });

    it('when listed, empty or with a new link, then it passes the accessibility checks (sa11y)', async () => {
        await expect(render({ links: LINKS })).toBeAccessible();
        await expect(render({ links: [], newLink: { title: 'X', url: 'https://hub.example/api/shared/abc' } })).toBeAccessible();
    });
});
