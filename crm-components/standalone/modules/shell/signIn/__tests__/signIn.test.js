import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import SignIn from '../signIn';
import { listDemoUsers } from 'c/hubApi';
import { takeSignInNotice } from 'shell/session';
import { flushPromises } from 'jest-utils';

jest.mock('c/hubApi', () => ({ listDemoUsers: jest.fn() }));
jest.mock('shell/session', () => ({ startSession: jest.fn(), takeSignInNotice: jest.fn() }), { virtual: true });

describe('shell-sign-in', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when the previous token was refused, then the sign-in page says so in an alert', async () => {
        listDemoUsers.mockResolvedValue({ users: [] });
        takeSignInNotice.mockReturnValue('The hub did not accept that token: it may be mistyped, revoked or expired.');
        const element = createElement('shell-sign-in', { is: SignIn });
        document.body.appendChild(element);
        await flushPromises();
        expect(getByRole(element.shadowRoot, 'alert').textContent).toContain('did not accept that token');
    });

    it('when nothing went wrong before, then there is no alert', async () => {
        listDemoUsers.mockResolvedValue({ users: [] });
        takeSignInNotice.mockReturnValue(null);
        const element = createElement('shell-sign-in', { is: SignIn });
        document.body.appendChild(element);
        await flushPromises();
        expect(element.shadowRoot.querySelector('[role="alert"]')).toBeNull();
    });
});
