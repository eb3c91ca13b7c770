import callHub from '@salesforce/apex/KnowledgeHubProxy.call';
import {
    getContent,
    getMe,
    getOpportunity,
    getOpportunityKnowledge,
    listDemoUsers,
    listOpportunities,
    newIdempotencyKey,
    recordEvent,
    search,
    toQueryString
} from 'c/hubApi';

jest.mock('@salesforce/apex/KnowledgeHubProxy.call', () => ({ default: jest.fn() }), { virtual: true });

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('c/hubApi', () => {
    beforeEach(() => {
        callHub.mockResolvedValue('{"ok":true}');
    });
    afterEach(() => {
        jest.clearAllMocks();
    });

    it('when reading, then it sends GET with no body and parses the JSON text', async () => {
        await expect(getMe()).resolves.toEqual({ ok: true });
        expect(callHub).toHaveBeenCalledWith({ method: 'GET', path: '/api/me', body: null, idempotencyKey: null });
    });

    it.each([
        [() => listDemoUsers(), '/api/demo/users'],
        [() => listOpportunities({ stage: 'Proposal', q: 'north wind' }), '/api/opportunities?stage=Proposal&q=north+wind'],
        [() => listOpportunities(), '/api/opportunities'],
        [() => getOpportunity('opp/1'), '/api/opportunities/opp%2F1'],
        [() => getOpportunityKnowledge('opp-001', 6), '/api/opportunities/opp-001/knowledge?limit=6'],
        [() => getContent('c-101'), '/api/content/c-101']
    ])('when calling %p, then the path is %s', async (call, path) => {
        await call();
        expect(callHub.mock.calls[0][0].path).toBe(path);
    });

    it('when searching with several facet values, then each value is its own parameter', async () => {
        await search({ q: 'geotab', competitors: ['Geotab', 'Samsara'], products: [], kind: undefined, page: 2, limit: 10 });
        expect(callHub.mock.calls[0][0].path).toBe('/api/search?q=geotab&competitors=Geotab&competitors=Samsara&page=2&limit=10');
    });

    it('when recording an event, then it POSTs the JSON body with a fresh UUID idempotency key', async () => {
        await recordEvent({ type: 'attach', contentId: 'c-101', opportunityId: 'opp-001' });
        await recordEvent({ type: 'attach', contentId: 'c-101', opportunityId: 'opp-001' });
        const [first, second] = callHub.mock.calls.map((c) => c[0]);
        expect(first.method).toBe('POST');
        expect(first.path).toBe('/api/events');
        expect(JSON.parse(first.body)).toEqual({ type: 'attach', contentId: 'c-101', opportunityId: 'opp-001' });
        expect(first.idempotencyKey).toMatch(UUID_V4);
        expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    });

    it('when a retried action passes its key, then the same key is sent', async () => {
        await recordEvent({ type: 'helpful', contentId: 'c-1' }, 'key-of-the-click');
        expect(callHub.mock.calls[0][0].idempotencyKey).toBe('key-of-the-click');
    });

    it('when crypto.randomUUID is missing, then a v4 UUID is built from random bytes', () => {
        const original = window.crypto.randomUUID;
        window.crypto.randomUUID = undefined;
        try {
            expect(newIdempotencyKey()).toMatch(UUID_V4);
        } finally {
            window.crypto.randomUUID = original;
        }
    });

    it('when the transport rejects, then the error reaches the caller unchanged', async () => {
        const error = { body: { message: 'Forbidden' } };
        callHub.mockRejectedValue(error);
        await expect(getContent('c-9')).rejects.toBe(error);
    });

    it('when the answer is empty, then null is returned', async () => {
        callHub.mockResolvedValue('');
        await expect(getMe()).resolves.toBeNull();
    });

    it('when no parameters have values, then the query string is empty', () => {
        expect(toQueryString({ q: '', a: [], b: null })).toBe('');
    });
});
