import { createElement } from 'lwc';
import { queryAllByLabelText, queryAllByRole } from '@testing-library/dom';
import FieldList from 'c/fieldList';
import { flushPromises, selectIn, shadowRoots } from 'jest-utils';

const FIELDS = [
    { name: 'role', label: 'Role in the decision', value: 'CFO', required: true, columnClass: 'slds-col slds-size_1-of-2' },
    {
        name: 'stance',
        label: 'Stance',
        value: 'blocker',
        options: [
            { value: 'champion', label: 'Champion' },
            { value: 'blocker', label: 'Blocker' }
        ]
    },
    { name: 'priorities', label: 'Priorities', value: 'Cost', multiline: true, rows: 2, error: 'Too long.' }
];

const allByLabel = (element, label) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByLabelText(root, label));

async function render(fields = FIELDS) {
    const element = createElement('c-field-list', { is: FieldList });
    element.fields = fields;
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-field-list', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when fields are given, then each renders as a labelled text field, textarea or select with its value and error', async () => {
        const element = await render();
        expect(allByLabel(element, /Role in the decision/)[0].value).toBe('CFO');
        expect(selectIn(element.shadowRoot, 'Stance').value).toBe('blocker');
        const priorities = allByLabel(element, 'Priorities')[0];
        expect(priorities.tagName).toBe('TEXTAREA');
        expect(priorities.getAttribute('aria-invalid')).toBe('true');
        expect(element.shadowRoot.querySelector('div[class="slds-col slds-size_1-of-2"]')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('when a text field or a select changes, then one valuechange says which and to what', async () => {
        const element = await render();
        const changed = jest.fn();
        element.addEventListener('valuechange', changed);
        const role = allByLabel(element, /Role in the decision/)[0];
        role.value = 'CEO';
        role.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        const stance = selectIn(element.shadowRoot, 'Stance');
        stance.value = 'champion';
        stance.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        expect(changed.mock.calls.map((call) => call[0].detail)).toEqual([
            { name: 'role', value: 'CEO' },
            { name: 'stance', value: 'champion' }
        ]);
    });

    it('when asked to focus a field, then its control takes focus; a field it lacks is reported', async () => {
        const element = await render();
        expect(element.focusField('stance')).toBe(true);
        const select = selectIn(element.shadowRoot, 'Stance');
        expect(select.getRootNode().activeElement).toBe(select);
        expect(element.focusField('title')).toBe(false);
        element.focus();
        const role = shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, 'textbox', { name: /Role/ }))[0];
        expect(role.getRootNode().activeElement).toBe(role);
    });

    it('when inline with a button in its slot, then the fields and the button share one bottom-aligned row, and typed values arrive on change', async () => {
        const element = createElement('c-field-list', { is: FieldList });
        element.inline = true;
        element.fields = [
            { name: 'type', label: 'Target type', placeholder: 'Any', options: [{ value: 'user' }] },
            { name: 'days', label: 'Expires in days', type: 'number', min: 1, max: 3650, placeholder: 'never', updateOn: 'change' }
        ];
        const button = document.createElement('button');
        button.textContent = 'Filter';
        element.appendChild(button);
        document.body.appendChild(element);
        await flushPromises();
        const changed = jest.fn();
        element.addEventListener('valuechange', changed);

        expect(element.shadowRoot.querySelector('div').classList).toContain('slds-grid_vertical-align-end');
        expect(element.shadowRoot.querySelector('slot')).not.toBeNull();
        expect(Array.from(selectIn(element.shadowRoot, 'Target type').options, (o) => o.textContent)).toEqual(['Any', 'user']);
        const days = shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, 'spinbutton', { name: 'Expires in days' }))[0];
        expect([days.min, days.max, days.placeholder]).toEqual(['1', '3650', 'never']);
        days.value = '3';
        days.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        expect(changed).not.toHaveBeenCalled();
        days.value = '30';
        days.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        expect(changed.mock.calls.map((call) => call[0].detail)).toEqual([{ name: 'days', value: '30' }]);
    });

    it('when a select asks for an inline label, then its label stands beside it and still names it', async () => {
        const element = await render([
            { name: 'sort', label: 'Sort by', variant: 'label-inline', options: [{ value: 'newest' }], value: 'newest' }
        ]);
        const select = selectIn(element.shadowRoot, 'Sort by');
        expect(select.value).toBe('newest');
        expect(select.closest('.slds-form-element').classList).toContain('slds-grid');
        await expect(element).toBeAccessible();
    });
});
