import callHub from '@salesforce/apex/KnowledgeHubProxy.call';
import {
    acceptFacetProposal,
    createUser,
    getIndexStatus,
    getSynonyms,
    issueToken,
    listAudit,
    listFacetProposals,
    listTokens,
    proposeFacetValue,
    rejectFacetProposal,
    replaceSynonyms,
    replaceTaxonomy,
    revokeToken,
    startReindex,
    updateUser
} from 'c/hubApi';

jest.mock('@salesforce/apex/KnowledgeHubProxy.call', () => ({ default: jest.fn() }), { virtual: true });

const sent = (index = 0) => {
    const { method, path, body, idempotencyKey } = callHub.mock.calls[index][0];
    return { method, path, body: body === null ? null : JSON.parse(body), idempotencyKey };
};

describe('c/hubApi admin setup', () => {
    beforeEach(() => {
        callHub.mockResolvedValue('{}');
    });
    afterEach(() => {
        jest.clearAllMocks();
    });

    it.each([
        [
            () => createUser({ name: 'Nina', email: 'n@example.com', role: 'rep', team: 'APAC' }),
            'POST',
            '/api/users',
            { name: 'Nina', email: 'n@example.com', role: 'rep', team: 'APAC' }
        ],
        [() => updateUser('u/1', { active: false }), 'PATCH', '/api/users/u%2F1', { active: false }],
        [() => listTokens('u-1'), 'GET', '/api/users/u-1/tokens', null],
        [() => issueToken('u-1', { label: 'CI', expiresInDays: 30 }), 'POST', '/api/users/u-1/tokens', { label: 'CI', expiresInDays: 30 }],
        [() => issueToken('u-1', { label: '' }), 'POST', '/api/users/u-1/tokens', {}],
        [() => revokeToken('u-1', 'tok/2'), 'DELETE', '/api/users/u-1/tokens/tok%2F2', null],
        [
            () => replaceTaxonomy('competitors', [{ value: 'Globex' }]),
            'PUT',
            '/api/taxonomies/competitors',
            { terms: [{ value: 'Globex' }] }
        ],
        [
            () => proposeFacetValue('competitors', 'Samsara', 'ci-1'),
            'POST',
            '/api/taxonomies/proposals',
            { kind: 'competitors', value: 'Samsara', contentId: 'ci-1' }
        ],
        [() => listFacetProposals('pending'), 'GET', '/api/taxonomies/proposals?status=pending', null],
        [() => acceptFacetProposal(12), 'POST', '/api/taxonomies/proposals/12/accept', {}],
        [() => acceptFacetProposal(12, 'Telematics'), 'POST', '/api/taxonomies/proposals/12/accept', { family: 'Telematics' }],
        [
            () => rejectFacetProposal(12, 'We list it as Verizon Connect'),
            'POST',
            '/api/taxonomies/proposals/12/reject',
            { reason: 'We list it as Verizon Connect' }
        ],
        [() => getSynonyms(), 'GET', '/api/admin/search/synonyms', null],
        [() => replaceSynonyms([['k8s', 'kubernetes']]), 'PUT', '/api/admin/search/synonyms', { groups: [['k8s', 'kubernetes']] }],
        [() => getIndexStatus(), 'GET', '/api/admin/search/index', null],
        [() => startReindex(), 'POST', '/api/admin/search/reindex-jobs', {}],
        [
            () => listAudit({ action: 'user.create', actorId: undefined, before: 40, limit: 50 }),
            'GET',
            '/api/audit?action=user.create&before=40&limit=50',
            null
        ]
    ])('when calling %p, then it sends %s %s', async (fn, method, path, body) => {
        await fn();
        expect(sent()).toEqual({ method, path, body, idempotencyKey: null });
    });
});
