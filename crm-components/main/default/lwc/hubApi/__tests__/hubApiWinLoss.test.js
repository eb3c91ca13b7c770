import callHub from '@salesforce/apex/KnowledgeHubProxy.call';
import {
    approveContent,
    createWinLoss,
    getTaxonomies,
    getWinLoss,
    getWinLossDraft,
    listCloseOutQueue,
    listReviewQueue,
    listUsers,
    quickCloseOut,
    rejectContent,
    requestChanges,
    submitForReview,
    updateWinLoss
} from 'c/hubApi';

jest.mock('@salesforce/apex/KnowledgeHubProxy.call', () => ({ default: jest.fn() }), { virtual: true });

const call = () => {
    const { method, path, body, idempotencyKey } = callHub.mock.calls[0][0];
    return { method, path, body: body === null ? null : JSON.parse(body), idempotencyKey };
};

describe('c/hubApi win/loss and reviews', () => {
    beforeEach(() => {
        callHub.mockResolvedValue('{}');
    });
    afterEach(() => {
        jest.clearAllMocks();
    });

    it.each([
        [() => getWinLossDraft('opp/14'), 'GET', '/api/opportunities/opp%2F14/win-loss/draft', null],
        [() => getWinLoss('wl-1'), 'GET', '/api/win-loss/wl-1', null],
        [() => listCloseOutQueue(), 'GET', '/api/win-loss/queue', null],
        [() => listReviewQueue(), 'GET', '/api/reviews/queue', null],
        [() => getTaxonomies(), 'GET', '/api/taxonomies', null],
        [() => listUsers(), 'GET', '/api/users', null],
        [() => updateWinLoss('wl-1', 3, { title: 'T' }), 'PATCH', '/api/win-loss/wl-1', { title: 'T', version: 3 }],
        [() => submitForReview('wl-1', 3), 'POST', '/api/content/wl-1/submit', { version: 3 }],
        [() => approveContent('wl-1', 4), 'POST', '/api/content/wl-1/approve', { version: 4 }],
        [
            () => requestChanges('wl-1', 'Add the timeline', 4),
            'POST',
            '/api/content/wl-1/request-changes',
            { version: 4, comment: 'Add the timeline' }
        ],
        [() => requestChanges('wl-1', 'Add the timeline'), 'POST', '/api/content/wl-1/request-changes', { comment: 'Add the timeline' }],
        [
            () => rejectContent('wl-1', 4, 'Name the blocker'),
            'POST',
            '/api/content/wl-1/reject',
            { version: 4, comment: 'Name the blocker' }
        ]
    ])('when calling %p, then it sends %s %s with the body', async (fn, method, path, body) => {
        await fn();
        expect(call()).toMatchObject({ method, path, body });
    });

    it('when creating an analysis or a close-out, then the POST carries an idempotency key', async () => {
        await createWinLoss({ opportunityId: 'opp-014' });
        await quickCloseOut({ opportunityId: 'opp-014', outcome: 'lost', reasonCodes: ['Price'], sentence: 'Too expensive.' });
        const [create, quick] = callHub.mock.calls.map((c) => c[0]);
        expect([create.method, create.path]).toEqual(['POST', '/api/win-loss']);
        expect([quick.method, quick.path]).toEqual(['POST', '/api/win-loss/quick']);
        expect(create.idempotencyKey).toBeTruthy();
        expect(quick.idempotencyKey).not.toBe(create.idempotencyKey);
    });
});
