/**
 * Hash routes of the standalone CRM: `#/opportunities`, `#/opportunities/<id>` (and
 * `#/opportunities/<id>/close-out`, at its win/loss form), `#/search`,
 * `#/reviews`, `#/credits` (the leaderboard, or a rep's own statement), `#/credits/<userId>`,
 * `#/flow` (the knowledge-flow dashboard, leaders and admins), `#/experts` (expert search),
 * `#/experts/<userId>` (one expert's profile; `?opportunity=<id>` when opened from a deal, so
 * contacts are recorded against it and the breadcrumb leads back to it),
 * `#/admin/<section>` (admin setup: users, tokens, taxonomies, synonyms, index, audit),
 * `#/my-content` (what I author or own), `#/my-content/new`, `#/my-content/<id>/edit` (the editor),
 * `#/my-content/<id>/versions` (history and diff), `#/due` (due for verification and requests),
 * `#/items/<id>` (one item in the viewer, linked from statements and the flow dashboard; closing
 * it goes back), `#/content/<id>` (one item opened by a deep link, in the viewer over the search
 * page; closing it leaves the reader on search). The search page keeps its search in the hash's
 * query (`#/search?q=roi&competitors=Globex&sort=newest`, see c/searchState): a link shares it and
 * the back button returns to the previous search.
 * Hash routing needs no server rewrite rules, so dist/page works from any static server.
 */
export function parseRoute(hash) {
    const text = String(hash || '').replace(/^#\/?/, '');
    const queryAt = text.indexOf('?');
    const parts = (queryAt >= 0 ? text.slice(0, queryAt) : text)
        .split('/')
        .filter(Boolean)
        .map((part) => decodeURIComponent(part));
    if (parts[0] === 'search') {
        return { name: 'search', state: queryAt >= 0 ? text.slice(queryAt + 1) : '' };
    }
    if (parts[0] === 'reviews') {
        return { name: 'reviews' };
    }
    if (parts[0] === 'my-content') {
        if (parts[1] === 'new') {
            // `#/my-content/new/<title>`: a draft started from a content request names what was asked.
            return parts[2] ? { name: 'editor', id: null, title: parts[2] } : { name: 'editor', id: null };
        }
        if (parts[1] && parts[2] === 'edit') {
            return { name: 'editor', id: parts[1] };
        }
        if (parts[1] && parts[2] === 'versions') {
            return { name: 'versions', id: parts[1] };
        }
        return { name: 'mine' };
    }
    if (parts[0] === 'due') {
        return { name: 'due' };
    }
    if (parts[0] === 'flow') {
        return { name: 'flow' };
    }
    if (parts[0] === 'experts') {
        if (!parts[1]) {
            return { name: 'experts' };
        }
        const opportunityId = new URLSearchParams(queryAt >= 0 ? text.slice(queryAt + 1) : '').get('opportunity');
        return opportunityId ? { name: 'expert', userId: parts[1], opportunityId } : { name: 'expert', userId: parts[1] };
    }
    if (parts[0] === 'admin') {
        return { name: 'admin', section: parts[1] || 'users' };
    }
    if (parts[0] === 'credits') {
        return parts[1] ? { name: 'statement', userId: parts[1] } : { name: 'credits' };
    }
    if (parts[0] === 'items' && parts[1]) {
        return { name: 'item', id: parts[1] };
    }
    if (parts[0] === 'content' && parts[1]) {
        return { name: 'content', id: parts[1] };
    }
    if (parts[0] === 'opportunities' && parts[1]) {
        // `#/opportunities/<id>/close-out`: the close-out queue's links open the deal at its win/loss form.
        return parts[2] === 'close-out'
            ? { name: 'opportunity', id: parts[1], section: 'close-out' }
            : { name: 'opportunity', id: parts[1] };
    }
    return { name: 'opportunities' };
}

/**
 * Links start with "./" because LWC rewrites `href="#..."` values as in-template fragment ids
 * (it scopes ids for synthetic shadow); "./#/x" is the same document, so only the hash changes.
 */
export const opportunityHref = (id) => `./#/opportunities/${encodeURIComponent(id)}`;

/** The search page's hash for a search state (a query string, '' for none). */
export const searchHash = (state) => `#/search${state ? `?${state}` : ''}`;

/** The pattern `c-win-loss-queue` fills with a record id (`{id}`), matching `opportunityHref`. */
export const OPPORTUNITY_HREF_PATTERN = './#/opportunities/{id}';

/** The close-out queue's links: a closed deal opened at its win/loss form. */
export const CLOSE_OUT_HREF_PATTERN = './#/opportunities/{id}/close-out';

/** A person's credit statement, opened from the leaderboard. */
export const statementHref = (userId) => `./#/credits/${encodeURIComponent(userId)}`;

/** The pattern expert lists fill with a user id (`{id}`) and the deal they are on (`{opportunityId}`). */
export const EXPERT_FROM_DEAL_HREF_PATTERN = './#/experts/{id}?opportunity={opportunityId}';
/** The pattern the expert finder fills with a user id (`{id}`). */
export const EXPERT_HREF_PATTERN = './#/experts/{id}';

/** The pattern components fill with an item id (`{id}`) to link an item's title. */
export const ITEM_HREF_PATTERN = './#/items/{id}';
/** One knowledge item, opened in the viewer. */
export const contentHref = (id) => `./#/content/${encodeURIComponent(id)}`;

/**
 * The hash a deep link's query asks for, or null. Knowledge_Link__c.Hub_Url__c (written back to
 * Salesforce) is `HUB_PUBLIC_URL/?content=<id>`: a query, because Salesforce URL fields and mail
 * clients keep queries more reliably than fragments. The shell turns it into `#/content/<id>` once
 * at load, so there is one route for an item and closing the viewer does not reopen it.
 */
export function deepLinkHash(search) {
    const id = new URLSearchParams(String(search || '')).get('content');
    return id && id.trim() ? `#/content/${encodeURIComponent(id.trim())}` : null;
}

/** The pattern `c-admin-home` fills with a section name (`{section}`). */
export const ADMIN_SECTION_HREF_PATTERN = './#/admin/{section}';
/** The editor for one item, and for a new one (`newContentHref`). */
export const editContentHref = (id) => `./#/my-content/${encodeURIComponent(id)}/edit`;
export const NEW_CONTENT_HREF = './#/my-content/new';
/** The pattern components fill with an item id (`{id}`) to open it in the editor. */
export const EDIT_HREF_PATTERN = './#/my-content/{id}/edit';
/** The pattern components fill with an item id (`{id}`) to open its history. */
export const VERSIONS_HREF_PATTERN = './#/my-content/{id}/versions';
