import fs from 'node:fs';
import path from 'node:path';
import { isSameProcess, selfIdentity, type ProcessIdentity } from '../../search-index/processIdentity';

/**
 * Each running hub registers itself in DATA_DIR/run/hub-<pid>.json (with its start time and
 * URL), so maintenance scripts can tell "a hub is serving this data folder" from "a file left by
 * a hub that is gone", and talk to the live one through its admin API instead of touching the
 * data folder underneath it. One file per process: several hubs may share a DATA_DIR when they
 * share an external database and Meilisearch.
 */
export interface RunningHub {
  hub: ProcessIdentity;
  /** Where the hub listens, for its admin API (loopback when it listens on every address). */
  url: string;
  startedAt: string;
}

const runDir = (dataDir: string) => path.join(dataDir, 'run');

/** Records this process as a hub serving `dataDir` at `url`; returns the function that removes the record. */
export function registerRunningHub(dataDir: string, url: string): () => void {
  const dir = runDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const self = selfIdentity();
  const file = path.join(dir, `hub-${self.pid}.json`);
  const record: RunningHub = { hub: self, url, startedAt: new Date().toISOString() };
  fs.writeFileSync(file, JSON.stringify(record) + '\n', { mode: 0o600 });
  return () => fs.rmSync(file, { force: true });
}

/** The live hubs registered on `dataDir` (other than this process); records of dead ones are removed. */
export function runningHubs(dataDir: string): RunningHub[] {
  const dir = runDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^hub-\d+\.json$/.test(n));
  } catch {
    return [];
  }
  const live: RunningHub[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let record: RunningHub;
    try {
      record = JSON.parse(fs.readFileSync(file, 'utf8')) as RunningHub;
    } catch {
      continue; // being written right now, or not ours to judge
    }
    if (record.hub.pid === process.pid) continue;
    if (isSameProcess(record.hub)) live.push(record);
    else fs.rmSync(file, { force: true }); // proven gone: pid absent or reused by another process
  }
  return live;
}
