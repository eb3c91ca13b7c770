import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';

/**
 * The in-hub inbox: one row per person told about something (approved, rejected, flagged outdated,
 * request assigned, derived from their item, credit earned on a won deal, verification due).
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>, { serialKey }: MigrationContext): Promise<void> {
  await serialKey(db, 'notifications')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    // Once per (user, kind, dedupe key): a verification reminder per due date, not per scan.
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user_created').on('notifications').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_dedupe').on('notifications').columns(['user_id', 'kind', 'dedupe_key']).unique().execute();
  await db.schema.createIndex('notifications_created').on('notifications').column('created_at').execute();
}
