/**
 * The one door to the Knowledge Hub API: every component calls these functions, never the
 * transport. Inside Salesforce the transport is the Apex proxy (the org's Named Credential holds
 * the hub's address and secret, so no hub token ever reaches the browser); the standalone page
 * aliases the same import to a fetch transport. Both resolve to the response's JSON text and
 * reject with an error whose `body.message` is the hub's message, so `reduceErrors` reads both.
 */
import callHub from '@salesforce/apex/KnowledgeHubProxy.call';

async function request(method, path, body, idempotencyKey) {
    const text = await callHub({
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
        values
            .filter((v) => v !== undefined && v !== null && v !== '')
            .forEach((v) => query.append(key, String(v)));
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
export const listOpportunities = (query = {}) =>
    request('GET', `/api/opportunities${toQueryString(query)}`);
export const getOpportunity = (id) => request('GET', `/api/opportunities/${segment(id)}`);
export const getOpportunityKnowledge = (id, limit = 6) =>
    request('GET', `/api/opportunities/${segment(id)}/knowledge${toQueryString({ limit })}`);
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

/** The CRM-filled starting point of an analysis; `existing` names one already written. */
export const getWinLossDraft = (opportunityId) =>
    request('GET', `/api/opportunities/${segment(opportunityId)}/win-loss/draft`);
export const getWinLoss = (id) => request('GET', `/api/win-loss/${segment(id)}`);
export const listCloseOutQueue = () => request('GET', '/api/win-loss/queue');

/** Creating is retried safely: the hub keeps one analysis per idempotency key. */
export function createWinLoss(input, idempotencyKey = newIdempotencyKey()) {
    return request('POST', '/api/win-loss', input, idempotencyKey);
}

/** `version` is the one the user edited; the hub answers 409 when someone saved in between. */
export const updateWinLoss = (id, version, changes) =>
    request('PATCH', `/api/win-loss/${segment(id)}`, { ...changes, version });

/** The under-a-minute close-out: `{ opportunityId, outcome, reasonCodes, sentence }`. */
export function quickCloseOut(closeOut, idempotencyKey = newIdempotencyKey()) {
    return request('POST', '/api/win-loss/quick', closeOut, idempotencyKey);
}

export const submitForReview = (id, version) =>
    request('POST', `/api/content/${segment(id)}/submit`, { version });
export const approveContent = (id, version) =>
    request('POST', `/api/content/${segment(id)}/approve`, { version });
export const rejectContent = (id, version, comment) =>
    request('POST', `/api/content/${segment(id)}/reject`, { version, comment });
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
    const text = await callHub({
        method: 'GET',
        path: `/api/credits/export.csv${toQueryString({ from, to, team })}`,
        body: null,
        idempotencyKey: null
    });
    return text || '';
}
