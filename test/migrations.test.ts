import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { migrationsFor } from '../server/db/migrations';
import { openDatabase } from '../server/db/database';
import { databases, freshPostgresSchema } from './support/hub';

/** The names existing databases have recorded, in order: a rename would re-run or skip a migration. */
const SHIPPED = [
  '0001_foundation',
  '0002_usage_events',
  '0003_integration_users',
  '0004_taxonomies',
  '0005_review_workflow',
  '0006_credits',
  '0007_flow',
  '0008_credit_lookups',
  '0009_flow_influence',
  '0010_ledger_checkpoints',
  '0011_credit_pending',
  '0012_multi_instance',
];

/** Table → column names, read from the hand-kept types in server/db/schema.ts and the area files in server/db/tables/. */
function declaredTables(): Map<string, string[]> {
  const dir = path.join(__dirname, '..', 'server', 'db');
  const files = [path.join(dir, 'schema.ts'), ...fs.readdirSync(path.join(dir, 'tables')).map((f) => path.join(dir, 'tables', f))];
  const src = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const interfaces = new Map<string, string[]>();
  for (const m of src.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const fields = [...(m[2] as string).matchAll(/^ {2}(\w+)\??:/gm)].map((f) => f[1] as string);
    interfaces.set(m[1] as string, fields);
  }
  const tables = new Map<string, string[]>();
  for (const [table, type] of (interfaces.get('Database') ?? []).map(
    (t) => [t, src.match(new RegExp(`^ {2}${t}: (\\w+);`, 'm'))?.[1]] as const,
  )) {
    tables.set(table, [...(interfaces.get(type ?? '') ?? [])].sort());
  }
  return tables;
}

describe('migrations', () => {
  it('when the migrations are listed, then the shipped names come first, in their order', async () => {
    const names = Object.keys(await migrationsFor('sqlite').getMigrations()).sort();
    expect(names.slice(0, SHIPPED.length)).toEqual(SHIPPED);
  });

  it('when a new SQLite database is migrated to 0011, then its schema is byte for byte the one the single-file migrations made', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-migrations-'));
    const sqlite = new Database(path.join(dir, 'm.sqlite'));
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      const { error } = await new Migrator({ db, provider: migrationsFor('sqlite') }).migrateTo('0011_credit_pending');
      expect(error).toBeUndefined();
      const rows = sqlite
        .prepare(
          "select type, name, tbl_name as tbl, sql from sqlite_master where name not like 'sqlite_%' and name <> 'kysely_migration' and name <> 'kysely_migration_lock' order by type, name",
        )
        .all();
      expect(rows).toEqual(JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'schema-sqlite-0011.json'), 'utf8')));
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(databases())(
    'when a $name database is migrated to the latest, then the hand-kept table types name exactly its columns',
    async ({ name, url }) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-migrations-'));
      const pg = url ? await freshPostgresSchema(url, `mig_${Date.now()}`) : undefined;
      const dbUrl = pg?.url;
      const handle = await openDatabase(dbUrl ? { kind: 'postgres', url: dbUrl } : { kind: 'sqlite', file: path.join(dir, 'hub.sqlite') });
      try {
        const actual = new Map<string, string[]>();
        const rows =
          name === 'sqlite'
            ? (
                await sql<{
                  tbl: string;
                  col: string;
                }>`select m.name as tbl, p.name as col from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'kysely_%'`.execute(
                  handle.db,
                )
              ).rows
            : (
                await sql<{
                  tbl: string;
                  col: string;
                }>`select table_name as tbl, column_name as col from information_schema.columns where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(
                  handle.db,
                )
              ).rows;
        for (const r of rows) actual.set(r.tbl, [...(actual.get(r.tbl) ?? []), r.col].sort());
        expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...declaredTables()].sort()));
      } finally {
        await handle.close();
        await pg?.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('when a database with 15-character Salesforce user ids is migrated past 0013, then they are stored in their 18-character form', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-migrations-'));
    const sqlite = new Database(path.join(dir, 'm.sqlite'));
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      const migrator = new Migrator({ db, provider: migrationsFor('sqlite') });
      expect((await migrator.migrateTo('0012_multi_instance')).error).toBeUndefined();
      const insert = sqlite.prepare(
        "insert into users (id, name, email, role, team, salesforce_user_id, created_at, updated_at) values (?, 'U', ?, 'rep', 'T', ?, 'now', 'now')",
      );
      insert.run('u-15', 'a@example.test', '001A0000006Vm9r');
      insert.run('u-18', 'b@example.test', '001A0000006Vm9rIac');
      insert.run('u-none', 'c@example.test', null);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = sqlite.prepare('select id, salesforce_user_id as sf from users order by id').all();
      expect(rows).toEqual([
        { id: 'u-15', sf: '001A0000006Vm9rIAC' },
        { id: 'u-18', sf: '001A0000006Vm9rIAC' },
        { id: 'u-none', sf: null },
      ]);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
