import { LightningElement } from 'lwc';
import { getMe } from 'c/hubApi';
import { endSession, getToken, SESSION_EVENT } from 'shell/session';
import { deepLinkHash, ITEM_HREF_PATTERN, OPPORTUNITY_HREF_PATTERN, parseRoute, searchHash, statementHref } from 'shell/routes';

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
        this.onSession = () => {
            this.headingFocusPending = true;
            this.loadUser();
        };
        window.addEventListener('hashchange', this.onHashChange);
        window.addEventListener(SESSION_EVENT, this.onSession);
        this.loadUser();
    }

    disconnectedCallback() {
        window.removeEventListener('hashchange', this.onHashChange);
        window.removeEventListener(SESSION_EVENT, this.onSession);
    }

    async loadUser() {
        this.error = undefined;
        if (!getToken()) {
            this.user = undefined;
            this.isChecking = false;
            return;
        }
        this.isChecking = true;
        try {
            this.user = await getMe();
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

    /** The knowledge-flow dashboard is for leaders and admins; the hub refuses it to others. */
    get seesFlow() {
        return !!this.user && (this.user.role === 'leader' || this.user.role === 'admin');
    }

    get isFlowTab() {
        return this.route.name === 'flow';
    }

    get isFlow() {
        return this.isFlowTab && this.seesFlow;
    }

    /** Reviews are for leaders and admins (the hub refuses the queue to others): no tab for them. */
    get seesReviews() {
        return !!this.user && (this.user.role === 'leader' || this.user.role === 'admin');
    }

    get isReviewsAllowed() {
        return this.isReviews && this.seesReviews;
    }

    get isReviewsForbidden() {
        return this.isReviews && !this.seesReviews;
    }

    get isFlowForbidden() {
        return this.isFlowTab && !this.seesFlow;
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

    get flowTabClass() {
        return tabClass(this.isFlowTab);
    }

    get flowCurrent() {
        return current(this.isFlowTab);
    }

    get expertsTabClass() {
        return tabClass(this.isExperts);
    }

    get expertsCurrent() {
        return current(this.isExperts);
    }

    /** Reps and authors may only read their own statement, so the Credits tab opens on it. */
    get seesOnlyOwnCredits() {
        return !!this.user && (this.user.role === 'rep' || this.user.role === 'author');
    }

    get isCreditsTab() {
        return this.route.name === 'credits' || this.route.name === 'statement';
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

    /** The Opportunities tab covers the list and every record page. */
    get isOpportunitiesTab() {
        return !this.isSearch && !this.isReviews && !this.isCreditsTab && !this.isFlowTab && !this.isExperts && !this.isItem;
    }

    get creditsTabClass() {
        return tabClass(this.isCreditsTab);
    }

    get creditsCurrent() {
        return current(this.isCreditsTab);
    }

    get opportunitiesTabClass() {
        return tabClass(this.isOpportunitiesTab);
    }

    get searchTabClass() {
        return tabClass(this.isSearch);
    }

    get reviewsTabClass() {
        return tabClass(this.isReviews);
    }

    get opportunitiesCurrent() {
        return current(this.isOpportunitiesTab);
    }

    get searchCurrent() {
        return current(this.isSearch);
    }

    get reviewsCurrent() {
        return current(this.isReviews);
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

function current(active) {
    return active ? 'page' : 'false';
}

function tabClass(active) {
    return `slds-context-bar__item${active ? ' slds-is-active' : ''}`;
}
