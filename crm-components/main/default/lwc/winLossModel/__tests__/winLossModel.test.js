import { defaultShares, formFromInput, inputFromForm, issueAt, issuesOf, issuesUnder, percent } from 'c/winLossModel';

const DRAFT = require('../../winLossComposer/__tests__/data/draftClosedLost.json');
const REJECTED = require('../../winLossComposer/__tests__/data/winLossRejected.json');

describe('c/winLossModel', () => {
    it.each([
        [[{ role: 'author' }], [1]],
        [[{ role: 'author' }, { role: 'co_author' }], [0.5, 0.5]],
        [[{ role: 'author' }, { role: 'co_author' }, { role: 'contributor' }], [0.45, 0.45, 0.1]],
        [[], []]
    ])('when the authors are %p and no shares are set, then the default split is %p', (authors, shares) => {
        defaultShares(authors).forEach((share, i) => expect(share).toBeCloseTo(shares[i]));
        expect(defaultShares(authors)).toHaveLength(shares.length);
    });

    it('when an analysis goes through the form unchanged, then the same input comes back', () => {
        const { winLoss, title, summary, authors } = REJECTED;
        const input = { ...winLoss, title, summary, authors: authors.map(({ userId, role, share }) => ({ userId, role, share })) };
        delete input.snapshot;
        expect(inputFromForm(formFromInput(input), 'opp-014')).toEqual(input);
    });

    it('when list fields hold blank lines and padding, then they become trimmed lists', () => {
        const form = { ...formFromInput(DRAFT.draft), lessons: ' One \n\n Two\n' };
        expect(inputFromForm(form, 'opp-014').lessons).toEqual(['One', 'Two']);
    });

    it('when the hub sends issues with string or array paths, then both are dotted paths found by prefix', () => {
        const issues = issuesOf({ body: { details: { issues: [{ path: ['stakeholders', 1, 'stance'], message: 'bad stance' }, { path: 'reasons.0.code', message: 'bad code' }] } } });
        expect(issueAt(issues, 'reasons')).toBe('bad code');
        expect(issueAt(issues, 'stakeholders.1.stance')).toBe('bad stance');
        expect(issueAt(issues, 'title')).toBeUndefined();
        expect(issuesUnder(issues, 'stakeholders')).toEqual([{ path: '1.stance', message: 'bad stance' }]);
        expect(issuesOf(new Error('offline'))).toEqual([]);
    });

    it('when showing a share, then it reads as a percentage with at most one decimal', () => {
        expect(percent(1 / 3)).toBe('33.3%');
        expect(percent(0.45)).toBe('45%');
    });
});
