import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import FacetPicker from 'c/facetPicker';
import { flushPromises } from 'jest-utils';

async function render(values = []) {
    const element = createElement('c-facet-picker', { is: FacetPicker });
    Object.assign(element, { name: 'competitors', label: 'Competitors', values, options: ['Geotab', 'Samsara', 'Verizon Connect'] });
    const changes = [];
    element.addEventListener('valueschange', (e) => {
        changes.push(e.detail);
        element.values = e.detail.values;
    });
    document.body.appendChild(element);
    await flushPromises();
    return { element, changes };
}

async function type(element, text) {
    const input = getByRole(element.shadowRoot, 'textbox', { name: 'Add to Competitors' });
    input.value = text;
    input.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
    await flushPromises();
    return input;
}

describe('c-facet-picker', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when the author types part of a term, then matching terms are offered and one click adds it', async () => {
        const { element, changes } = await render();
        await type(element, 'sa');
        const suggestion = getByRole(element.shadowRoot, 'button', { name: 'Add Samsara to Competitors' });
        await expect(element).toBeAccessible();
        suggestion.click();
        await flushPromises();
        expect(changes).toEqual([{ name: 'competitors', values: ['Samsara'] }]);
        expect(getByRole(element.shadowRoot, 'list', { name: 'Competitors' }).textContent).toContain('Samsara');
        expect(element.shadowRoot.querySelector('[aria-live]').textContent).toBe('Samsara added.');
    });

    it('when Enter is pressed on a known term in other case, then the taxonomy spelling is added', async () => {
        const { element, changes } = await render();
        const input = await type(element, 'geotab');
        input.dispatchEvent(Object.assign(new CustomEvent('keydown'), { key: 'Enter' }));
        await flushPromises();
        expect(changes[0].values).toEqual(['Geotab']);
    });

    it('when the term is not in the taxonomy, then it is proposed as a new value and marked new', async () => {
        const { element, changes } = await render();
        await type(element, 'Rivalware');
        getByRole(element.shadowRoot, 'button', { name: 'Propose new value' }).click();
        await flushPromises();
        expect(changes[0].values).toEqual(['Rivalware']);
        expect(element.shadowRoot.textContent).toContain('Rivalware (new)');
        await expect(element).toBeAccessible();
    });

    it('when a chosen value is removed, then it leaves the list and the removal is announced', async () => {
        const { element, changes } = await render(['Geotab', 'Samsara']);
        getByRole(element.shadowRoot, 'button', { name: 'Remove Geotab from Competitors' }).click();
        await flushPromises();
        expect(changes[0].values).toEqual(['Samsara']);
        expect(queryAllByRole(element.shadowRoot, 'button', { name: /^Remove/ })).toHaveLength(1);
        expect(element.shadowRoot.querySelector('[aria-live]').textContent).toBe('Geotab removed.');
    });
});
