import { getByRole } from '@testing-library/dom';
import AdminTokens from 'c/adminTokens';
import { issueToken, listTokens, listUsers, revokeToken } from 'c/hubApi';
import { copy, allByRole, oneByRole, deepText, resetDom, flushPromises, selectIn, mount } from 'jest-utils';

jest.mock('c/hubApi', () => ({ issueToken: jest.fn(), listTokens: jest.fn(), listUsers: jest.fn(), revokeToken: jest.fn() }));

const USERS = require('./data/users.json');
const TOKENS = require('./data/tokens.json');

const render = () => mount('c-admin-tokens', AdminTokens);

async function chooseUser(element, id) {
    const select = selectIn(element.shadowRoot, 'User');
    select.value = id;
    select.dispatchEvent(new CustomEvent('change', { bubbles: true }));
    await flushPromises();
}

describe('c-admin-tokens', () => {
    beforeEach(() => {
        listUsers.mockResolvedValue(copy(USERS));
        listTokens.mockResolvedValue(copy(TOKENS));
    });
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when it opens, then only active users can be chosen and no tokens are asked for yet', async () => {
        const element = await render();
        const options = Array.from(selectIn(element.shadowRoot, 'User').options, (o) => o.textContent);
        expect(options).toEqual(['Choose a user…', 'Maria Lopez (maria.lopez@example.com)', 'Tom Becker (tom.becker@example.com)']);
        expect(listTokens).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('when a user is chosen, then their tokens are listed, revoked ones without a Revoke button', async () => {
        const element = await render();
        await chooseUser(element, 'u-maria');
        expect(listTokens).toHaveBeenCalledWith('u-maria');
        const rows = allByRole(element, 'row').slice(1);
        expect(rows[0].textContent).toContain('Laptop');
        expect(rows[0].textContent).toContain('Never');
        expect(rows[1].textContent).toContain('Revoked');
        expect(allByRole(element, 'button', { name: /^Revoke token/ })).toHaveLength(1);
        await expect(element).toBeAccessible();
    });

    it('when a token is issued, then its secret is shown once, focused, and gone after "I have copied it"', async () => {
        issueToken.mockResolvedValue({ id: 'tok-2', token: 'khub_secret123', expiresAt: null });
        const element = await render();
        await chooseUser(element, 'u-maria');
        const label = oneByRole(element, 'textbox', { name: 'Label' });
        label.value = 'CI job';
        label.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        const days = oneByRole(element, 'spinbutton', { name: 'Expires in days' });
        days.value = '30';
        days.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        getByRole(element.shadowRoot, 'button', { name: 'Issue token' }).click();
        await flushPromises();
        expect(issueToken).toHaveBeenCalledWith('u-maria', { label: 'CI job', expiresInDays: 30 });
        const secret = getByRole(element.shadowRoot, 'textbox', { name: 'Token for Maria Lopez' });
        expect(secret.value).toBe('khub_secret123');
        expect(element.shadowRoot.activeElement).toBe(secret);
        expect(deepText(element)).toContain('it will not be shown again');
        await expect(element).toBeAccessible();
        getByRole(element.shadowRoot, 'button', { name: 'I have copied it' }).click();
        await flushPromises();
        expect(deepText(element)).not.toContain('khub_secret123');
        expect(allByRole(element, 'textbox', { name: 'Token for Maria Lopez' })).toHaveLength(0);
    });

    it('when a token is revoked, then the hub is told and the list reloads', async () => {
        revokeToken.mockResolvedValue(null);
        const element = await render();
        await chooseUser(element, 'u-maria');
        allByRole(element, 'button', { name: 'Revoke token Laptop' })[0].click();
        await flushPromises();
        expect(revokeToken).toHaveBeenCalledWith('u-maria', 'tok-1');
        expect(listTokens).toHaveBeenCalledTimes(2);
        expect(deepText(element)).toContain('Token revoked');
    });

    it('when a user has no tokens, then it says so; when issuing fails, then the error is shown', async () => {
        listTokens.mockResolvedValue({ tokens: [] });
        issueToken.mockRejectedValue({ status: 400, body: { message: 'expiresInDays: too big' } });
        const element = await render();
        await chooseUser(element, 'u-tom');
        expect(deepText(element)).toContain('Tom Becker has no tokens yet.');
        getByRole(element.shadowRoot, 'button', { name: 'Issue token' }).click();
        await flushPromises();
        expect(deepText(element)).toContain('The token could not be issued.');
        await expect(element).toBeAccessible();
    });
});
