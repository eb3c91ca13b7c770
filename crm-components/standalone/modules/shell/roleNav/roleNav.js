/**
 * Which tabs each role sees and where each role starts: the one place that decides it, so adding a
 * tab (an admin-only "Admin", say) is one line in TABS. A route outside a role's tabs is refused
 * by the shell with a short note (the hub refuses the data anyway); this only keeps people from
 * being offered pages they cannot use.
 */
const EVERYONE = ['rep', 'author', 'leader', 'admin'];
const WRITERS = ['author', 'leader', 'admin'];
const REVIEWERS = ['leader', 'admin'];
const ADMINS = ['admin'];

/** In display order; `routes` are the route names (shell/routes) that light the tab up. */
export const TABS = [
    { id: 'mine', label: 'My content', href: './#/my-content', routes: ['mine', 'editor', 'versions'], roles: WRITERS },
    { id: 'due', label: 'Due and requested', href: './#/due', routes: ['due'], roles: WRITERS },
    { id: 'opportunities', label: 'Opportunities', href: './#/opportunities', routes: ['opportunities', 'opportunity'], roles: EVERYONE },
    { id: 'search', label: 'Knowledge search', href: './#/search', routes: ['search', 'content'], roles: EVERYONE },
    { id: 'reviews', label: 'Reviews', href: './#/reviews', routes: ['reviews'], roles: REVIEWERS },
    { id: 'credits', label: 'Credits', href: './#/credits', routes: ['credits', 'statement'], roles: EVERYONE },
    { id: 'experts', label: 'Experts', href: './#/experts', routes: ['experts', 'expert'], roles: EVERYONE },
    { id: 'flow', label: 'Knowledge flow', href: './#/flow', routes: ['flow'], roles: REVIEWERS },
    { id: 'admin', label: 'Admin', href: './#/admin', routes: ['admin'], roles: ADMINS }
];

/** Where each role starts after signing in: the page they came for. */
const HOME = { rep: 'opportunities', author: 'mine', leader: 'opportunities', admin: 'admin' };

/** The tabs a role sees, each marked current when `routeName` belongs to it. */
export function tabsFor(role, routeName) {
    return TABS.filter((tab) => tab.roles.includes(role)).map((tab) => {
        const active = tab.routes.includes(routeName);
        return { ...tab, className: `slds-context-bar__item${active ? ' slds-is-active' : ''}`, current: active ? 'page' : 'false' };
    });
}

/** The hash a role's home page lives at (`#/my-content` for an author). */
export function homeHashFor(role) {
    const tab = TABS.find((t) => t.id === (HOME[role] || 'opportunities'));
    return tab.href.slice(2);
}

/**
 * May this role open the route? Routes that belong to no tab (an item opened by its link) are
 * open to everyone: the hub's read policy decides what they show.
 */
export function mayOpen(role, routeName) {
    const tab = TABS.find((t) => t.routes.includes(routeName));
    return !tab || tab.roles.includes(role);
}

/** The tab a refused route belongs to, for the note that says who it is for. */
export function tabOf(routeName) {
    return TABS.find((t) => t.routes.includes(routeName));
}
