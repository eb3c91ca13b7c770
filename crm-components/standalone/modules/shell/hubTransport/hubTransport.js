/**
 * The standalone page's stand-in for `@salesforce/apex/KnowledgeHubProxy.call` (the build
 * aliases that import here). Same contract as the Apex method: resolve to the response text,
 * reject with `{ body: { message } }`, so `c/hubApi` and `reduceErrors` work unchanged.
 */
import { endSession, getToken } from 'shell/session';

export default async function callHub({ method, path, body, idempotencyKey }) {
    const headers = { Accept: 'application/json' };
    const token = getToken();
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    if (body !== null && body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    if (idempotencyKey) {
        headers['Idempotency-Key'] = idempotencyKey;
    }
    let response;
    try {
        response = await fetch(path, { method, headers, body: body ?? undefined });
    } catch (cause) {
        throw hubError(0, { message: 'The Knowledge Hub could not be reached. Check your connection and try again.' }, cause);
    }
    const text = await response.text();
    if (response.ok) {
        return text;
    }
    // A token the hub no longer accepts (expired, server reset) sends the user back to sign-in.
    if (response.status === 401 && token) {
        endSession('The hub did not accept that token: it may be mistyped, revoked or expired. Sign in again or paste a valid API token.');
    }
    throw hubError(response.status, errorBody(text, response));
}

function errorBody(text, response) {
    try {
        const parsed = JSON.parse(text);
        if (parsed && parsed.error && parsed.error.message) {
            return parsed.error;
        }
    } catch {
        // Not the hub's JSON (a proxy page, say): fall through to the status line.
    }
    return { message: `The Knowledge Hub answered ${response.status} ${response.statusText}`.trim() };
}

function hubError(status, body, cause) {
    const error = new Error(body.message, cause ? { cause } : undefined);
    error.status = status;
    error.body = body;
    return error;
}
