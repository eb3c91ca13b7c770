import { homeHashFor, mayOpen, tabOf, tabsFor } from '../roleNav';
import { parseRoute } from 'shell/routes';

const labels = (role) => tabsFor(role, 'none').map((t) => t.label);

describe('shell/roleNav', () => {
    it.each([
        ['rep', ['Opportunities', 'Knowledge search', 'Credits', 'Experts']],
        ['author', ['My content', 'Due and requested', 'Opportunities', 'Knowledge search', 'Credits', 'Experts']],
        [
            'leader',
            ['My content', 'Due and requested', 'Opportunities', 'Knowledge search', 'Reviews', 'Credits', 'Experts', 'Knowledge flow']
        ],
        [
            'admin',
            [
                'My content',
                'Due and requested',
                'Opportunities',
                'Knowledge search',
                'Reviews',
                'Credits',
                'Experts',
                'Knowledge flow',
                'Admin'
            ]
        ]
    ])('when a %s signs in, then they see only the tabs they can use', (role, expected) => {
        expect(labels(role)).toEqual(expected);
    });

    it.each([
        ['author', '#/my-content', 'mine'],
        ['rep', '#/opportunities', 'opportunities'],
        ['leader', '#/opportunities', 'opportunities'],
        ['admin', '#/admin', 'admin']
    ])('when a %s signs in, then they start at %s, a page they may open', (role, hash, route) => {
        expect(homeHashFor(role)).toBe(hash);
        expect(parseRoute(hash).name).toBe(route);
        expect(mayOpen(role, route)).toBe(true);
    });

    it('when the editor or history is open, then My content is the current tab, once', () => {
        for (const route of ['mine', 'editor', 'versions']) {
            const current = tabsFor('author', route).filter((t) => t.current === 'page');
            expect(current.map((t) => t.id)).toEqual(['mine']);
            expect(current[0].className).toContain('slds-is-active');
        }
    });

    it('when a rep opens an author or reviewer page, then it is refused, and routes without a tab stay open', () => {
        expect(mayOpen('rep', 'editor')).toBe(false);
        expect(mayOpen('rep', 'reviews')).toBe(false);
        expect(mayOpen('author', 'reviews')).toBe(false);
        expect(mayOpen('leader', 'admin')).toBe(false);
        expect(mayOpen('rep', 'item')).toBe(true);
        expect(tabOf('due').label).toBe('Due and requested');
    });
});
