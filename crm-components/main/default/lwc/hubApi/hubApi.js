/**
 * The one door to the Knowledge Hub API: every component calls these functions, never the
 * transport. Inside Salesforce the transport is the Apex proxy (the org's Named Credential holds
 * the hub's address and secret, so no hub token ever reaches the browser); the standalone page
 * aliases the same import to a fetch transport. Both resolve to the response's JSON text. Their
 * failures differ (the Apex proxy can only pass a message, so it passes the error contract as
 * JSON in it), and `toHubError` turns both into one error: `status`, and `body` with the hub's
 * `code`, `message` and `details` (field issues), so components handle one shape.
 */
import callHub from '@salesforce/apex/KnowledgeHubProxy.call';

/** One error shape for both transports: an Error with `status` and `body: { code, message, details }`. */
export function toHubError(error) {
    // An Apex error reaches a component as { status: 500, body: { message } }: the contract is in the message.
    const contract = contractOf(error && error.body && error.body.message);
    if (!contract) {
        return error;
    }
    const hubError = new Error(contract.message);
    hubError.status = contract.status;
    hubError.body = { code: contract.code, message: contract.message };
    if (contract.details !== undefined) {
        hubError.body.details = contract.details;
    }
    return hubError;
}

/** The Apex proxy's error contract, if `message` is one. */
function contractOf(message) {
    if (typeof message !== 'string' || !message.startsWith('{')) {
        return null;
    }
    try {
        const parsed = JSON.parse(message);
        return parsed && typeof parsed.status === 'number' && typeof parsed.message === 'string' ? parsed : null;
    } catch {
        return null;
    }
}

async function send(args) {
    try {
        return await callHub(args);
    } catch (error) {
        throw toHubError(error);
    }
}

async function request(method, path, body, idempotencyKey) {
    const text = await send({
        method,
        path,
        body: body === undefined ? null : JSON.stringify(body),
        idempotencyKey: idempotencyKey || null
    });
    return text ? JSON.parse(text) : null;
}

/** Arrays become repeated parameters (`products=A&products=B`), as the search API expects. */
export function toQueryString(params = {}) {
    const query = new URLSearchParams();
    Object.entries(params).forEach(([key, value]) => {
        const values = Array.isArray(value) ? value : [value];
        values.filter((v) => v !== undefined && v !== null && v !== '').forEach((v) => query.append(key, String(v)));
    });
    const text = query.toString();
    return text ? `?${text}` : '';
}

const segment = (id) => encodeURIComponent(id);

