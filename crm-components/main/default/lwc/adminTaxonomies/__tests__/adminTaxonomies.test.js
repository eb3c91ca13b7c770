import { getByRole } from '@testing-library/dom';
import AdminTaxonomies, { textToTerms } from 'c/adminTaxonomies';
import { getTaxonomies, listFacetProposals, replaceTaxonomy } from 'c/hubApi';
import { copy, allByRole, deepText, resetDom, flushPromises, mount } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getTaxonomies: jest.fn(), listFacetProposals: jest.fn(), replaceTaxonomy: jest.fn() }));

const TAXONOMIES = require('./data/taxonomies.json');
const termsBox = (element, name) => allByRole(element, 'textbox', { name: new RegExp(name) })[0];

const render = () => mount('c-admin-taxonomies', AdminTaxonomies);

function edit(box, text) {
    box.value = text;
    box.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
}

describe('c-admin-taxonomies', () => {
    beforeEach(() => {
        listFacetProposals.mockResolvedValue({ proposals: [] });
    });
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when it opens, then products are listed one a line with their families, and each list shows its size', async () => {
        getTaxonomies.mockResolvedValue(copy(TAXONOMIES));
        const element = await render();
        await flushPromises();
        expect(termsBox(element, 'Products and families').value).toBe('Lakehouse Core | Data platform\nStream Gateway | Integration');
        const kinds = Array.from(getByRole(element.shadowRoot, 'combobox', { name: 'List' }).options, (o) => o.textContent);
        expect(kinds).toContain('Competitors (2)');
        expect(kinds).toContain('Win/loss reason codes (2)');
        await expect(element).toBeAccessible();
    });

    it('when a competitor is added, then the whole list is saved and confirmed', async () => {
        getTaxonomies.mockResolvedValue(copy(TAXONOMIES));
        replaceTaxonomy.mockResolvedValue([{ value: 'Globex' }, { value: 'Initech' }, { value: 'Umbrella' }]);
        const element = await render();
        const kind = getByRole(element.shadowRoot, 'combobox', { name: 'List' });
        kind.value = 'competitors';
        kind.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        await flushPromises();
        const box = termsBox(element, 'Competitors');
        expect(box.value).toBe('Globex\nInitech');
        edit(box, 'Globex\nInitech\n  Umbrella  \n\n');
        getByRole(element.shadowRoot, 'button', { name: 'Save Competitors' }).click();
        await flushPromises();
        expect(replaceTaxonomy).toHaveBeenCalledWith('competitors', [{ value: 'Globex' }, { value: 'Initech' }, { value: 'Umbrella' }]);
        expect(deepText(element)).toContain('Competitors saved: 3 terms.');
    });

    it('when the hub refuses a list, then the error is shown and the text kept', async () => {
        getTaxonomies.mockResolvedValue(copy(TAXONOMIES));
        replaceTaxonomy.mockRejectedValue({ status: 400, body: { message: 'terms.1.value: Globex is listed twice' } });
        const element = await render();
        edit(termsBox(element, 'Products'), 'Globex\nGlobex');
        getByRole(element.shadowRoot, 'button', { name: 'Save Products and families' }).click();
        await flushPromises();
        expect(deepText(element)).toContain('Globex is listed twice');
        expect(termsBox(element, 'Products').value).toBe('Globex\nGlobex');
        await expect(element).toBeAccessible();
    });

    it('when a proposal is accepted above, then the value shows in its list without losing the text being edited', async () => {
        getTaxonomies.mockResolvedValue(copy(TAXONOMIES));
        const element = await render();
        const kind = getByRole(element.shadowRoot, 'combobox', { name: 'List' });
        kind.value = 'competitors';
        kind.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        await flushPromises();
        edit(termsBox(element, 'Competitors'), 'Globex\nInitech\nUmbrella');
        await flushPromises();
        element.shadowRoot
            .querySelector('c-facet-proposal-list')
            .dispatchEvent(new CustomEvent('accepted', { detail: { kind: 'competitors', value: 'Samsara' } }));
        await flushPromises();
        expect(termsBox(element, 'Competitors').value).toBe('Globex\nInitech\nUmbrella\nSamsara');
        expect(Array.from(kind.options, (o) => o.textContent)).toContain('Competitors (3)');
        await expect(element).toBeAccessible();
    });

    it('when loading fails, then the error is shown', async () => {
        getTaxonomies.mockRejectedValue({ status: 500, body: { message: 'down' } });
        const element = await render();
        expect(deepText(element)).toContain('The taxonomies could not be loaded.');
    });

    it('when a product line has no family, then it is saved without one; families only count for products', () => {
        expect(textToTerms('A | Fam\nB\n', true)).toEqual([{ value: 'A', family: 'Fam' }, { value: 'B' }]);
        expect(textToTerms('A | Fam', false)).toEqual([{ value: 'A' }]);
    });
});
