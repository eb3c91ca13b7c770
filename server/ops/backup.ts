import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Online backups of a SQLite hub: the database through SQLite's backup API (a consistent copy
 * while the hub keeps writing) and the files beside it that the database alone cannot rebuild:
 * the ledger checkpoints and keys (`ledger-*`) and the demo secret. The search index is not
 * backed up: it is rebuilt from the database on restore. PostgreSQL is backed up with its own
 * tools (README "Backups").
 */
export const BACKUP_FORMAT = 1;
export const DATABASE_FILE = 'hub.sqlite';
export const MANIFEST_FILE = 'manifest.json';

export interface BackupFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: BackupFile & { kind: 'sqlite'; lastMigration: string | null; contentItems: number; creditEntries: number };
  files: BackupFile[];
}

/** Files of the data folder that travel with the database. */
export function isCompanionFile(name: string): boolean {
  return name.startsWith('ledger-') || name === 'demo-secret';
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * Writes a backup of `dataDir` (database file `databaseFile`) into `outDir`, which must be
 * absent or empty. The manifest is written last: a folder without one is not a backup.
 */
export async function backupDataDir(dataDir: string, databaseFile: string, outDir: string): Promise<BackupManifest> {
  if (!fs.existsSync(databaseFile)) throw new BackupError(`no database at ${databaseFile}`);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0)
    throw new BackupError(`${outDir} is not empty; a backup goes into a new folder`);
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });

  // Checkpoints first: each attests to a prefix of the ledger, and the database copied after them
  // holds at least that prefix, so restored checkpoints always verify against the restored ledger.
  const files: BackupFile[] = [];
  for (const name of fs.readdirSync(dataDir).filter(isCompanionFile).sort()) {
    const from = path.join(dataDir, name);
    if (!fs.statSync(from).isFile()) continue;
    const bytes = fs.readFileSync(from);
    fs.writeFileSync(path.join(outDir, name), bytes, { mode: 0o600 });
    files.push({ name, bytes: bytes.length, sha256: sha256(bytes) });
  }

  const target = path.join(outDir, DATABASE_FILE);
  const source = new SqliteDatabase(databaseFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // A write by another connection restarts a backup at its next step; copying everything in one
    // step (WAL: readers do not block the hub's writers) makes the copy one snapshot.
    await source.backup(target, { progress: () => 1_000_000 });
  } finally {
    source.close();
  }
  fs.chmodSync(target, 0o600);

  const copy = new SqliteDatabase(target, { readonly: true, fileMustExist: true });
  let stats: { lastMigration: string | null; contentItems: number; creditEntries: number };
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the copied database fails SQLite's quick_check: ${String(check)}`);
    stats = {
      lastMigration:
        (copy.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').get() as { name: string } | undefined)?.name ?? null,
      contentItems: (copy.prepare('SELECT count(*) AS n FROM content_items').get() as { n: number }).n,
      creditEntries: (copy.prepare('SELECT count(*) AS n FROM credit_entries').get() as { n: number }).n,
    };
  } finally {
    copy.close();
  }
  const db = fs.readFileSync(target);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    database: { kind: 'sqlite', name: DATABASE_FILE, bytes: db.length, sha256: sha256(db), ...stats },
    files,
  };
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  return manifest;
}

/** Reads a backup's manifest and checks every file against it. */
export function verifyBackup(backupDir: string): BackupManifest {
  const manifestPath = path.join(backupDir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) throw new BackupError(`${backupDir} has no ${MANIFEST_FILE}: not a complete backup`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(`backup format ${String(manifest.format)} is not supported (expected ${BACKUP_FORMAT})`);
  for (const f of [manifest.database, ...manifest.files]) {
    if (path.basename(f.name) !== f.name) throw new BackupError(`manifest names a file outside the backup: ${f.name}`);
    const file = path.join(backupDir, f.name);
    if (!fs.existsSync(file)) throw new BackupError(`${f.name} is missing from the backup`);
    if (sha256(fs.readFileSync(file)) !== f.sha256) throw new BackupError(`${f.name} does not match its checksum in the manifest`);
  }
  return manifest;
}

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
