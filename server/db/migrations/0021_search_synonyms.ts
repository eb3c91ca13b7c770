import type { Kysely } from 'kysely';

/**
 * Admin-edited synonym groups for the content index (server/search/synonyms.ts). One row per
 * index; no row means the shipped file (HUB_SYNONYMS_FILE) still applies, so an admin who empties
 * the list is told apart from a hub nobody has edited yet.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_synonyms')
    .addColumn('index_name', 'text', (c) => c.primaryKey())
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
