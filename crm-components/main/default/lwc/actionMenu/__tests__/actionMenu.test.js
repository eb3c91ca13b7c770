import { createElement } from 'lwc';
import { getByRole, queryByRole, queryAllByRole } from '@testing-library/dom';
import ActionMenu from 'c/actionMenu';
import { flushPromises } from 'jest-utils';

const ITEMS = [
    { value: 'share', label: 'Share with buyer' },
    { value: 'helpful', label: 'Mark helpful', checked: false },
    { value: 'detach', label: 'Detach', disabled: true }
];

async function render(props = {}) {
    const element = createElement('c-action-menu', { is: ActionMenu });
    Object.assign(element, { label: 'More actions: Pricing guide', items: ITEMS, ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const key = (target, name) => target.dispatchEvent(new window.KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));
const focused = (element) => element.shadowRoot.activeElement;

describe('c-action-menu', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when closed, then only the button shows, saying it has a closed menu', async () => {
        const element = await render();
        const button = getByRole(element.shadowRoot, 'button', { name: 'More actions: Pricing guide' });
        expect([button.getAttribute('aria-haspopup'), button.getAttribute('aria-expanded')]).toEqual(['menu', 'false']);
        expect(queryByRole(element.shadowRoot, 'menu')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('when the button is clicked, then the menu opens with focus on the first item, and its items say their state', async () => {
        const element = await render();
        const button = getByRole(element.shadowRoot, 'button');
        button.click();
        await flushPromises();
        expect(button.getAttribute('aria-expanded')).toBe('true');
        const menu = getByRole(element.shadowRoot, 'menu', { name: 'More actions: Pricing guide' });
        expect(menu.closest('.slds-dropdown-trigger').classList).toContain('slds-is-open');
        expect(focused(element).textContent).toBe('Share with buyer');
        expect(getByRole(element.shadowRoot, 'menuitemcheckbox', { name: 'Mark helpful' }).getAttribute('aria-checked')).toBe('false');
        expect(getByRole(element.shadowRoot, 'menuitem', { name: 'Detach' }).getAttribute('aria-disabled')).toBe('true');
        await expect(element).toBeAccessible();
    });

    it('when the keyboard is used, then arrows, Home and End move, Escape closes and focus returns to the button', async () => {
        const element = await render();
        const button = getByRole(element.shadowRoot, 'button');
        key(button, 'ArrowUp');
        await flushPromises();
        expect(focused(element).textContent).toBe('Detach');
        key(focused(element), 'ArrowDown');
        expect(focused(element).textContent).toBe('Share with buyer');
        key(focused(element), 'End');
        expect(focused(element).textContent).toBe('Detach');
        key(focused(element), 'Home');
        key(focused(element), 'ArrowDown');
        expect(focused(element).textContent).toBe('Mark helpful');
        key(focused(element), 'Escape');
        await flushPromises();
        expect(queryByRole(element.shadowRoot, 'menu')).toBeNull();
        expect(focused(element)).toBe(button);
        expect(button.getAttribute('aria-expanded')).toBe('false');
    });

    it('when an item is chosen by Enter or click, then select fires with its value and the menu closes; a disabled item does nothing', async () => {
        const element = await render();
        const select = jest.fn();
        element.addEventListener('select', (e) => select(e.detail.value));
        const button = getByRole(element.shadowRoot, 'button');
        key(button, 'ArrowDown');
        await flushPromises();
        key(focused(element), 'ArrowDown');
        key(focused(element), 'Enter');
        await flushPromises();
        expect(select).toHaveBeenCalledWith('helpful');
        expect(queryByRole(element.shadowRoot, 'menu')).toBeNull();
        expect(focused(element)).toBe(button);
        button.click();
        await flushPromises();
        getByRole(element.shadowRoot, 'menuitem', { name: 'Detach' }).click();
        expect(select).toHaveBeenCalledTimes(1);
        getByRole(element.shadowRoot, 'menuitem', { name: 'Share with buyer' }).click();
        await flushPromises();
        expect(select).toHaveBeenLastCalledWith('share');
        expect(queryAllByRole(element.shadowRoot, 'menuitem')).toHaveLength(0);
    });
});
