import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import KnowledgeSection from 'c/knowledgeSection';

const { capability } = require('../../opportunityKnowledge/__tests__/data/opportunityKnowledge.json');

/** Synthetic shadow forbids getElementById, which name computation needs for aria-labelledby. */
const labelOf = (root, element) => root.querySelector(`[id="${element.getAttribute('aria-labelledby')}"]`).textContent;

function render(items) {
    const element = createElement('c-knowledge-section', { is: KnowledgeSection });
    Object.assign(element, { heading: 'Capability knowledge', items, emptyMessage: 'No capability knowledge matches this deal yet.' });
    document.body.appendChild(element);
    return element;
}

describe('c-knowledge-section', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when it has items, then a region named by its heading lists one card per item', () => {
        const element = render(capability);
        const region = element.shadowRoot.querySelector('section');
        expect(labelOf(element.shadowRoot, region)).toBe('Capability knowledge');
        expect(getByRole(element.shadowRoot, 'heading', { name: 'Capability knowledge' }).tagName).toBe('H3');
        expect(queryAllByRole(region, 'listitem')).toHaveLength(2);
        expect(element.shadowRoot.querySelectorAll('c-knowledge-item-card')).toHaveLength(2);
    });

    it('when a card reports an action, then the section passes it on', () => {
        const element = render(capability);
        const handler = jest.fn();
        element.addEventListener('itemaction', handler);
        const card = element.shadowRoot.querySelector('c-knowledge-item-card');
        card.shadowRoot.querySelector('[data-action="attach"]').click();
        expect(handler.mock.calls[0][0].detail).toEqual({ action: 'attach', id: 'c-101' });
    });

    it('when empty, then the empty message is shown', () => {
        const element = render([]);
        expect(element.shadowRoot.textContent).toContain('No capability knowledge matches this deal yet.');
        expect(queryAllByRole(element.shadowRoot, 'listitem')).toHaveLength(0);
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render(capability);
        await expect(element).toBeAccessible();
    });
});
