import type { Kysely } from 'kysely';

/*
 * Tracked buyer sharing: a link to one client-facing item for one deal. Only a hash of the link's
 * token is stored (a database copy cannot open anything); opens by the buyer are counted here and
 * the first one credits the item's authors through the events service.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('share_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('open_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_opened_at', 'text')
    .addColumn('last_opened_at', 'text')
    .execute();
  await db.schema.createIndex('share_links_opportunity').on('share_links').columns(['opportunity_id', 'created_at']).execute();
}
