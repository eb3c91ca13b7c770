import { LightningElement, api } from 'lwc';
import { takeHeadingFocus } from 'shell/headingFocus';
import { listDemoUsers } from 'c/hubApi';
import { startSession, takeSignInNotice } from 'shell/session';

/**
 * Demo sign-in: pick one of the seeded people (the hub lists them only in demo mode). Outside
 * demo mode there is no list, so an API token can be pasted instead.
 */
export default class SignIn extends LightningElement {
    users;
    error;
    isLoading = true;
    token = '';
    /** Why the previous session ended (a refused token), shown once. */
    notice;

    connectedCallback() {
        this.notice = takeSignInNotice();
        this.load();
    }

    async load() {
        this.isLoading = true;
        this.error = undefined;
        try {
            const { users } = await listDemoUsers();
            this.users = users;
        } catch (error) {
            this.users = undefined;
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }

    get people() {
        return (this.users || []).map((user) => ({ ...user, signInLabel: `Sign in as ${user.name}` }));
    }

    get hasUsers() {
        return this.people.length > 0;
    }

    handlePick(event) {
        const user = this.users.find((u) => u.id === event.currentTarget.dataset.id);
        if (user) {
            startSession(user.token);
        }
    }

    handleTokenInput(event) {
        this.token = event.target.value;
    }

    handleTokenSubmit(event) {
        event.preventDefault();
        if (this.token.trim()) {
            this.notice = undefined;
            startSession(this.token.trim());
        }
    }

    /** Focus on the sign-in heading (the shell asks after sign-out and when a session ends). */
    @api
    focusHeading() {
        this.headingFocusWanted = true;
        takeHeadingFocus(this);
    }

    renderedCallback() {
        takeHeadingFocus(this);
    }
}
