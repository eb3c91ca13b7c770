import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import KnowledgeItemCard from 'c/knowledgeItemCard';
import { flushPromises, shadowRoots } from 'jest-utils';

const allByRole = (element, role, options) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, role, options));
/** Opens the card's "More actions" menu and returns its one item, "Mark helpful". */
async function helpfulItem(element) {
    allByRole(element, 'button', { name: /^More actions: / })[0].click();
    await flushPromises();
    return allByRole(element, 'menuitemcheckbox')[0];
}

const { capability } = require('../../opportunityKnowledge/__tests__/data/opportunityKnowledge.json');

function render(item) {
    const element = createElement('c-knowledge-item-card', { is: KnowledgeItemCard });
    element.item = item;
    document.body.appendChild(element);
    return element;
}

describe('c-knowledge-item-card', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when shown, then it is a labelled article with title, type, authors and summary', () => {
        const element = render(capability[0]);
        const article = getByRole(element.shadowRoot, 'article', { name: 'Fleet Analytics vs Geotab battlecard' });
        expect(getByRole(article, 'heading', { level: 4 }).textContent).toBe('Fleet Analytics vs Geotab battlecard');
        // The title is the way to open it: one primary button below, the rest in a menu.
        expect(getByRole(article, 'button', { name: 'Open: Fleet Analytics vs Geotab battlecard' }).textContent).toBe(
            'Fleet Analytics vs Geotab battlecard'
        );
        expect(article.querySelectorAll('.actions > button')).toHaveLength(1);
        expect(article.querySelector('.actions c-action-menu').label).toBe('More actions: Fleet Analytics vs Geotab battlecard');
        expect(element.shadowRoot.querySelector('c-reason-chips').limit).toBe('3');
        expect(article.textContent).toContain('Battlecard');
        expect(article.textContent).toContain('by Priya Natarajan, Tom Becker');
        expect(article.textContent).toContain('three traps in their pricing');
        expect(element.shadowRoot.querySelector('c-freshness-badge').freshness).toBe('verified');
        expect(element.shadowRoot.querySelector('c-reason-chips').reasons).toHaveLength(3);
    });

    it('when "Mark helpful" is chosen in the menu, then itemaction carries helpful', async () => {
        const element = render(capability[0]);
        const handler = jest.fn();
        element.addEventListener('itemaction', handler);
        const mark = await helpfulItem(element);
        expect([mark.textContent, mark.getAttribute('aria-checked')]).toEqual(['Mark helpful', 'false']);
        await expect(element).toBeAccessible();
        mark.click();
        expect(handler.mock.calls[0][0].detail).toEqual({ action: 'helpful', id: 'c-101' });
    });

    it.each([
        ['Open: Fleet Analytics vs Geotab battlecard', 'open'],
        ['Attach to this opportunity: Fleet Analytics vs Geotab battlecard', 'attach']
    ])('when "%s" is clicked, then itemaction carries %s', (name, action) => {
        const element = render(capability[0]);
        const handler = jest.fn();
        element.addEventListener('itemaction', handler);
        getByRole(element.shadowRoot, 'button', { name }).click();
        expect(handler.mock.calls[0][0].detail).toEqual({ action, id: 'c-101' });
    });

    it('when already attached and marked, then the button and the menu item say so, are aria-disabled (still focusable) and ignore presses, and a badge shows the mark', async () => {
        const element = render({ ...capability[0], isAttached: true, isHelpful: true });
        const handler = jest.fn();
        element.addEventListener('itemaction', handler);
        const attached = getByRole(element.shadowRoot, 'button', { name: /^Attached/ });
        expect(attached.getAttribute('aria-disabled')).toBe('true');
        expect(element.shadowRoot.querySelector('.helpful-badge').textContent).toBe('Marked helpful');
        const helpful = await helpfulItem(element);
        expect([helpful.textContent, helpful.getAttribute('aria-checked'), helpful.getAttribute('aria-disabled')]).toEqual([
            'Marked helpful',
            'true',
            'true'
        ]);
        helpful.click();
        attached.click();
        expect(handler).not.toHaveBeenCalled();
    });

    it('when an action is in flight, then attach and helpful wait', () => {
        const element = render({ ...capability[1], isBusy: true });
        expect(getByRole(element.shadowRoot, 'button', { name: /^Attach to/ }).getAttribute('aria-disabled')).toBe('true');
        expect(getByRole(element.shadowRoot, 'button', { name: /^Open/ }).disabled).toBe(false);
    });

    it('when a card is shown, marked or not, then it passes the accessibility checks (sa11y)', async () => {
        await expect(render(capability[0])).toBeAccessible();
        await expect(render({ ...capability[1], isAttached: true, isHelpful: true })).toBeAccessible();
    });
});
