/**
 * The signed-in demo user's hub token. sessionStorage (not localStorage) so a token dies with
 * the tab; the app listens for `hub:session` to switch between sign-in and the CRM.
 */
const TOKEN_KEY = 'hubToken';
export const SESSION_EVENT = 'hub:session';

export function getToken() {
    return window.sessionStorage.getItem(TOKEN_KEY);
}

export function startSession(token) {
    window.sessionStorage.setItem(TOKEN_KEY, token);
    window.dispatchEvent(new CustomEvent(SESSION_EVENT));
}

export function endSession() {
    window.sessionStorage.removeItem(TOKEN_KEY);
    window.dispatchEvent(new CustomEvent(SESSION_EVENT));
}
