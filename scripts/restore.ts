/**
 * `npm run restore -- <backup folder>`: restores a backup made by `npm run backup` into the
 * configured DATA_DIR, which must be empty, and rebuilds the search index from the database.
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config';
import { BackupError } from '../server/ops/backup';
import { restoreBackup } from '../server/ops/restore';

async function run(): Promise<void> {
  const from = process.argv[2];
  if (!from) throw new BackupError('usage: npm run restore -- <backup folder>');
  const config = loadConfig();
  const started = Date.now();
  const { manifest, reindex } = await restoreBackup(path.resolve(from), config);
  console.log(
    `restore: ${config.dataDir} restored from the backup of ${manifest.createdAt} and the index rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    JSON.stringify(reindex),
  );
}

run().catch((err) => {
  console.error(
    err instanceof ConfigError || err instanceof BackupError
      ? `restore: ${err.message}`
      : `restore failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
