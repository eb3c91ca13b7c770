import {
    checkForm,
    defaultShares,
    formFromInput,
    inputFromForm,
    issueAt,
    issueLabel,
    issuesOf,
    issuesUnder,
    percent
} from 'c/winLossModel';

const DRAFT = require('../../winLossComposer/__tests__/data/draftClosedLost.json');
const REJECTED = require('../../winLossComposer/__tests__/data/winLossRejected.json');

describe('c/winLossModel', () => {
    it.each([
        [[{ role: 'author' }], [1]],
        [
            [{ role: 'author' }, { role: 'co_author' }],
            [0.5, 0.5]
        ],
        [
            [{ role: 'author' }, { role: 'co_author' }, { role: 'contributor' }],
            [0.45, 0.45, 0.1]
        ],
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
        const issues = issuesOf({
            body: {
                details: {
                    issues: [
                        { path: ['stakeholders', 1, 'stance'], message: 'bad stance' },
                        { path: 'reasons.0.code', message: 'bad code' }
                    ]
                }
            }
        });
        expect(issueAt(issues, 'reasons')).toBe('Bad code.');
        expect(issueAt(issues, 'stakeholders.1.stance')).toBe('Bad stance.');
        expect(issueAt(issues, 'title')).toBeUndefined();
        expect(issuesUnder(issues, 'stakeholders')).toEqual([{ path: '1.stance', message: 'Bad stance.' }]);
        expect(issuesOf(new Error('offline'))).toEqual([]);
    });

    it.each([
        ['title', 'Too small: expected string to have >=1 characters', 'Give the analysis a title.'],
        ['summary', 'Too big: expected string to have <=2000 characters', 'Keep it to 2,000 characters or fewer.'],
        [
            'outcome',
            'Invalid option: expected one of "won"|"lost"|"no_decision"',
            'Choose whether the deal was won, lost or ended without a decision.'
        ],
        ['reasons', 'Too small: expected array to have >=1 items', 'Choose at least one primary reason.'],
        [
            'stakeholders.1.stance',
            'Invalid option: expected one of "champion"|"supporter"|"neutral"|"blocker"',
            'Choose where they stood: champion, supporter, neutral or blocker.'
        ],
        ['stakeholders.0.role', 'name the role (e.g. Economic Buyer)', 'Name the role (e.g. Economic Buyer).'],
        ['authors', 'shares must sum to 1', 'The credit shares must add up to 100%, or be left empty for the default split.'],
        ['situation', 'Invalid input: expected string, received number', 'Check this field.']
    ])('when the hub says %s is wrong ("%s"), then people read "%s" with no validator text or field key', (path, raw, human) => {
        const [issue] = issuesOf({ body: { details: { issues: [{ path, message: raw }] } } });
        expect(issue.message).toBe(human);
        expect(issue.message).not.toMatch(/expected|>=|<=|stakeholders\.|Too (small|big)/);
    });

    it("when issues are labelled for the summary, then they use the form's words, not API paths", () => {
        expect(issueLabel('title')).toBe('Title');
        expect(issueLabel('competitorAnalysis.why')).toBe('Why they won');
        expect(issueLabel('stakeholders.1.stance')).toBe('Stakeholder 2: stance');
        expect(issueLabel('authors.0.share')).toBe('Author 1: share');
    });

    it("when the form is checked before sending, then the hub's rules are applied with the same messages", () => {
        const form = {
            ...formFromInput(DRAFT.draft),
            title: ' ',
            outcome: '',
            summary: 'x'.repeat(2001),
            lessons: 'ok\n' + 'y'.repeat(1001)
        };
        form.stakeholders = [...form.stakeholders, { role: ' ', title: '', influence: 'medium', stance: 'neutral', priorities: '' }];
        expect(checkForm(form)).toEqual([
            { path: 'title', message: 'Give the analysis a title.' },
            { path: 'outcome', message: 'Choose whether the deal was won, lost or ended without a decision.' },
            { path: 'reasons', message: 'Choose at least one primary reason.' },
            { path: 'summary', message: 'Keep it to 2,000 characters or fewer.' },
            { path: 'lessons', message: 'Keep each line to 1,000 characters or fewer.' },
            { path: `stakeholders.${form.stakeholders.length - 1}.role`, message: 'Name the role, e.g. Economic Buyer.' },
            { path: 'authors', message: 'Add at least one author.' }
        ]);
        const ok = {
            ...formFromInput(DRAFT.draft),
            reasons: [{ code: 'Price', text: '' }],
            authors: [{ userId: 'u-maria', role: 'author' }]
        };
        expect(checkForm(ok)).toEqual([]);
    });

    it('when showing a share, then it reads as a percentage with at most one decimal', () => {
        expect(percent(1 / 3)).toBe('33.3%');
        expect(percent(0.45)).toBe('45%');
    });
});
