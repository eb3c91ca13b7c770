import { getByRole } from '@testing-library/dom';
import { flushPromises, mount, resetDom } from 'jest-utils';
import FormField from 'c/formField';

const render = (props) => mount('c-form-field', FormField, props);

function type(input, value, eventName = 'input') {
    input.value = value;
    input.dispatchEvent(new CustomEvent(eventName, { bubbles: true, composed: eventName === 'input' }));
}

/** The texts that describe a control, through its aria-describedby ids. */
const descriptionOf = (control) =>
    (control.getAttribute('aria-describedby') || '')
        .split(' ')
        .filter(Boolean)
        .map((id) => control.getRootNode().querySelector(`[id="${id}"]`).textContent);

describe('c-form-field', () => {
    afterEach(resetDom);

    it('when given a label, then it names the input, and typing fires valuechange with the name and the host value follows', async () => {
        const element = await render({ name: 'title', label: 'Title', value: 'Draft' });
        const heard = jest.fn();
        element.addEventListener('valuechange', heard);
        const input = getByRole(element.shadowRoot, 'textbox', { name: 'Title' });
        expect(input.value).toBe('Draft');
        type(input, 'Final');
        expect(heard.mock.calls[0][0].detail).toEqual({ name: 'title', value: 'Final' });
        expect(element.value).toBe('Final');
        // The change after the typing reports nothing new.
        type(input, 'Final', 'change');
        expect(heard).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('when it updates on change, then keystrokes are not reported, the committed value is', async () => {
        const element = await render({ name: 'days', label: 'Expires in days', type: 'number', min: '1', max: '3650', updateOn: 'change' });
        const heard = jest.fn();
        element.addEventListener('valuechange', heard);
        const input = getByRole(element.shadowRoot, 'spinbutton', { name: 'Expires in days' });
        expect([input.min, input.max]).toEqual(['1', '3650']);
        type(input, '3');
        expect(heard).not.toHaveBeenCalled();
        type(input, '30', 'change');
        expect(heard.mock.calls[0][0].detail).toEqual({ name: 'days', value: '30' });
    });

    it('when the parent shows a row-level error, then the input is invalid and described by it', async () => {
        const element = await render({ label: 'Share (%)', type: 'number', invalid: true, description: 'Shares must add up to 100%.' });
        const input = getByRole(element.shadowRoot, 'spinbutton', { name: 'Share (%)' });
        expect(descriptionOf(input)).toEqual(['Shares must add up to 100%.']);
        expect(input.getAttribute('aria-invalid')).toBe('true');
        element.invalid = false;
        element.description = undefined;
        await flushPromises();
        expect(input.getAttribute('aria-invalid')).toBe('false');
        expect(input.hasAttribute('aria-describedby')).toBe(false);
    });

    it('when it is inline or its label hidden, then the margin goes and the label stays for assistive technology', async () => {
        const element = await render({
            label: 'Test a search',
            type: 'search',
            variant: 'label-hidden',
            inline: true,
            placeholder: 'e.g. k8s'
        });
        const input = getByRole(element.shadowRoot, 'searchbox', { name: 'Test a search' });
        expect(input.placeholder).toBe('e.g. k8s');
        expect(element.shadowRoot.querySelector('.slds-form-element').classList).not.toContain('slds-m-bottom_small');
    });

    it('when it is multiline with an error, then the textarea is invalid and described by the error', async () => {
        const element = await render({ label: 'Summary', multiline: true, required: true, error: 'Add a summary.', value: 'x' });
        const textarea = getByRole(element.shadowRoot, 'textbox', { name: /Summary/ });
        expect(descriptionOf(textarea)).toEqual(['Add a summary.']);
        expect(textarea.value).toBe('x');
        expect(textarea.required).toBe(true);
        expect(textarea.getAttribute('aria-invalid')).toBe('true');
    });
});
