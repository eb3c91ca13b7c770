import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';

/** Migration 0002_usage_events. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>, { serialKey }: MigrationContext): Promise<void> {
  await serialKey(db, 'usage_events')
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('usage_events_idempotency', ['actor_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('usage_events_content').on('usage_events').columns(['content_id', 'at']).execute();
  await db.schema.createIndex('usage_events_opportunity').on('usage_events').columns(['opportunity_id']).execute();
}
