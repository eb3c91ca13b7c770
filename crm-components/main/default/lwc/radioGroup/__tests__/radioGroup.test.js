import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import RadioGroup from 'c/radioGroup';
import { flushPromises } from 'jest-utils';

const OUTCOMES = [
    { value: 'won', label: 'Won' },
    { value: 'lost', label: 'Lost' },
    { value: 'no_decision', label: 'No decision' }
];

async function render(props) {
    const element = createElement('c-radio-group', { is: RadioGroup });
    Object.assign(element, { label: 'Outcome', name: 'outcome', options: OUTCOMES, ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-radio-group', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when a value is given, then that radio is checked inside a group named by its legend', async () => {
        const element = await render({ value: 'lost', required: true });
        const group = getByRole(element.shadowRoot, 'group', { name: '* Outcome' });
        expect(getByRole(group, 'radio', { name: 'Lost' }).checked).toBe(true);
        expect(getByRole(group, 'radio', { name: 'Won' }).checked).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('when the user picks an option, then valuechange carries the name and value', async () => {
        const element = await render({ value: 'lost' });
        const changed = jest.fn();
        element.addEventListener('valuechange', changed);
        getByRole(element.shadowRoot, 'radio', { name: 'No decision' }).click();
        expect(changed.mock.calls[0][0].detail).toEqual({ name: 'outcome', value: 'no_decision' });
    });

    it('when there is an error, then every radio is invalid, the group is described by it, and focus() lands on a radio', async () => {
        const element = await render({ error: 'Choose the outcome.' });
        const group = getByRole(element.shadowRoot, 'group');
        expect(group.getAttribute('aria-describedby')).toBeTruthy();
        expect(element.shadowRoot.textContent).toContain('Choose the outcome.');
        const radio = getByRole(element.shadowRoot, 'radio', { name: 'Won' });
        expect(radio.getAttribute('aria-invalid')).toBe('true');
        element.focus();
        expect(element.shadowRoot.activeElement).toBe(radio);
        await expect(element).toBeAccessible();
    });
});
