import { createElement } from 'lwc';
import { getByRole, getByLabelText, queryAllByRole } from '@testing-library/dom';
import CheckboxGroup from 'c/checkboxGroup';
import { flushPromises } from 'jest-utils';

async function render(props) {
    const element = createElement('c-checkbox-group', { is: CheckboxGroup });
    Object.assign(element, { label: 'Primary reasons', name: 'reason', ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const REASONS = [
    { value: 'Price', checked: true, detail: 'Ten percent above', detailLabel: 'Detail for “Price” (optional)' },
    { value: 'Product fit', checked: false, disabled: true, detailLabel: 'Detail for “Product fit” (optional)' }
];

describe('c-checkbox-group', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when options are ticked or disabled, then the checkboxes say so, labelled by their value when they have no label', async () => {
        const element = await render({ options: REASONS, help: 'Choose 1 to 3.' });
        getByRole(element.shadowRoot, 'group', { name: 'Primary reasons' });
        expect(getByRole(element.shadowRoot, 'checkbox', { name: 'Price' }).checked).toBe(true);
        expect(getByRole(element.shadowRoot, 'checkbox', { name: 'Product fit' }).disabled).toBe(true);
        expect(queryAllByRole(element.shadowRoot, 'textbox')).toHaveLength(0);
        await expect(element).toBeAccessible();
    });

    it('when the user ticks an option, then optionchange carries the name, value and state', async () => {
        const element = await render({ name: 'teams', options: [{ value: 'EMEA', checked: false }], inline: true });
        const changed = jest.fn();
        element.addEventListener('optionchange', changed);
        getByRole(element.shadowRoot, 'checkbox', { name: 'EMEA' }).click();
        expect(changed.mock.calls[0][0].detail).toEqual({ name: 'teams', value: 'EMEA', checked: true });
    });

    it('when details are asked for, then each ticked option has its labelled detail, and typing fires detailchange', async () => {
        const element = await render({ options: REASONS, withDetail: true });
        const detail = getByLabelText(element.shadowRoot, 'Detail for “Price” (optional)');
        expect(detail.value).toBe('Ten percent above');
        expect(queryAllByRole(element.shadowRoot, 'textbox')).toHaveLength(1);
        const changed = jest.fn();
        element.addEventListener('detailchange', changed);
        detail.value = 'Fifteen percent above';
        detail.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        expect(changed.mock.calls[0][0].detail).toEqual({ name: 'reason', value: 'Price', text: 'Fifteen percent above' });
        await expect(element).toBeAccessible();
    });

    it('when there is an error, then the checkboxes are invalid and focus() lands on the first', async () => {
        const element = await render({ options: REASONS, error: 'Choose at least one primary reason.' });
        const first = getByRole(element.shadowRoot, 'checkbox', { name: 'Price' });
        expect(first.getAttribute('aria-invalid')).toBe('true');
        expect(element.shadowRoot.textContent).toContain('Choose at least one primary reason.');
        element.focus();
        expect(element.shadowRoot.activeElement).toBe(first);
    });
});
