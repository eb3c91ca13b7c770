import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { rebuildContentIndex } from '../content/reindex';
import { buildHub } from '../hub';
import type { ReindexReport } from '../../search-index/reindex';
import { silentLogger } from '../log';
import { BackupError, verifyBackup, type BackupManifest } from './backup';
import { runningHubs } from './runningHub';

/**
 * Restores a backup made by backupDataDir into an empty data folder, then rebuilds the search
 * index from the restored database (an embedded engine starts empty; an external index is
 * reconciled: missing documents added, stale replaced, extra ones removed).
 */
export async function restoreBackup(backupDir: string, config: Config): Promise<{ manifest: BackupManifest; reindex: ReindexReport }> {
  if (config.database.kind !== 'sqlite')
    throw new BackupError('DATABASE_URL is set: restore PostgreSQL with pg_restore (README "Backups"), then run npm run reindex');
  const [live] = runningHubs(config.dataDir);
  if (live) throw new BackupError(`a hub (pid ${live.hub.pid}, ${live.url}) is running on ${config.dataDir}; stop it before restoring`);
  const present = fs.existsSync(config.dataDir) ? fs.readdirSync(config.dataDir) : [];
  if (present.length > 0)
    throw new BackupError(
      `${config.dataDir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}); restore goes into an empty data folder`,
    );
  const manifest = verifyBackup(backupDir);

  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  for (const f of manifest.files) fs.copyFileSync(path.join(backupDir, f.name), path.join(config.dataDir, f.name));
  // The database last and under a temporary name: an interrupted restore leaves no half database.
  const tmp = `${config.database.file}.restoring`;
  fs.copyFileSync(path.join(backupDir, manifest.database.name), tmp);
  fs.renameSync(tmp, config.database.file);
  for (const name of fs.readdirSync(config.dataDir)) fs.chmodSync(path.join(config.dataDir, name), 0o600);

  const hub = await buildHub(config, { logger: silentLogger, startRelay: false });
  try {
    return { manifest, reindex: await rebuildContentIndex(hub) };
  } finally {
    await hub.close();
  }
}
