import { opportunityHref, parseRoute } from '../routes';

describe('shell/routes', () => {
    it.each([
        ['', { name: 'opportunities' }],
        ['#/opportunities', { name: 'opportunities' }],
        ['#/opportunities/opp-001', { name: 'opportunity', id: 'opp-001' }],
        ['#/opportunities/006%2F1', { name: 'opportunity', id: '006/1' }],
        ['#/search', { name: 'search' }],
        ['#/unknown', { name: 'opportunities' }]
    ])('when the hash is "%s", then the route is %p', (hash, route) => {
        expect(parseRoute(hash)).toEqual(route);
    });

    it('when linking to an opportunity, then the link survives LWC fragment rewriting and round-trips', () => {
        const href = opportunityHref('006/1');
        expect(href.startsWith('./#/')).toBe(true);
        expect(parseRoute(href.slice(2))).toEqual({ name: 'opportunity', id: '006/1' });
    });
});
