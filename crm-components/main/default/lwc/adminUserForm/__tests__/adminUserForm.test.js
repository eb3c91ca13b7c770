import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import AdminUserForm from 'c/adminUserForm';
import { allByRole, flushPromises, selectIn } from 'jest-utils';

const USER = {
    id: 'u-tom',
    name: 'Tom Becker',
    email: 'tom@example.com',
    role: 'leader',
    team: 'EMEA',
    leadsTeams: ['EMEA', 'DACH'],
    salesforceUserId: '005000000000002AAA',
    active: true
};

async function render(props = {}) {
    const element = createElement('c-admin-user-form', { is: AdminUserForm });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-admin-user-form', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when a user is edited, then the form is filled from them and has no email field', async () => {
        const element = await render({ user: USER });
        expect(getByRole(element.shadowRoot, 'form', { name: 'Edit Tom Becker' })).toBeTruthy();
        expect(allByRole(element, 'textbox', { name: /Leads teams/ })[0].value).toBe('EMEA, DACH');
        expect(selectIn(element.shadowRoot, 'Role').value).toBe('leader');
        expect(allByRole(element, 'textbox', { name: /Email/ })).toHaveLength(0);
        await expect(element).toBeAccessible();
    });

    it('when required fields are empty, then each says so, the first takes focus, and no save is fired', async () => {
        const element = await render();
        const save = jest.fn();
        element.addEventListener('save', save);
        getByRole(element.shadowRoot, 'button', { name: 'Create user' }).click();
        await flushPromises();
        expect(save).not.toHaveBeenCalled();
        const name = allByRole(element, 'textbox', { name: /Name/ })[0];
        expect(name.getAttribute('aria-invalid')).toBe('true');
        expect(allByRole(element, 'textbox', { name: /Email/ })[0].getAttribute('aria-invalid')).toBe('true');
        expect(name.getRootNode().activeElement).toBe(name);
        await expect(element).toBeAccessible();
    });

    it('when a chat account is chosen, then its id is asked for and saved with it; None clears it', async () => {
        const element = await render({ user: USER });
        const save = jest.fn();
        element.addEventListener('save', save);
        const chat = selectIn(element.shadowRoot, 'Chat');
        chat.value = 'slack';
        chat.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        await flushPromises();
        getByRole(element.shadowRoot, 'button', { name: 'Save changes' }).click();
        await flushPromises();
        expect(save).not.toHaveBeenCalled();
        const id = allByRole(element, 'textbox', { name: /Chat user id/ })[0];
        expect(id.getAttribute('aria-invalid')).toBe('true');
        await expect(element).toBeAccessible();
        id.value = 'U0TOM';
        id.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        id.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        await flushPromises();
        getByRole(element.shadowRoot, 'button', { name: 'Save changes' }).click();
        expect(save.mock.calls[0][0].detail).toMatchObject({ chatProvider: 'slack', chatUserId: 'U0TOM' });

        element.user = { ...USER, chatProvider: 'slack', chatUserId: 'U0TOM' };
        await flushPromises();
        expect(allByRole(element, 'textbox', { name: /Chat user id/ })[0].value).toBe('U0TOM');
        chat.value = '';
        chat.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        await flushPromises();
        expect(allByRole(element, 'textbox', { name: /Chat user id/ })).toHaveLength(0);
        getByRole(element.shadowRoot, 'button', { name: 'Save changes' }).click();
        expect(save.mock.calls[1][0].detail).toMatchObject({ chatProvider: null, chatUserId: null });
    });

    it('when Cancel is pressed, then the parent is told', async () => {
        const element = await render({ user: USER });
        const cancel = jest.fn();
        element.addEventListener('cancel', cancel);
        getByRole(element.shadowRoot, 'button', { name: 'Cancel' }).click();
        expect(cancel).toHaveBeenCalled();
    });
});
