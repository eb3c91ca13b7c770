import { chosenFilters, fromStateString, toStateString } from 'c/searchState';

describe('c/searchState', () => {
    it('when a search has words, filters, a sort and a page, then it round-trips through the query string', () => {
        const state = {
            query: 'roi deck',
            selected: { competitors: ['Globex', 'Initech & Co'], kind: ['capability'] },
            sort: 'newest',
            page: 3
        };
        const text = toStateString(state);
        expect(text).toBe('q=roi+deck&kind=capability&competitors=Globex&competitors=Initech+%26+Co&sort=newest&page=3');
        expect(fromStateString(text)).toEqual(state);
    });

    it('when values are defaults, then they are left out of the address', () => {
        expect(toStateString({ query: '  ', selected: {}, sort: 'relevance', page: 1 })).toBe('');
        expect(fromStateString('')).toEqual({ query: '', selected: {}, sort: 'relevance', page: 1 });
    });

    it('when the address holds unknown parameters or values out of range, then they are ignored', () => {
        expect(fromStateString('?sort=popular&page=-4&evil=1&products=&products=A&products=A')).toEqual({
            query: '',
            selected: { products: ['A'] },
            sort: 'relevance',
            page: 1
        });
        expect(fromStateString('page=9999').page).toBe(500);
    });

    it('when filters are chosen, then each becomes a labelled pill in field order', () => {
        expect(chosenFilters({ competitors: ['Globex'], contentType: ['battlecard'] })).toEqual([
            { field: 'contentType', value: 'battlecard', label: 'Content type: Battlecard' },
            { field: 'competitors', value: 'Globex', label: 'Competitors: Globex' }
        ]);
    });
});
