import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool, types } from 'pg';
import { AppError } from '../errors';
import { createPrivateFile } from '../ops/dataDir';
import { migrationsFor, type Dialect } from './migrations';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/** `cacheMb`: the SQLite page cache's upper bound (SQLITE_CACHE_MB); pages are cached as they are used. */
export type DatabaseConfig = { kind: 'sqlite'; file: string; cacheMb?: number } | { kind: 'postgres'; url: string };

// PostgreSQL returns int8 (count(*), bigserial) as strings to avoid precision loss; our counts
// and ids stay far below 2^53, so numbers are what the rest of the code expects.
types.setTypeParser(20, (v) => Number(v));

/**
 * The hub's SQLite settings, applied to a fresh connection (exported so `bench:credits` measures the
 * raw engine on a file opened exactly as the hub opens its own).
 */
export function applySqlitePragmas(sqlite: SqliteDatabase.Database, cacheMb?: number): void {
  // WAL lets readers run while the relay writes; NORMAL sync is durable across process crashes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // The ledger and event tables carry several indexes on random keys (item, actor, event id), so
  // an insert touches pages all over each index: once the indexes outgrow the page cache, every
  // insert waits on reads. With a million events they hold a few hundred MB; the default bound
  // (256 MB) keeps that in memory, and a small library never grows the cache that far.
  sqlite.pragma(`cache_size = ${-1024 * Math.floor(cacheMb ?? 256)}`);
  sqlite.pragma('temp_store = MEMORY');
  // A checkpoint copies every page the WAL holds back into the database file, and bulk crediting
  // dirties the same index pages batch after batch: checkpointing every 1,000 pages (the default)
  // copied each of them once per batch, a third of ingestion's time at 300,000 events. Every
  // 20,000 pages (~80 MB of WAL) copies a page once for several batches; after a checkpoint the
  // WAL file is cut back to 64 MB so it does not keep its largest size on disk. (Checkpoints on a
  // worker thread were tried as well: a little faster, but a writer that never pauses let the
  // WAL grow to 750 MB, and reads over a WAL that size slowed statements past their target.)
  sqlite.pragma('wal_autocheckpoint = 20000');
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
}

/** Opens the database named by the config and applies pending migrations. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') {
      fs.mkdirSync(path.dirname(config.file), { recursive: true, mode: 0o700 });
      createPrivateFile(config.file);
    }
    const sqlite = new SqliteDatabase(config.file);
    applySqlitePragmas(sqlite, config.cacheMb);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    handle = { db, dialect: 'sqlite', close: () => db.destroy() };
  } else {
    const pool = new Pool({ connectionString: config.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    handle = { db, dialect: 'postgres', close: () => db.destroy() };
  }
  try {
    await migrate(handle);
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  return handle;
}

export async function migrate(handle: DatabaseHandle): Promise<void> {
  // On PostgreSQL, Kysely looks for its migration tables in every schema unless told which one:
  // with another schema of the same database already migrated (a second hub, a test), it would
  // find theirs and never create its own. The hub's schema is the connection's current one.
  const migrationTableSchema =
    handle.dialect === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(handle.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: handle.db,
    provider: migrationsFor(handle.dialect),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new AppError(500, 'migration_failed', `Database migration ${failed?.migrationName ?? ''} failed`, undefined, {
      cause: error,
    });
  }
}

/** JSON columns are text on both engines; these keep the (de)serialisation in one place. */
export const json = {
  write: (value: unknown): string => JSON.stringify(value),
  read: <T>(text: string | null | undefined, fallback: T): T => {
    if (text === null || text === undefined || text === '') return fallback;
    return JSON.parse(text) as T;
  },
};

/**
 * Kysely prepares every query anew; compiling the SQL again each time was a visible share of
 * a search request's CPU. Statements are reused by SQL text (Kysely runs each synchronously,
 * so one prepared statement is never used by two queries at once).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          stmt = prepare(sql);
          // Bounded: multi-row inserts of varying sizes must not grow it without end.
          if (cache.size >= 1000) cache.delete(cache.keys().next().value as string);
          cache.set(sql, stmt);
        }
        return stmt;
      };
    },
  });
}