/** A v4 UUID; Lightning Web Security and older jsdom lack `crypto.randomUUID`, so fall back. */
export function newIdempotencyKey() {
    const cryptoApi = window.crypto;
    if (cryptoApi && typeof cryptoApi.randomUUID === 'function') {
        return cryptoApi.randomUUID();
    }
    const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const getMe = () => request('GET', '/api/me');
export const listDemoUsers = () => request('GET', '/api/demo/users');
export const listOpportunities = (query = {}) => request('GET', `/api/opportunities${toQueryString(query)}`);
/** `{ stages }`: the CRM's stage vocabulary in pipeline order, for the Stage filter. */
export const getOpportunityStages = () => request('GET', '/api/opportunities/stages');
export const getOpportunity = (id) => request('GET', `/api/opportunities/${segment(id)}`);
export const getOpportunityKnowledge = (id, limit = 6) =>
    request('GET', `/api/opportunities/${segment(id)}/knowledge${toQueryString({ limit })}`);
/** Knowledge used on a deal: `{ attachments, helpfulContentIds }`. */
export const getDealAttachments = (opportunityId) => request('GET', `/api/opportunities/${segment(opportunityId)}/attachments`);
/** Attaching twice is one attachment (the hub answers 200 with it), so a retried click is safe. */
export const attachToDeal = (opportunityId, contentId) =>
    request('POST', `/api/opportunities/${segment(opportunityId)}/attachments`, { contentId });
export const detachFromDeal = (opportunityId, contentId) =>
    request('DELETE', `/api/opportunities/${segment(opportunityId)}/attachments/${segment(contentId)}`);
/** Links shared with buyers on a deal, with their opens: `{ links }`. */
export const getDealShareLinks = (opportunityId) => request('GET', `/api/opportunities/${segment(opportunityId)}/share-links`);
/** A new buyer link (`{ id, url, expiresAt }`); the URL is shown once, so show it to the rep now. */
export const createShareLink = (contentId, opportunityId) =>
    request('POST', `/api/content/${segment(contentId)}/share-links`, { opportunityId });
export const revokeShareLink = (contentId, linkId) =>
    request('DELETE', `/api/content/${segment(contentId)}/share-links/${segment(linkId)}`);
export const search = (params = {}) => request('GET', `/api/search${toQueryString(params)}`);
export const getContent = (id) => request('GET', `/api/content/${segment(id)}`);

/**
 * Records a usage event. Pass the key of the user action being retried, if any: the hub
 * stores one event per key, so a retried click never earns its authors credit twice.
 */
export function recordEvent(event, idempotencyKey = newIdempotencyKey()) {
    return request('POST', '/api/events', event, idempotencyKey);
}

export const getTaxonomies = () => request('GET', '/api/taxonomies');
export const listUsers = () => request('GET', '/api/users');

/* Admin setup (the hub refuses every one of these to non-admins). */
export const createUser = (user) => request('POST', '/api/users', user);
/** `changes`: any of name, role, team, leadsTeams, salesforceUserId (null clears it), active. */
export const updateUser = (id, changes) => request('PATCH', `/api/users/${segment(id)}`, changes);
export const listTokens = (userId) => request('GET', `/api/users/${segment(userId)}/tokens`);
/** The answer's `token` is shown once: the hub keeps only its hash. */
export const issueToken = (userId, { label, expiresInDays } = {}) =>
    request('POST', `/api/users/${segment(userId)}/tokens`, { label: label || undefined, expiresInDays: expiresInDays || undefined });
export const revokeToken = (userId, tokenId) => request('DELETE', `/api/users/${segment(userId)}/tokens/${segment(tokenId)}`);
/** Replaces one vocabulary: `terms` is `[{ value, family? }]`. */
export const replaceTaxonomy = (kind, terms) => request('PUT', `/api/taxonomies/${segment(kind)}`, { terms });
/** A facet value the taxonomy lacks, proposed to the admins (on the item `contentId`, when saved). */
export const proposeFacetValue = (kind, value, contentId) => request('POST', '/api/taxonomies/proposals', { kind, value, contentId });
/** Admins: proposals by `status` (pending by default; `all` for every one). */
export const listFacetProposals = (status) => request('GET', `/api/taxonomies/proposals${toQueryString({ status })}`);
/** `family` names a proposed product's family; optional. */
export const acceptFacetProposal = (id, family) =>
    request('POST', `/api/taxonomies/proposals/${segment(id)}/accept`, family ? { family } : {});
export const rejectFacetProposal = (id, reason) => request('POST', `/api/taxonomies/proposals/${segment(id)}/reject`, { reason });
export const getSynonyms = () => request('GET', '/api/admin/search/synonyms');
/** `groups`: lists of words that mean the same; applied to the index at once. */
export const replaceSynonyms = (groups) => request('PUT', '/api/admin/search/synonyms', { groups });
export const getIndexStatus = () => request('GET', '/api/admin/search/index');
/** Starts a background reindex (or answers the running one); its progress shows in the index status. */
export const startReindex = () => request('POST', '/api/admin/search/reindex-jobs', {});
/** Filters: `{ action, actorId, targetType, targetId, before, limit }`. */
export const listAudit = (filters = {}) => request('GET', `/api/audit${toQueryString(filters)}`);

/** The CRM-filled starting point of an analysis; `existing` names one already written. */
export const getWinLossDraft = (opportunityId) => request('GET', `/api/opportunities/${segment(opportunityId)}/win-loss/draft`);
export const getWinLoss = (id) => request('GET', `/api/win-loss/${segment(id)}`);
export const listCloseOutQueue = () => request('GET', '/api/win-loss/queue');

/** Creating is retried safely: the hub keeps one analysis per idempotency key. */
export function createWinLoss(input, idempotencyKey = newIdempotencyKey()) {
    return request('POST', '/api/win-loss', input, idempotencyKey);
}

/** `version` is the one the user edited; the hub answers 409 when someone saved in between. */
export const updateWinLoss = (id, version, changes) => request('PATCH', `/api/win-loss/${segment(id)}`, { ...changes, version });

/** The under-a-minute close-out: `{ opportunityId, outcome, reasonCodes, sentence }`. */
export function quickCloseOut(closeOut, idempotencyKey = newIdempotencyKey()) {
    return request('POST', '/api/win-loss/quick', closeOut, idempotencyKey);
}

export const submitForReview = (id, version) => request('POST', `/api/content/${segment(id)}/submit`, { version });
export const approveContent = (id, version) => request('POST', `/api/content/${segment(id)}/approve`, { version });
/** Reject closes the submission (the item is archived with the comment; it will not be published as is). */
export const rejectContent = (id, version, comment) => request('POST', `/api/content/${segment(id)}/reject`, { version, comment });
/** Back to the authors' draft with the comment; they fix it and submit again. `version` as read, if known. */
export const requestChanges = (id, comment, version) =>
    request('POST', `/api/content/${segment(id)}/request-changes`, { version, comment });
export const listReviewQueue = () => request('GET', '/api/reviews/queue');

/** `{ from, to }` are inclusive UTC dates (YYYY-MM-DD); the hub defaults to this month. */
export const getCreditStatement = (userId, period = {}) =>
    request('GET', `/api/credits/statements/${segment(userId)}${toQueryString({ from: period.from, to: period.to })}`);

/** `team` is optional: without it the hub answers every team the signed-in user may see. */
export const getCreditLeaderboard = ({ from, to, team } = {}) =>
    request('GET', `/api/credits/leaderboard${toQueryString({ from, to, team })}`);

/**
 * The commission-plan export as CSV text (not JSON, so it skips `request`'s parsing). Both
 * transports resolve to the body text, so the component turns it into a download itself.
 */
export async function downloadCreditsCsv({ from, to, team } = {}) {
    const text = await send({
        method: 'GET',
        path: `/api/credits/export.csv${toQueryString({ from, to, team })}`,
        body: null,
        idempotencyKey: null
    });
    return text || '';
}

/* Knowledge flow (leaders and admins; owners may ask for their own items with `mine`). */

/** `{ from, to }` are inclusive UTC dates; `team` narrows to one team (all visible teams without it). */
export const getFlowMetrics = ({ from, to, team } = {}) => request('GET', `/api/flow/metrics${toQueryString({ from, to, team })}`);

/** Items nobody else used in `days` days, never found, too restricted or overdue, grouped by owner. */
export const getDeadContent = ({ days, team, mine, limit } = {}) =>
    request('GET', `/api/flow/dead-content${toQueryString({ days, team, mine: mine ? '1' : undefined, limit })}`);

/** Searches with no results or no click in the period, grouped by normalised query. */
export const getSearchGaps = ({ from, to } = {}) => request('GET', `/api/flow/gaps/searches${toQueryString({ from, to })}`);

/** Competitors, industries and products of open deals without fresh knowledge. */
export const getPipelineGaps = ({ team } = {}) => request('GET', `/api/flow/gaps/pipeline${toQueryString({ team })}`);

export const listContentRequests = () => request('GET', '/api/flow/content-requests');

/** `{ query, assignee, note? }`; retried safely under the same idempotency key. */
export function createContentRequest(contentRequest, idempotencyKey = newIdempotencyKey()) {
    return request('POST', '/api/flow/content-requests', contentRequest, idempotencyKey);
}

/** "Request this content" from a search that found nothing: `{ query, filters? }` → `{ request, created, alreadyAsked, askers }`. */
export const askForContent = ({ query, filters }) =>
    request('POST', '/api/flow/content-requests/ask', filters ? { query, filters } : { query });

export const completeContentRequest = (id) => request('POST', `/api/flow/content-requests/${segment(id)}/done`, {});

/** Who knows what: `{ competitor, industry, product, q }`, at least one of them. */
export const findExperts = ({ competitor, industry, product, q, limit } = {}) =>
    request('GET', `/api/experts${toQueryString({ competitor, industry, product, q, limit })}`);
/** One expert's profile: topics with evidence, reuse, won deals the viewer may see, and how to contact them. */
export const getExpertProfile = (userId) => request('GET', `/api/experts/${segment(userId)}`);
/** Records that the user contacted an expert (`email`, `chat` or `chatter`), from a deal when `opportunityId` is set. */
export const recordExpertContact = (userId, { channel, opportunityId }) =>
    request('POST', `/api/experts/${segment(userId)}/contacts`, opportunityId ? { channel, opportunityId } : { channel });

/* Owner actions on dead content. */
export const verifyContent = (id) => request('POST', `/api/content/${segment(id)}/verify`, {});
export const archiveContent = (id) => request('POST', `/api/content/${segment(id)}/archive`, {});
/** Undoes an archive; with the version the archive answered, a change made since answers 409. */
export const restoreContent = (id, version) => request('POST', `/api/content/${segment(id)}/restore`, version ? { version } : {});

/**
 * Opens an item to everyone. The PATCH must name the version it is based on, so the item is read
 * first; a save in between still answers 409 rather than overwriting someone's edit.
 */
export async function widenContentVisibility(id) {
    const item = await getContent(id);
    return request('PATCH', `/api/content/${segment(id)}`, { version: item.version, visibility: { scope: 'everyone' } });
}

/** Asks an item's owner and authors to look at it, for the given dead-content reasons (a notification). */
export const nudgeContentOwner = (id, reasons, note) =>
    request('POST', `/api/content/${segment(id)}/nudge`, note ? { reasons, note } : { reasons });

/* The in-hub inbox. */
export const getNotifications = () => request('GET', '/api/me/notifications');
/** Marks the given notifications read, or all of them without ids. */
export const markNotificationsRead = (ids) => request('POST', '/api/me/notifications/read', ids ? { ids } : {});

/* Authoring: the editor, "My content", versions, derive, and the author's due list. */

/** Markdown as readers will get it: the hub's own renderer and sanitizer (`{ html }`). */
export const previewMarkdown = (body) => request('POST', '/api/content/preview', { body });

/** `input` is a whole item (`CreateContent`); a draft unless `status: 'published'` is given. */
export const createContent = (input) => request('POST', '/api/content', input);

/** `version` is the one the user edited; the hub answers 409 when someone saved in between. */
export const updateContent = (id, version, changes) => request('PATCH', `/api/content/${segment(id)}`, { ...changes, version });
export const publishContent = (id, version) => request('POST', `/api/content/${segment(id)}/publish`, { version });
export const listMyContent = () => request('GET', '/api/me/content');
export const getContentVersions = (id) => request('GET', `/api/content/${segment(id)}/versions`);

/** A new draft from an item; its authors are credited as contributors. */
export const deriveContent = (id, title) => request('POST', `/api/content/${segment(id)}/derive`, title ? { title } : {});
export const getDueContent = () => request('GET', '/api/me/due-content');
