import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/** Migration 0006_credits. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>, { dialect, serialKey }: MigrationContext): Promise<void> {
  // Published credit policies; entries name the version they were computed under.
  await db.schema
    .createTable('credit_policies')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .execute();

  // The append-only credit ledger: one row per (event, credited author), hash-chained by seq.
  await serialKey(db, 'credit_entries')
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('share', 'double precision', (c) => c.notNull())
    .addColumn('milli_points', 'integer', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('reverses', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_entries_user_at').on('credit_entries').columns(['user_id', 'at']).execute();
  await db.schema.createIndex('credit_entries_actor_at').on('credit_entries').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('credit_entries_event').on('credit_entries').column('event_id').execute();
  await db.schema.createIndex('credit_entries_opportunity').on('credit_entries').column('opportunity_id').execute();

  // Corrections are new (reversal) entries: the database itself refuses updates and deletes.
  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION credit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'credit_entries is append-only';
            END;
          $$`.execute(db);
    await sql`CREATE TRIGGER credit_entries_no_change BEFORE UPDATE OR DELETE ON credit_entries
            FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only()`.execute(db);
    await sql`CREATE TRIGGER credit_entries_no_truncate BEFORE TRUNCATE ON credit_entries
            FOR EACH STATEMENT EXECUTE FUNCTION credit_entries_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER credit_entries_no_update BEFORE UPDATE ON credit_entries
            BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER credit_entries_no_delete BEFORE DELETE ON credit_entries
            BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END`.execute(db);
  }
}
