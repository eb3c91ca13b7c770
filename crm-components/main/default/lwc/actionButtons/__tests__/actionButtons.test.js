import { getByRole, queryAllByRole } from '@testing-library/dom';
import ActionButtons from 'c/actionButtons';
import { mount, resetDom } from 'jest-utils';

const ACTIONS = [
    { name: 'verify', label: 'Verify', variant: 'brand', ariaLabel: 'Verify: Fleet telematics FAQ' },
    { name: 'edit', label: 'Edit', href: './#/my-content/ci-faq/edit', ariaLabel: 'Edit: Fleet telematics FAQ' },
    { name: 'archive', label: 'Archive', variant: 'text-destructive', ariaLabel: 'Archive: Fleet telematics FAQ', disabled: true },
    { name: 'details', label: 'Details', variant: 'bare', title: 'Show the details', expanded: 'false' }
];

const render = (props = {}) => mount('c-action-buttons', ActionButtons, { actions: ACTIONS, rowId: 'ci-faq', ...props });

describe('c-action-buttons', () => {
    afterEach(resetDom);

    it('when given definitions, then each is a button (or a link with href) named and styled as defined, in order', async () => {
        const element = await render();
        const root = element.shadowRoot;
        expect(Array.from(root.querySelectorAll('a, button'), (el) => el.textContent.trim())).toEqual([
            'Verify',
            'Edit',
            'Archive',
            'Details'
        ]);
        expect(getByRole(root, 'button', { name: 'Verify: Fleet telematics FAQ' }).className).toBe('slds-button slds-button_brand');
        const edit = getByRole(root, 'link', { name: 'Edit: Fleet telematics FAQ' });
        expect(edit.getAttribute('href')).toBe('./#/my-content/ci-faq/edit');
        expect(edit.className).toBe('slds-button slds-button_neutral');
        const archive = getByRole(root, 'button', { name: 'Archive: Fleet telematics FAQ' });
        expect(archive.className).toBe('slds-button slds-button_text-destructive');
        expect(archive.disabled).toBe(true);
        const details = getByRole(root, 'button', { name: 'Details' });
        expect(details.className).toBe('slds-button');
        expect(details.getAttribute('title')).toBe('Show the details');
        expect(details.getAttribute('aria-expanded')).toBe('false');
        expect(getByRole(root, 'button', { name: 'Verify: Fleet telematics FAQ' }).hasAttribute('aria-expanded')).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('when a button is pressed, then action names it and the row; a disabled one stays quiet', async () => {
        const element = await render();
        const handler = jest.fn();
        element.addEventListener('action', handler);
        getByRole(element.shadowRoot, 'button', { name: 'Verify: Fleet telematics FAQ' }).click();
        getByRole(element.shadowRoot, 'button', { name: 'Archive: Fleet telematics FAQ' }).click();
        expect(handler).toHaveBeenCalledTimes(1);
        expect(handler.mock.calls[0][0].detail).toEqual({ action: 'verify', id: 'ci-faq' });
    });

    it('when asked to focus an action, then its button takes focus (the first without a name), and a missing one is reported', async () => {
        const element = await render({ actions: ACTIONS.filter((a) => !a.disabled) });
        expect(element.focusAction('details')).toBe(true);
        expect(element.shadowRoot.activeElement).toBe(getByRole(element.shadowRoot, 'button', { name: 'Details' }));
        expect(element.focusAction()).toBe(true);
        expect(element.shadowRoot.activeElement).toBe(getByRole(element.shadowRoot, 'button', { name: 'Verify: Fleet telematics FAQ' }));
        expect(element.focusAction('archive')).toBe(false);
    });

    it('when there are no actions, then nothing renders', async () => {
        const element = await render({ actions: [] });
        expect(queryAllByRole(element.shadowRoot, 'button')).toHaveLength(0);
    });
});
