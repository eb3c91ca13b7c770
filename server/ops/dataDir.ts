import fs from 'node:fs';
import path from 'node:path';

/**
 * The data folder holds the database, the engine's master key, the demo secret and the ledger
 * checkpoints: nobody but the hub's own user has any business reading it. The folder is made
 * 0700 and every file directly in it 0600, also when an older hub created them with the umask's
 * looser modes (0755 / 0644).
 */
export function makeDataDirPrivate(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) fs.chmodSync(path.join(dataDir, entry.name), 0o600);
  }
}

/**
 * Creates an empty file with mode 0600 unless it exists. SQLite creates its -wal and -shm files
 * with the database file's mode, so creating the database this way keeps all three private.
 */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
}
