import { LightningElement } from 'lwc';
import { getMe } from 'c/hubApi';
import { endSession, getToken, SESSION_EVENT } from 'shell/session';
import {
    ADMIN_SECTION_HREF_PATTERN,
    deepLinkHash,
    EDIT_HREF_PATTERN,
    EXPERT_HREF_PATTERN,
    ITEM_HREF_PATTERN,
    OPPORTUNITY_HREF_PATTERN,
    opportunityHref,
    parseRoute,
    searchHash,
    statementHref,
    VERSIONS_HREF_PATTERN
} from 'shell/routes';
import { homeHashFor, mayOpen, tabOf, tabsFor } from 'shell/roleNav';

/**
 * One object, so the inbox is not handed a new one on every render of the shell. A rejected item
 * is archived (My content lists it with the reason); changes requested open the item's editor.
 */
const WRITER_NOTIFICATION_HREFS = Object.freeze({
    changes_requested: EDIT_HREF_PATTERN,
    rejected: './#/my-content',
    facet_proposed: './#/admin/taxonomies',
    proposal_accepted: EDIT_HREF_PATTERN,
    proposal_rejected: EDIT_HREF_PATTERN,
    nudged: EDIT_HREF_PATTERN,
    request_assigned: './#/due',
    verification_due: './#/due',
    flagged_outdated: './#/due'
});

/**
 * A deep link (`/?content=<id>`, what Salesforce's Knowledge Links point at) becomes the hash
 * route `#/content/<id>` before the first route is read; the query is dropped from the address
 * so a reload or a later hash change does not open the item again.
 */
function initialRoute() {
    const hash = deepLinkHash(window.location.search);
    if (hash) {
        window.history.replaceState(window.history.state, '', `${window.location.pathname}${hash}`);
    }
    return parseRoute(window.location.hash);
}

/**
 * A small CRM-like shell so the Knowledge Hub components run without Salesforce: global
 * header with the signed-in user, app tabs, and hash-routed pages.
 */
export default class App extends LightningElement {
    route = initialRoute();
    itemHrefPattern = ITEM_HREF_PATTERN;
    recordHrefPattern = OPPORTUNITY_HREF_PATTERN;
    adminHrefPattern = ADMIN_SECTION_HREF_PATTERN;
    editHrefPattern = EDIT_HREF_PATTERN;
    versionsHrefPattern = VERSIONS_HREF_PATTERN;
    expertHrefPattern = EXPERT_HREF_PATTERN;
    user;
    error;
    isChecking = true;

    /** On a phone the tabs sit behind "Menu"; wider screens always show them (CSS). */
    menuOpen = false;

    /** Set by a navigation, a sign-in or the skip link: the next render puts focus on the page's heading. */
    headingFocusPending = false;

    connectedCallback() {
        this.onHashChange = () => {
            const previous = this.route;
            this.route = parseRoute(window.location.hash);
            // Another search on the search page (a filter ticked, the back button): same page, so
            // the focus stays where the reader is and the page does not jump.
            if (previous.name === 'search' && this.route.name === 'search') {
                return;
            }
            this.menuOpen = false;
            window.scrollTo(0, 0);
            // The item route opens a dialog, which takes focus itself.
            this.headingFocusPending = this.route.name !== 'item';
        };
        // A sign-in (or sign-out) starts at the new user's home, never on the last user's page.
        this.onSession = () => {
            this.headingFocusPending = true;
            this.loadUser(true);
        };
        window.addEventListener('hashchange', this.onHashChange);
        window.addEventListener(SESSION_EVENT, this.onSession);
        this.loadUser();
    }

    disconnectedCallback() {
        window.removeEventListener('hashchange', this.onHashChange);
        window.removeEventListener(SESSION_EVENT, this.onSession);
    }

    async loadUser(goHome = false) {
        this.error = undefined;
        if (!getToken()) {
            this.user = undefined;
            this.isChecking = false;
            return;
        }
        this.isChecking = true;
        try {
            this.user = await getMe();
            if (goHome === true) {
                this.goTo(homeHashFor(this.user.role));
            }
        } catch (error) {
            this.user = undefined;
            // A 401 already ended the session (see hubTransport); anything else is worth showing.
            if (error.status !== 401) {
                this.error = error;
            }
        } finally {
            this.isChecking = false;
        }
    }

    /**
     * Screen-reader and keyboard users land on the new page's heading rather than on <body>
     * (where focus falls when the old page's element is removed). Shell pages that own their
     * heading (opportunity list and record) focus it themselves once it is rendered.
     */
    renderedCallback() {
        if (!this.headingFocusPending || this.isChecking) {
            return;
        }
        const page = this.template.querySelector('main [data-page]');
        const heading = this.template.querySelector('main h1');
        if (page) {
            page.focusHeading();
        } else if (heading) {
            heading.focus();
        } else if (this.isSignedIn) {
            return;
        }
        this.headingFocusPending = false;
    }

    /** Moves to `hash` now (not on the next hashchange), so the first render is the right page. */
    goTo(hash) {
        if (window.location.hash !== hash) {
            window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
        }
        this.route = parseRoute(hash);
    }

    /**
     * For people who write: a sent-back item opens in its editor, requests and due items on their
     * to-do page. Everyone else keeps the item links.
     */
    get notificationHrefs() {
        if (!this.user || !mayOpen(this.user.role, 'editor')) {
            return undefined;
        }
        return WRITER_NOTIFICATION_HREFS;
    }

    /** The signed-in role's tabs (shell/roleNav decides which), the current one marked. */
    get tabs() {
        return this.user ? tabsFor(this.user.role, this.route.name) : [];
    }

