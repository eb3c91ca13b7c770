import callHub from '@salesforce/apex/KnowledgeHubProxy.call';
import { downloadCreditsCsv, getCreditLeaderboard, getCreditStatement } from 'c/hubApi';

jest.mock('@salesforce/apex/KnowledgeHubProxy.call', () => ({ default: jest.fn() }), { virtual: true });

const sent = () => callHub.mock.calls[0][0];

describe('c/hubApi credits', () => {
    afterEach(() => {
        jest.clearAllMocks();
    });

    it.each([
        [
            () => getCreditStatement('u/ana', { from: '2026-10-01', to: '2026-12-31' }),
            '/api/credits/statements/u%2Fana?from=2026-10-01&to=2026-12-31'
        ],
        [() => getCreditStatement('u-ana'), '/api/credits/statements/u-ana'],
        [
            () => getCreditLeaderboard({ from: '2026-10-01', to: '2026-12-31', team: 'DACH Enterprise' }),
            '/api/credits/leaderboard?from=2026-10-01&to=2026-12-31&team=DACH+Enterprise'
        ],
        [
            () => getCreditLeaderboard({ from: '2026-10-01', to: '2026-12-31', team: undefined }),
            '/api/credits/leaderboard?from=2026-10-01&to=2026-12-31'
        ]
    ])('when calling %p, then it GETs %s and parses the JSON', async (fn, path) => {
        callHub.mockResolvedValue('{"rows":[]}');
        await expect(fn()).resolves.toEqual({ rows: [] });
        expect(sent()).toEqual({ method: 'GET', path, body: null, idempotencyKey: null });
    });

    it('when downloading the CSV, then it GETs the export and returns the text unparsed', async () => {
        const csv = 'userId,name\nu-ana,Ana Souza\n';
        callHub.mockResolvedValue(csv);
        await expect(downloadCreditsCsv({ from: '2026-10-01', to: '2026-12-31', team: 'DACH Enterprise' })).resolves.toBe(csv);
        expect(sent()).toEqual({
            method: 'GET',
            path: '/api/credits/export.csv?from=2026-10-01&to=2026-12-31&team=DACH+Enterprise',
            body: null,
            idempotencyKey: null
        });
    });

    it('when the hub refuses the export, then the rejection reaches the caller', async () => {
        callHub.mockRejectedValue({ body: { message: 'Only leaders and admins export credits' } });
        await expect(downloadCreditsCsv({})).rejects.toEqual({ body: { message: 'Only leaders and admins export credits' } });
    });
});
