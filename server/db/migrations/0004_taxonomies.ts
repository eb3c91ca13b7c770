import type { Kysely } from 'kysely';

/** Migration 0004_taxonomies. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('taxonomy_terms')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('parent', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('taxonomy_terms_pk', ['kind', 'value'])
    .execute();
}
