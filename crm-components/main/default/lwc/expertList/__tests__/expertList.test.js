import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import ExpertList from 'c/expertList';

const { experts } = require('../../opportunityKnowledge/__tests__/data/opportunityKnowledge.json');

function render(list) {
    const element = createElement('c-expert-list', { is: ExpertList });
    element.experts = list;
    document.body.appendChild(element);
    return element;
}

describe('c-expert-list', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
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

    it('when there are none, then it says so', () => {
        const element = render([]);
        expect(element.shadowRoot.textContent).toContain('No experts found for deals like this yet.');
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render(experts);
        await expect(element).toBeAccessible();
    });
});
