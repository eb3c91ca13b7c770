import { createElement } from 'lwc';
import { getAllByRole, getByRole } from '@testing-library/dom';
import SearchFacets from 'c/searchFacets';

const { facets } = require('../../knowledgeSearch/__tests__/data/searchPage1.json');

function render(selected = {}) {
    const element = createElement('c-search-facets', { is: SearchFacets });
    Object.assign(element, { facets, selected });
    document.body.appendChild(element);
    return element;
}

describe('c-search-facets', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when rendered, then each facet is a named group of labelled checkboxes, biggest first', () => {
        const element = render();
        const products = getByRole(element.shadowRoot, 'group', { name: 'Products' });
        expect(getAllByRole(products, 'checkbox').map((c) => c.dataset.value)).toEqual(['Fleet Analytics', 'Route Optimizer']);
        expect(getByRole(element.shadowRoot, 'checkbox', { name: 'Capability (10)' })).not.toBeNull();
    });

    it('when a box is ticked, then facetchange says which field, value and state', () => {
        const element = render();
        const handler = jest.fn();
        element.addEventListener('facetchange', handler);
        getByRole(element.shadowRoot, 'checkbox', { name: 'Samsara (3)' }).click();
        expect(handler.mock.calls[0][0].detail).toEqual({ field: 'competitors', value: 'Samsara', checked: true });
    });

    it('when a selected value has no hits any more, then it stays listed and ticked', () => {
        const element = render({ competitors: ['Motive'] });
        const motive = getByRole(element.shadowRoot, 'checkbox', { name: 'Motive (0)' });
        expect(motive.checked).toBe(true);
    });

    it('when facets are shown, then they pass the accessibility checks (sa11y)', async () => {
        const element = render();
        await Promise.resolve();
        await expect(element).toBeAccessible();
    });
});