    /** A page the role has no tab for: a short note instead (the hub refuses its data anyway). */
    get isRefused() {
        return !!this.user && !mayOpen(this.user.role, this.route.name);
    }

    get refusedTitle() {
        const tab = tabOf(this.route.name);
        return tab ? tab.label : '';
    }

    get refusedNote() {
        const tab = tabOf(this.route.name);
        if (this.route.name === 'reviews') {
            return 'Reviews are for team leaders and admins: they approve win/loss analyses before they publish.';
        }
        if (this.route.name === 'flow') {
            return 'The knowledge-flow dashboard is for team leaders and admins.';
        }
        if (this.route.name === 'admin') {
            return 'Admin setup is for admins.';
        }
        return tab ? `${tab.label} is for authors, leaders and admins: the people who write content.` : '';
    }

    get isMine() {
        return this.route.name === 'mine' && !this.isRefused;
    }

    get isEditor() {
        return this.route.name === 'editor' && !this.isRefused;
    }

    get isVersions() {
        return this.route.name === 'versions' && !this.isRefused;
    }

    get isDue() {
        return this.route.name === 'due' && !this.isRefused;
    }

    /** People who write may derive from any item they can read (the viewer offers it). */
    get mayDerive() {
        return !!this.user && mayOpen(this.user.role, 'editor');
    }

    /** A draft derived from an item in a viewer opens in the editor (the viewer closes with the route). */
    handleDerived(event) {
        window.location.hash = EDIT_HREF_PATTERN.replace('{id}', encodeURIComponent(event.detail.id)).slice(2);
    }

    /** The editor saved a new item: its address becomes the item's own, so a reload keeps it. */
    handleEditorSaved(event) {
        if (!this.route.id && event.detail && event.detail.id) {
            this.goTo(EDIT_HREF_PATTERN.replace('{id}', encodeURIComponent(event.detail.id)).slice(2));
        }
    }

    get menuExpanded() {
        return this.menuOpen ? 'true' : 'false';
    }

    get contextBarClass() {
        return `slds-context-bar app-bar${this.menuOpen ? ' menu-open' : ''}`;
    }

    toggleMenu() {
        this.menuOpen = !this.menuOpen;
    }

    /** A tab was chosen (even the current one, which changes no hash): fold the menu again. */
    closeMenu() {
        this.menuOpen = false;
    }

    handleSkip() {
        this.headingFocusPending = true;
        this.renderedCallback();
    }

    get isSignedIn() {
        return !!this.user;
    }

    get isOpportunityList() {
        return this.route.name === 'opportunities';
    }

    get isOpportunity() {
        return this.route.name === 'opportunity';
    }

    /** The search page is also the backdrop of an item opened by its link. */
    get isSearch() {
        return this.route.name === 'search' || this.isContent;
    }

    get isContent() {
        return this.route.name === 'content';
    }

    /** Closing an item opened by its link leaves the reader on the search page. */
    handleContentClose() {
        window.location.hash = '/search';
    }

    /** The search in the address: '' on an item opened by its link (the viewer sits over a fresh search). */
    get searchState() {
        return this.route.state || '';
    }

    /**
     * The search page's search goes into the address: typing replaces the current entry (no
     * history entry per keystroke), ticking, sorting, paging and clearing add one, so the back
     * button steps back through them.
     */
    handleSearchState(event) {
        const { state, replace } = event.detail;
        const hash = searchHash(state);
        if (window.location.hash === hash) {
            return;
        }
        if (replace) {
            window.history.replaceState(window.history.state, '', hash);
            this.route = { name: 'search', state };
        } else {
            window.location.hash = hash;
        }
    }

    get isReviews() {
        return this.route.name === 'reviews';
    }

    get isFlow() {
        return this.route.name === 'flow' && !this.isRefused;
    }

    get isReviewsAllowed() {
        return this.isReviews && !this.isRefused;
    }

    /** Admin setup (users, tokens, taxonomies, synonyms, index, audit): an admin-only tab (shell/roleNav). */
    get isAdmin() {
        return this.route.name === 'admin' && !this.isRefused;
    }

    get isItem() {
        return this.route.name === 'item';
    }

    /** Closing an item opened from a link goes back to where the link was (or home). */
    handleItemClose() {
        if (window.history.length > 1) {
            window.history.back();
        } else {
            window.location.hash = '#/opportunities';
        }
    }

    get isExperts() {
        return this.route.name === 'experts';
    }

    get isExpert() {
        return this.route.name === 'expert';
    }

    /** A profile opened from a deal leads back to it; otherwise back to the expert search. */
    get expertBack() {
        return this.route.opportunityId
            ? { href: opportunityHref(this.route.opportunityId), label: 'Back to the opportunity' }
            : { href: './#/experts', label: 'Experts' };
    }

    /** Reps and authors may only read their own statement, so the Credits tab opens on it. */
    get seesOnlyOwnCredits() {
        return !!this.user && (this.user.role === 'rep' || this.user.role === 'author');
    }

    get isLeaderboard() {
        return this.route.name === 'credits' && !this.seesOnlyOwnCredits;
    }

    get isOwnStatement() {
        return this.route.name === 'credits' && this.seesOnlyOwnCredits;
    }

    get isStatement() {
        return this.route.name === 'statement';
    }

    get userLine() {
        return this.user ? `${this.user.name} · ${this.user.role}${this.user.team ? ` · ${this.user.team}` : ''}` : '';
    }

    handleSelectPerson(event) {
        window.location.hash = statementHref(event.detail.userId).slice(2);
    }

    handleSignOut() {
        endSession();
    }
}
