import { ADMIN_SECTIONS, adminSection } from 'c/adminSections';

describe('c/adminSections', () => {
    it('when a section is asked for by name, then its heading and description come back', () => {
        expect(adminSection('users')).toEqual({ name: 'users', label: 'Users' });
        expect(adminSection('synonyms').label).toBe('Synonyms');
        expect(adminSection('synonyms').description).toMatch(/^A search for one word of a group/);
    });

    it('when the name is not a section, then there is none', () => {
        expect(adminSection('nope')).toBeUndefined();
    });

    it('when the sections are listed, then each name and heading is used once', () => {
        expect(new Set(ADMIN_SECTIONS.map((s) => s.name)).size).toBe(ADMIN_SECTIONS.length);
        expect(new Set(ADMIN_SECTIONS.map((s) => s.label)).size).toBe(ADMIN_SECTIONS.length);
    });
});
