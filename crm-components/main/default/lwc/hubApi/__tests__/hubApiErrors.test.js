import callHub from '@salesforce/apex/KnowledgeHubProxy.call';
import fetchTransport from 'shell/hubTransport';
import { getMe, toHubError, updateWinLoss } from 'c/hubApi';
import { reduceErrors } from 'c/errorMessages';
import { issuesOf } from 'c/winLossModel';

jest.mock('@salesforce/apex/KnowledgeHubProxy.call', () => ({ default: jest.fn() }), { virtual: true });

// One set of hub answers drives both transports: what the Apex proxy throws for them and what the
// standalone page's fetch transport throws must come out of c/hubApi as the same error.
const CASES = require('./data/errorContract.json');

/** What KnowledgeHubProxy.cls throws for a hub error: the contract as JSON in an AuraHandledException's message (see its test class). */
function apexRejection({ status, body }) {
    const contract = { status, code: body.error.code, message: body.error.message };
    if (body.error.details !== undefined) {
        contract.details = body.error.details;
    }
    // How an AuraHandledException reaches a component.
    return { status: 500, body: { message: JSON.stringify(contract), exceptionType: 'System.AuraHandledException' } };
}

function viaApex(hub) {
    callHub.mockRejectedValue(apexRejection(hub));
}

function viaFetch(hub) {
    window.fetch = jest
        .fn()
        .mockResolvedValue({ ok: false, status: hub.status, statusText: '', text: () => Promise.resolve(JSON.stringify(hub.body)) });
    callHub.mockImplementation((args) => fetchTransport(args));
}

// The transports must hand over the hub's field issues as they are (`issues`); the form then words
// them for people (c/winLossModel), which needs the same fields (`fields`).
const shape = (error) => ({
    status: error.status,
    code: error.body.code,
    message: error.body.message,
    messages: reduceErrors(error),
    issues: (error.body.details && error.body.details.issues) || [],
    fields: issuesOf(error).map((issue) => issue.path)
});

describe('c/hubApi error contract', () => {
    afterEach(() => {
        jest.clearAllMocks();
        delete window.fetch;
    });

    describe.each(CASES)('when the hub answers $name', ({ hub, expected }) => {
        it.each([
            ['the Apex proxy', viaApex],
            ['the standalone fetch transport', viaFetch]
        ])('through %s, then the component gets status, code, message and field issues', async (_name, transport) => {
            transport(hub);
            const error = await getMe().catch((e) => e);
            const issues = (hub.body.error.details && hub.body.error.details.issues) || [];
            expect(shape(error)).toEqual({ ...expected, issues, fields: issues.map((issue) => issue.path) });
        });
    });

    it('when a save conflicts through either transport, then the error says 409 so the form offers a reload', async () => {
        const conflict = CASES.find((c) => c.expected.status === 409).hub;
        for (const transport of [viaApex, viaFetch]) {
            transport(conflict);
            const error = await updateWinLoss('c-1', 3, { summary: 'x' }).catch((e) => e);
            expect(error.status).toBe(409);
        }
    });

    it('when an error is not the contract (a plain Aura error, a network failure), then it passes through unchanged', () => {
        const aura = { body: { message: 'Insufficient privileges' } };
        expect(toHubError(aura)).toBe(aura);
        const plain = new Error('offline');
        expect(toHubError(plain)).toBe(plain);
        expect(reduceErrors(toHubError(aura))).toEqual(['Insufficient privileges']);
    });
});
