import type { Kysely } from 'kysely';

/**
 * Several hub instances on one PostgreSQL: outbox rows are claimed with a lease by the instance
 * relaying them (server/search/relay.ts), and rate-limit counters are shared.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('search_outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('search_outbox').addColumn('claimed_until', 'text').execute();
  await db.schema.createIndex('search_outbox_item_pending').on('search_outbox').columns(['content_id', 'done_at']).execute();
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_windows_start').on('rate_limit_windows').column('window_start').execute();
}
