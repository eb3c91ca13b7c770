import {
    contentHref,
    deepLinkHash,
    ITEM_HREF_PATTERN,
    OPPORTUNITY_HREF_PATTERN,
    opportunityHref,
    parseRoute,
    searchHash,
    statementHref
} from '../routes';

describe('shell/routes', () => {
    it.each([
        ['', { name: 'opportunities' }],
        ['#/opportunities', { name: 'opportunities' }],
        ['#/opportunities/opp-001', { name: 'opportunity', id: 'opp-001' }],
        ['#/opportunities/opp-001/close-out', { name: 'opportunity', id: 'opp-001', section: 'close-out' }],
        ['#/opportunities/006%2F1', { name: 'opportunity', id: '006/1' }],
        ['#/search', { name: 'search', state: '' }],
        [
            '#/search?q=roi&competitors=Globex&competitors=Initech',
            { name: 'search', state: 'q=roi&competitors=Globex&competitors=Initech' }
        ],
        ['#/search/?sort=newest', { name: 'search', state: 'sort=newest' }],
        ['#/reviews', { name: 'reviews' }],
        ['#/flow', { name: 'flow' }],
        ['#/experts', { name: 'experts' }],
        ['#/experts/u-anna', { name: 'expert', userId: 'u-anna' }],
        ['#/experts/u-anna?opportunity=006%2F1', { name: 'expert', userId: 'u-anna', opportunityId: '006/1' }],
        ['#/admin', { name: 'admin', section: 'users' }],
        ['#/admin/synonyms', { name: 'admin', section: 'synonyms' }],
        ['#/credits', { name: 'credits' }],
        ['#/credits/', { name: 'credits' }],
        ['#/credits/u-ana', { name: 'statement', userId: 'u-ana' }],
        ['#/credits/u%2F7', { name: 'statement', userId: 'u/7' }],
        ['#/items/ci-1', { name: 'item', id: 'ci-1' }],
        ['#/items', { name: 'opportunities' }],
        ['#/content/c-42', { name: 'content', id: 'c-42' }],
        ['#/content/', { name: 'opportunities' }],
        ['#/unknown', { name: 'opportunities' }]
    ])('when the hash is "%s", then the route is %p', (hash, route) => {
        expect(parseRoute(hash)).toEqual(route);
    });

    it('when linking to an opportunity, then the link survives LWC fragment rewriting and round-trips', () => {
        const href = opportunityHref('006/1');
        expect(href.startsWith('./#/')).toBe(true);
        expect(parseRoute(href.slice(2))).toEqual({ name: 'opportunity', id: '006/1' });
    });

    it('when the close-out queue fills the link pattern, then it is the same link as opportunityHref', () => {
        expect(OPPORTUNITY_HREF_PATTERN.replace('{id}', encodeURIComponent('006/1'))).toBe(opportunityHref('006/1'));
    });

    it('when linking to a statement, then the link round-trips to the statement route', () => {
        const href = statementHref('u/7');
        expect(href.startsWith('./#/')).toBe(true);
        expect(parseRoute(href.slice(2))).toEqual({ name: 'statement', userId: 'u/7' });
    });

    it('when a component fills the item link pattern, then the link round-trips to the item route', () => {
        const href = ITEM_HREF_PATTERN.replace('{id}', encodeURIComponent('ci/1'));
        expect(parseRoute(href.slice(2))).toEqual({ name: 'item', id: 'ci/1' });
    });

    it.each([
        ['?content=c-42', '#/content/c-42'],
        ['?x=1&content=a%2Fb', '#/content/a%2Fb'],
        ['?content=', null],
        ['?other=1', null],
        ['', null]
    ])('when a Knowledge Link opens the page with "%s", then the shell routes to %p', (search, hash) => {
        expect(deepLinkHash(search)).toBe(hash);
    });

    it('when the deep link of an item is followed, then it is the same route as contentHref', () => {
        expect(parseRoute(deepLinkHash('?content=a%2Fb'))).toEqual({ name: 'content', id: 'a/b' });
        expect(parseRoute(contentHref('a/b').slice(2))).toEqual({ name: 'content', id: 'a/b' });
    });

    it('when a search state is put in the address, then the route gives it back', () => {
        expect(searchHash('')).toBe('#/search');
        expect(parseRoute(searchHash('q=a%26b&sort=reused'))).toEqual({ name: 'search', state: 'q=a%26b&sort=reused' });
    });
});

describe('shell/routes for the author pages', () => {
    it.each([
        ['#/my-content', { name: 'mine' }],
        ['#/my-content/new', { name: 'editor', id: null }],
        ['#/my-content/new/samsara%20pricing', { name: 'editor', id: null, title: 'samsara pricing' }],
        ['#/my-content/ci-1/edit', { name: 'editor', id: 'ci-1' }],
        ['#/my-content/ci-1/versions', { name: 'versions', id: 'ci-1' }],
        ['#/my-content/ci-1', { name: 'mine' }],
        ['#/due', { name: 'due' }]
    ])('when the hash is "%s", then the route is %p', (hash, route) => {
        expect(parseRoute(hash)).toEqual(route);
    });
});
