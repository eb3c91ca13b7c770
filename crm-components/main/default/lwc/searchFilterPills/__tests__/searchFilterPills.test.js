import { createElement } from 'lwc';
import { getByRole, queryByRole } from '@testing-library/dom';
import SearchFilterPills from 'c/searchFilterPills';

function render(selected) {
    const element = createElement('c-search-filter-pills', { is: SearchFilterPills });
    element.selected = selected;
    document.body.appendChild(element);
    return element;
}

describe('c-search-filter-pills', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when filters are chosen, then each has a pill with a named remove button, and they pass the accessibility checks (sa11y)', async () => {
        const element = render({ competitors: ['Globex', 'Initech'], industries: ['Banking'] });
        const list = getByRole(element.shadowRoot, 'list', { name: 'Filters in use' });
        expect(list.textContent).toContain('Competitors: Globex');
        expect(list.textContent).toContain('Industries: Banking');
        const remove = jest.fn();
        element.addEventListener('remove', remove);
        getByRole(element.shadowRoot, 'button', { name: 'Remove filter Competitors: Initech' }).click();
        expect(remove.mock.calls[0][0].detail).toEqual({ field: 'competitors', value: 'Initech' });
        await expect(element).toBeAccessible();
    });

    it('when Clear all is pressed, then clearall is fired', () => {
        const element = render({ products: ['Lakehouse Core'] });
        const clear = jest.fn();
        element.addEventListener('clearall', clear);
        getByRole(element.shadowRoot, 'button', { name: 'Clear all filters' }).click();
        expect(clear).toHaveBeenCalledTimes(1);
    });

    it('when no filter is chosen, then nothing is shown and focusFirst says so', async () => {
        const element = render({});
        expect(queryByRole(element.shadowRoot, 'button')).toBeNull();
        expect(element.focusFirst()).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('when focusFirst is asked for, then the first remove button takes the focus', () => {
        const element = render({ products: ['A', 'B'] });
        expect(element.focusFirst()).toBe(true);
        expect(element.shadowRoot.activeElement.getAttribute('data-value')).toBe('A');
    });
});
