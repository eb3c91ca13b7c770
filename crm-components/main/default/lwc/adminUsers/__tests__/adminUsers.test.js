import { getByRole } from '@testing-library/dom';
import AdminUsers from 'c/adminUsers';
import { createUser, listUsers, updateUser } from 'c/hubApi';
import { copy, allByRole, deepText, resetDom, flushPromises, mount, oneByRole } from 'jest-utils';

jest.mock('c/hubApi', () => ({ createUser: jest.fn(), listUsers: jest.fn(), updateUser: jest.fn() }));

const USERS = require('./data/users.json');

function type(element, label, value) {
    const control = oneByRole(element, 'textbox', { name: new RegExp(`^\\*? ?${label}`) });
    control.value = value;
    control.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
}

const render = () => mount('c-admin-users', AdminUsers);

describe('c-admin-users', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when the users load, then each row shows role, team, leadership, Salesforce id and status', async () => {
        listUsers.mockResolvedValue(copy(USERS));
        const element = await render();
        const rows = allByRole(element, 'row').slice(1);
        expect(rows).toHaveLength(3);
        expect(rows[0].textContent).toContain('maria.lopez@example.com');
        expect(rows[0].textContent).toContain('005000000000001AAA');
        expect(rows[1].textContent).toContain('Sales leader');
        expect(rows[1].textContent).toContain('EMEA Enterprise, EMEA Mid-Market');
        expect(rows[2].textContent).toContain('Deactivated');
        expect(oneByRole(element, 'button', { name: 'Reactivate Old Account' })).toBeTruthy();
        await expect(element).toBeAccessible();
    });

    it('when loading fails, then the error is shown with a retry', async () => {
        listUsers.mockRejectedValue({ status: 500, body: { message: 'boom' } });
        const element = await render();
        expect(deepText(element)).toContain('The users could not be loaded.');
        await expect(element).toBeAccessible();
    });

    it('when a user is created with a missing team, then the field says so; once filled, the hub gets the user', async () => {
        listUsers.mockResolvedValue(copy(USERS));
        createUser.mockResolvedValue({ ...USERS.users[0], id: 'u-new', name: 'Nina Park' });
        const element = await render();
        getByRole(element.shadowRoot, 'button', { name: 'New user' }).click();
        await flushPromises();
        type(element, 'Name', 'Nina Park');
        type(element, 'Email', 'nina.park@example.com');
        oneByRole(element, 'button', { name: 'Create user' }).click();
        await flushPromises();
        expect(createUser).not.toHaveBeenCalled();
        expect(deepText(element)).toContain('Enter a team.');
        await expect(element).toBeAccessible();

        type(element, 'Team', 'APAC');
        type(element, 'Leads teams', 'APAC, ANZ');
        const role = oneByRole(element, 'combobox', { name: 'Role' });
        role.value = 'leader';
        role.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        oneByRole(element, 'button', { name: 'Create user' }).click();
        await flushPromises();
        expect(createUser).toHaveBeenCalledWith({
            name: 'Nina Park',
            email: 'nina.park@example.com',
            role: 'leader',
            team: 'APAC',
            leadsTeams: ['APAC', 'ANZ'],
            salesforceUserId: undefined
        });
        expect(deepText(element)).toContain('Nina Park saved.');
        expect(listUsers).toHaveBeenCalledTimes(2);
    });

    it('when a user is edited, then only the changes go to the hub, and clearing the Salesforce id sends null', async () => {
        listUsers.mockResolvedValue(copy(USERS));
        updateUser.mockResolvedValue(USERS.users[0]);
        const element = await render();
        oneByRole(element, 'button', { name: 'Edit Maria Lopez' }).click();
        await flushPromises();
        expect(allByRole(element, 'textbox', { name: /Email/ })).toHaveLength(0);
        type(element, 'Salesforce user id', '');
        oneByRole(element, 'button', { name: 'Save changes' }).click();
        await flushPromises();
        expect(updateUser).toHaveBeenCalledWith('u-maria', {
            name: 'Maria Lopez',
            role: 'author',
            team: 'EMEA Enterprise',
            leadsTeams: [],
            salesforceUserId: null
        });
    });

    it('when the hub refuses the save, then the form stays open with the error', async () => {
        listUsers.mockResolvedValue(copy(USERS));
        updateUser.mockRejectedValue({ status: 400, body: { message: 'salesforceUserId: not a Salesforce id' } });
        const element = await render();
        oneByRole(element, 'button', { name: 'Edit Tom Becker' }).click();
        await flushPromises();
        oneByRole(element, 'button', { name: 'Save changes' }).click();
        await flushPromises();
        expect(deepText(element)).toContain('The user could not be saved.');
        expect(deepText(element)).toContain('not a Salesforce id');
        await expect(element).toBeAccessible();
    });

    it('when a user is deactivated, then the hub is told and the list reloads', async () => {
        listUsers.mockResolvedValue(copy(USERS));
        updateUser.mockResolvedValue({ ...USERS.users[1], active: false });
        const element = await render();
        oneByRole(element, 'button', { name: 'Deactivate Tom Becker' }).click();
        await flushPromises();
        expect(updateUser).toHaveBeenCalledWith('u-tom', { active: false });
        expect(deepText(element)).toContain('Tom Becker deactivated');
    });
});
