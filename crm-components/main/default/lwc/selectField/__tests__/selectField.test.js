import { createElement } from 'lwc';
import { getByRole, getAllByRole } from '@testing-library/dom';
import { flushPromises } from 'jest-utils';
import SelectField from 'c/selectField';

const TEAMS = [{ value: 'Sales' }, { value: 'Presales', label: 'Pre-sales' }];

function render(props) {
    const element = createElement('c-select-field', { is: SelectField });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function select(element, name) {
    return getByRole(element.shadowRoot, 'combobox', { name });
}

describe('c-select-field', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when given options and a placeholder, then the label names the select and the empty option comes first', () => {
        const element = render({ label: 'Team', options: TEAMS, placeholder: 'All teams' });
        const control = select(element, 'Team');
        const options = getAllByRole(control, 'option');
        expect(options.map((o) => [o.value, o.textContent])).toEqual([
            ['', 'All teams'],
            ['Sales', 'Sales'],
            ['Presales', 'Pre-sales']
        ]);
        expect(control.value).toBe('');
    });

    it('when given a value, then that option is selected', () => {
        const element = render({ label: 'Team', options: TEAMS, value: 'Presales' });
        expect(select(element, 'Team').value).toBe('Presales');
        expect(getAllByRole(element.shadowRoot, 'option').map((o) => o.selected)).toEqual([false, true]);
    });

    it('when the value changes from outside, then the select follows', async () => {
        const element = render({ label: 'Team', options: TEAMS, placeholder: 'All teams', value: 'Sales' });
        element.value = '';
        await flushPromises();
        expect(select(element, 'Team').value).toBe('');
        element.value = 'Presales';
        await flushPromises();
        expect(select(element, 'Team').value).toBe('Presales');
    });

    it('when the user picks an option, then it fires one non-bubbling change with the value and name', () => {
        const element = render({ label: 'Team', name: 'team', options: TEAMS, placeholder: 'All teams' });
        const handler = jest.fn();
        const outer = jest.fn();
        element.addEventListener('change', handler);
        document.body.addEventListener('change', outer);
        const control = select(element, 'Team');
        control.value = 'Presales';
        control.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        document.body.removeEventListener('change', outer);
        expect(handler).toHaveBeenCalledTimes(1);
        const event = handler.mock.calls[0][0];
        expect(event.detail).toEqual({ value: 'Presales', name: 'team' });
        expect(event.target.value).toBe('Presales');
        expect(element.value).toBe('Presales');
        expect(outer).not.toHaveBeenCalled();
    });

    it('when required, disabled and in error, then the select says so and is described by the error', () => {
        const element = render({ label: 'Influence', options: TEAMS, required: true, disabled: true, error: 'Choose one.' });
        const control = select(element, /Influence/);
        expect(control.required).toBe(true);
        expect(control.disabled).toBe(true);
        expect(control.getAttribute('aria-invalid')).toBe('true');
        const error = element.shadowRoot.querySelector('.slds-form-element__help');
        expect(error.textContent).toBe('Choose one.');
        expect(control.getAttribute('aria-describedby')).toBe(error.id);
    });

    it('when the parent shows the error itself, then the select is marked invalid and described for assistive technology', () => {
        const element = render({ label: 'Person', options: TEAMS, invalid: true, description: 'Choose a colleague.' });
        const control = select(element, 'Person');
        expect(control.getAttribute('aria-invalid')).toBe('true');
        const description = element.shadowRoot.querySelector('.slds-assistive-text');
        expect(description.textContent).toBe('Choose a colleague.');
        expect(control.getAttribute('aria-describedby')).toBe(description.id);
        expect(element.shadowRoot.querySelector('.slds-has-error')).toBeNull();
    });

    it('when the label is hidden, then it still names the select', () => {
        const element = render({ label: 'Sort by', options: TEAMS, variant: 'label-hidden' });
        expect(element.shadowRoot.querySelector('label').classList).toContain('slds-assistive-text');
        expect(select(element, 'Sort by')).toBeTruthy();
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render({ label: 'Team', options: TEAMS, placeholder: 'All teams', value: 'Sales', error: 'Pick a team.' });
        await expect(element).toBeAccessible();
    });
});
