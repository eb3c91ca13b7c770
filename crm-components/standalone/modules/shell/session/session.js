/**
 * The signed-in demo user's hub token. sessionStorage (not localStorage) so a token dies with
 * the tab; the app listens for `hub:session` to switch between sign-in and the CRM.
 */
const TOKEN_KEY = 'hubToken';
const NOTICE_KEY = 'hubSignInNotice';
export const SESSION_EVENT = 'hub:session';

export function getToken() {
    return window.sessionStorage.getItem(TOKEN_KEY);
}

export function startSession(token) {
    window.sessionStorage.setItem(TOKEN_KEY, token);
    window.dispatchEvent(new CustomEvent(SESSION_EVENT));
}

/** Ends the session; `notice` tells the sign-in page why (a token the hub refused, say). */
export function endSession(notice) {
    window.sessionStorage.removeItem(TOKEN_KEY);
    if (notice) {
        window.sessionStorage.setItem(NOTICE_KEY, notice);
    }
    window.dispatchEvent(new CustomEvent(SESSION_EVENT));
}

/** The reason the last session ended, once: reading it clears it. */
export function takeSignInNotice() {
    const notice = window.sessionStorage.getItem(NOTICE_KEY);
    window.sessionStorage.removeItem(NOTICE_KEY);
    return notice;
}
