import {
    diffSnapshots,
    emptyForm,
    formFromItem,
    inputFromForm,
    lineDiff,
    newFacetValues,
    proposeNewFacetValues,
    resolveShares,
    typedShareTotal
} from 'c/contentModel';

const ITEM = require('../../contentEditor/__tests__/data/battlecard.json');

describe('c/contentModel', () => {
    it('when facet values are not in their taxonomy (in any spelling), then they are the ones to propose', () => {
        const form = { ...emptyForm(), competitors: ['geotab', 'Samsara'], industries: ['Cold chain'] };
        expect(newFacetValues(form, { competitors: [{ value: 'Geotab' }] })).toEqual([
            { kind: 'industries', value: 'Cold chain' },
            { kind: 'competitors', value: 'Samsara' }
        ]);
    });

    it('when proposing, then each new value is sent once; a refused one is tried again on the next save', async () => {
        const form = { ...emptyForm(), competitors: ['Samsara', 'Motive'] };
        const keys = new Set();
        const propose = jest.fn((kind, value) => (value === 'Motive' ? Promise.reject(new Error('down')) : Promise.resolve({})));
        expect(await proposeNewFacetValues(form, {}, keys, propose)).toEqual(['Samsara']);
        propose.mockClear();
        propose.mockResolvedValue({});
        expect(await proposeNewFacetValues(form, {}, keys, propose)).toEqual(['Motive']);
        expect(propose).toHaveBeenCalledTimes(1);
    });

    it('when no share is typed, then the default split is sent and sums to exactly 1', () => {
        const shares = resolveShares([
            { userId: 'a', role: 'author' },
            { userId: 'b', role: 'co_author' },
            { userId: 'c', role: 'co_author' }
        ]);
        expect(shares.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 9);
        expect(typedShareTotal([{ userId: 'a', role: 'author' }])).toBeNull();
    });

    it('when shares are typed, then they are sent as typed (empty as 0) and the total is shown', () => {
        const authors = [
            { userId: 'a', role: 'author', share: 0.7 },
            { userId: 'b', role: 'co_author' },
            { userId: '', role: 'co_author', share: 0.3 }
        ];
        expect(resolveShares(authors)).toEqual([
            { userId: 'a', role: 'author', share: 0.7 },
            { userId: 'b', role: 'co_author', share: 0 }
        ]);
        expect(typedShareTotal(authors)).toBeCloseTo(1);
    });

    it('when an item round-trips through the form, then the request carries the same fields', () => {
        const input = inputFromForm(formFromItem(ITEM));
        expect(input).toMatchObject({
            kind: 'capability',
            contentType: 'battlecard',
            title: ITEM.title,
            competitors: ['Rivalware'],
            visibility: { scope: 'everyone' },
            owner: 'u-hannah',
            verifyEveryDays: 90,
            expiresAt: null
        });
        expect(input.authors).toEqual(ITEM.authors.map(({ userId, role, share }) => ({ userId, role, share })));
    });

    it('when a new form is restricted to named people, then the request names them', () => {
        const form = { ...emptyForm('u-1'), title: ' T ', scope: 'confidential', people: ['u-2'], expiresAt: '2027-01-31' };
        expect(inputFromForm(form)).toMatchObject({
            title: 'T',
            visibility: { scope: 'confidential', users: ['u-2'] },
            expiresAt: '2027-01-31T00:00:00.000Z',
            authors: [{ userId: 'u-1', role: 'author', share: 1 }]
        });
    });

    it('when two bodies differ, then the line diff keeps, removes and adds lines in order', () => {
        expect(lineDiff('a\nb\nc', 'a\nc\nd')).toEqual([
            { type: 'same', text: 'a' },
            { type: 'removed', text: 'b' },
            { type: 'same', text: 'c' },
            { type: 'added', text: 'd' }
        ]);
    });

    it('when two snapshots differ, then only changed fields are listed, readable', () => {
        const changes = diffSnapshots(
            { title: 'A', authors: [{ userId: 'u-1', role: 'author', share: 1 }], body: 'x' },
            {
                title: 'B',
                authors: [
                    { userId: 'u-1', role: 'author', share: 0.5 },
                    { userId: 'u-2', role: 'co_author', share: 0.5 }
                ],
                body: 'x'
            },
            new Map([['u-1', 'Ann']])
        );
        expect(changes.map((c) => c.field)).toEqual(['title', 'authors']);
        expect(changes[1].after).toBe('Ann (author, 50%), u-2 (co-author, 50%)');
        expect(diffSnapshots({ status: 'in_review' }, { status: 'published' })[0]).toMatchObject({
            before: 'In review',
            after: 'Published'
        });
    });
});
