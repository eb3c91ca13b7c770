import type { Kysely } from 'kysely';

/** Migration 0005_review_workflow. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per column: SQLite's ALTER TABLE adds one column at a time.
  await db.schema.alterTable('content_items').addColumn('opportunity_id', 'text').execute();
  await db.schema.alterTable('content_items').addColumn('review_team', 'text').execute();
  await db.schema.alterTable('content_items').addColumn('review_comment', 'text').execute();
  await db.schema.alterTable('content_items').addColumn('submitted_at', 'text').execute();
  await db.schema.createIndex('content_items_opportunity').on('content_items').column('opportunity_id').execute();
}
