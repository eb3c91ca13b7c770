/**
 * `npm run backup -- <folder>`: an online backup of the SQLite database (SQLite's backup API, safe
 * while the hub runs and writes) and the ledger checkpoint files, with a manifest of checksums.
 * Uses the same configuration as `npm start`. PostgreSQL: see README "Backups".
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config';
import { backupDataDir, BackupError } from '../server/ops/backup';

async function run(): Promise<void> {
  const config = loadConfig();
  if (config.database.kind !== 'sqlite')
    throw new BackupError('DATABASE_URL is set: back PostgreSQL up with pg_dump or pg_basebackup (README "Backups")');
  const out = process.argv[2] ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-'));
  const started = Date.now();
  const m = await backupDataDir(config.dataDir, config.database.file, path.resolve(out));
  console.log(
    `backup: ${path.resolve(out)} in ${((Date.now() - started) / 1000).toFixed(1)} s: database ${(m.database.bytes / 1e6).toFixed(1)} MB ` +
      `(${m.database.contentItems} content items, ${m.database.creditEntries} ledger entries, migration ${m.database.lastMigration}), ` +
      `${m.files.length} other file(s): ${m.files.map((f) => f.name).join(', ') || 'none'}`,
  );
}

run().catch((err) => {
  console.error(
    err instanceof ConfigError || err instanceof BackupError
      ? `backup: ${err.message}`
      : `backup failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
