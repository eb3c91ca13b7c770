import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/** Migration 0010_ledger_checkpoints. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>, { dialect, serialKey }: MigrationContext): Promise<void> {
  // Queryable copy of the signed checkpoints; the authoritative log is a file outside the
  // database (server/credits/checkpoints.ts). Signatures make rows impossible to forge;
  // the triggers below make them as hard to remove as ledger rows.
  await serialKey(db, 'ledger_checkpoints')
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('total_milli_points', 'bigint', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_checkpoints_seq').on('ledger_checkpoints').column('seq').execute();

  if (dialect === 'postgres') {
    // PostgreSQL has no REPLACE; ON CONFLICT DO UPDATE and MERGE fire the row triggers of
    // 0006, TRUNCATE its statement trigger. The checkpoint table gets the same three.
    await sql`CREATE FUNCTION ledger_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'ledger_checkpoints is append-only';
            END;
          $$`.execute(db);
    await sql`CREATE TRIGGER ledger_checkpoints_no_change BEFORE UPDATE OR DELETE ON ledger_checkpoints
            FOR EACH ROW EXECUTE FUNCTION ledger_checkpoints_append_only()`.execute(db);
    await sql`CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_checkpoints_append_only()`.execute(db);
  } else {
    // INSERT OR REPLACE / REPLACE delete the conflicting row without firing DELETE triggers
    // (unless the connection set recursive_triggers, which another connection need not). An
    // insert that would meet an existing id or seq is refused before conflict resolution runs,
    // on every connection. Upserts (ON CONFLICT DO UPDATE) are refused here too, and by the
    // update trigger of 0006.
    await sql`CREATE TRIGGER credit_entries_no_replace BEFORE INSERT ON credit_entries
            WHEN EXISTS (SELECT 1 FROM credit_entries WHERE seq = NEW.seq) OR EXISTS (SELECT 1 FROM credit_entries WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER ledger_checkpoints_no_update BEFORE UPDATE ON ledger_checkpoints
            BEGIN SELECT RAISE(ABORT, 'ledger_checkpoints is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER ledger_checkpoints_no_delete BEFORE DELETE ON ledger_checkpoints
            BEGIN SELECT RAISE(ABORT, 'ledger_checkpoints is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER ledger_checkpoints_no_replace BEFORE INSERT ON ledger_checkpoints
            WHEN EXISTS (SELECT 1 FROM ledger_checkpoints WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'ledger_checkpoints is append-only'); END`.execute(db);
  }
}
