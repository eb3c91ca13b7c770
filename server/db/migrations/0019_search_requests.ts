import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/**
 * "Request this content" from a search that found nothing: anyone may file a content request, not
 * only admins, so a request may wait unassigned until an admin gives it to an author (assignee
 * becomes nullable); `query_key` (the normalised query) lets a second person asking for the same
 * thing join the open request instead of filing a duplicate; `content_request_askers` records who
 * asked (once each). Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE content_requests ALTER COLUMN assignee DROP NOT NULL`.execute(db);
    await db.schema.alterTable('content_requests').addColumn('query_key', 'text').execute();
  } else {
    // SQLite cannot drop NOT NULL in place: the table is rebuilt with the same rows.
    await db.schema
      .createTable('content_requests_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('query_key', 'text')
      .execute();
    await sql`INSERT INTO content_requests_next (id, query, assignee, created_by, status, note, created_at)
      SELECT id, query, assignee, created_by, status, note, created_at FROM content_requests`.execute(db);
    await db.schema.dropTable('content_requests').execute();
    await db.schema.alterTable('content_requests_next').renameTo('content_requests').execute();
    await db.schema.createIndex('content_requests_assignee').on('content_requests').columns(['assignee', 'created_at']).execute();
  }
  // Requests made before this migration are keyed like new ones, so they deduplicate too.
  await sql`UPDATE content_requests SET query_key = lower(trim(query))`.execute(db);
  await db.schema.createIndex('content_requests_open_key').on('content_requests').columns(['query_key', 'status']).execute();
  await db.schema
    .createTable('content_request_askers')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_request_askers_pk', ['request_id', 'user_id'])
    .execute();
}
