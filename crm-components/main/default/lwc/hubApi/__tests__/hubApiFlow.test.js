import callHub from '@salesforce/apex/KnowledgeHubProxy.call';
import {
    archiveContent,
    completeContentRequest,
    createContentRequest,
    findExperts,
    getDeadContent,
    getFlowMetrics,
    getPipelineGaps,
    getSearchGaps,
    listContentRequests,
    verifyContent,
    widenContentVisibility
} from 'c/hubApi';

jest.mock('@salesforce/apex/KnowledgeHubProxy.call', () => ({ default: jest.fn() }), { virtual: true });

const sent = (index = 0) => {
    const { method, path, body, idempotencyKey } = callHub.mock.calls[index][0];
    return { method, path, body: body === null ? null : JSON.parse(body), idempotencyKey };
};

describe('c/hubApi knowledge flow', () => {
    beforeEach(() => {
        callHub.mockResolvedValue('{}');
    });
    afterEach(() => {
        jest.clearAllMocks();
    });

    it.each([
        [
            () => getFlowMetrics({ from: '2026-10-01', to: '2026-12-31', team: 'NA Enterprise' }),
            'GET',
            '/api/flow/metrics?from=2026-10-01&to=2026-12-31&team=NA+Enterprise',
            null
        ],
        [() => getFlowMetrics({ from: '2026-10-01', to: '2026-12-31' }), 'GET', '/api/flow/metrics?from=2026-10-01&to=2026-12-31', null],
        [() => getDeadContent({ days: 90, team: 'NA Enterprise' }), 'GET', '/api/flow/dead-content?days=90&team=NA+Enterprise', null],
        [() => getDeadContent({ days: 30, mine: true }), 'GET', '/api/flow/dead-content?days=30&mine=1', null],
        [
            () => getSearchGaps({ from: '2026-10-01', to: '2026-12-31' }),
            'GET',
            '/api/flow/gaps/searches?from=2026-10-01&to=2026-12-31',
            null
        ],
        [() => getPipelineGaps({ team: 'APAC Growth' }), 'GET', '/api/flow/gaps/pipeline?team=APAC+Growth', null],
        [() => getPipelineGaps(), 'GET', '/api/flow/gaps/pipeline', null],
        [() => listContentRequests(), 'GET', '/api/flow/content-requests', null],
        [() => completeContentRequest('cr/1'), 'POST', '/api/flow/content-requests/cr%2F1/done', {}],
        [() => findExperts({ competitor: 'Snowcrest', q: '' }), 'GET', '/api/experts?competitor=Snowcrest', null],
        [
            () => findExperts({ industry: 'Banking', product: 'Lakehouse Core', q: 'key custody' }),
            'GET',
            '/api/experts?industry=Banking&product=Lakehouse+Core&q=key+custody',
            null
        ],
        [() => verifyContent('ci/1'), 'POST', '/api/content/ci%2F1/verify', {}],
        [() => archiveContent('ci-1'), 'POST', '/api/content/ci-1/archive', {}]
    ])('when calling %p, then it sends %s %s', async (fn, method, path, body) => {
        await fn();
        expect(sent()).toEqual({ method, path, body, idempotencyKey: null });
    });

    it('when creating a content request, then it POSTs the request under an idempotency key', async () => {
        await createContentRequest({ query: 'snowcrest migration', assignee: 'u-grace-kim' });
        const call = sent();
        expect(call).toMatchObject({
            method: 'POST',
            path: '/api/flow/content-requests',
            body: { query: 'snowcrest migration', assignee: 'u-grace-kim' }
        });
        expect(call.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('when widening visibility, then it reads the version and PATCHes visibility to everyone with it', async () => {
        callHub.mockResolvedValueOnce('{"id":"ci-1","version":4}').mockResolvedValueOnce('{"id":"ci-1","version":5}');
        await expect(widenContentVisibility('ci-1')).resolves.toEqual({ id: 'ci-1', version: 5 });
        expect(sent(0)).toEqual({ method: 'GET', path: '/api/content/ci-1', body: null, idempotencyKey: null });
        expect(sent(1)).toEqual({
            method: 'PATCH',
            path: '/api/content/ci-1',
            body: { version: 4, visibility: { scope: 'everyone' } },
            idempotencyKey: null
        });
    });
});
