/**
 * The admin sections, named once: the admin home's menu lists them and each section's card is
 * headed by the same name (and the line saying what the section is for), so the menu entry and the
 * heading the admin lands on cannot drift apart.
 */
export const ADMIN_SECTIONS = [
    { name: 'users', label: 'Users' },
    {
        name: 'tokens',
        label: 'API tokens',
        description: "Tokens sign people and integrations in to the hub's API. A new token is shown once; revoke one that leaked."
    },
    {
        name: 'taxonomies',
        label: 'Taxonomies',
        description: 'The lists authors pick from and reports group by. Removing a term does not change items that use it.'
    },
    {
        name: 'synonyms',
        label: 'Synonyms',
        description: 'A search for one word of a group also finds items that use the others. Saving applies them to the index at once.'
    },
    { name: 'index', label: 'Search index' },
    {
        name: 'audit',
        label: 'Audit log',
        description: 'Every change to users, tokens, taxonomies, synonyms, the index and content access, newest first.'
    }
];

/** The section called `name` (`users`, `tokens`, …): its card's heading is `label`, under it `description` when there is one. */
export function adminSection(name) {
    return ADMIN_SECTIONS.find((section) => section.name === name);
}
