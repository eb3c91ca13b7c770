import fs from 'node:fs';
import { commandLine, isSameProcess, parentOf, type ProcessIdentity } from './processIdentity';

/**
 * meilisearch.pid records who runs the embedded engine on a data folder: the hub (or script)
 * that started it, the guardian and the engine, each with its start time. A later start may stop
 * a recorded engine only when that record *proves* it stale: its hub is gone. A live hub's engine
 * is never touched; the caller gets EngineInUseError instead.
 */
export interface EngineRecord {
  hub: ProcessIdentity;
  guardian: ProcessIdentity | null;
  engine: ProcessIdentity | null;
}

export class EngineInUseError extends Error {
  constructor(
    readonly hubPid: number,
    dir: string,
  ) {
    super(
      `The embedded Meilisearch of ${dir} belongs to a running hub (pid ${hubPid}). ` +
        'Nothing was stopped. Use that hub (its admin API), or stop it before running this.',
    );
    this.name = 'EngineInUseError';
  }
}

export function writeEngineRecord(file: string, record: EngineRecord): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(record) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Stops an engine left behind on this data folder, if and only if it is proven stale.
 * @throws EngineInUseError when the recorded hub is still running.
 */
export async function clearStaleEngine(file: string, binary: string, log: (m: string) => void): Promise<void> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return;
  }
  const dir = binary.replace(/\/bin\/meilisearch$/, '');
  const record = parseRecord(text);
  const stale: ProcessIdentity[] = [];
  if (record) {
    if (isSameProcess(record.hub)) throw new EngineInUseError(record.hub.pid, dir);
    for (const p of [record.guardian, record.engine]) if (p && isSameProcess(p)) stale.push(p);
  } else {
    // A plain pid written by an older hub: stale only if it is our binary and an orphan.
    const pid = Number(text);
    if (Number.isInteger(pid) && pid > 1 && commandLine(pid).startsWith(binary)) {
      const parent = parentOf(pid);
      const orphan = parent === null || parent <= 1 || !commandLine(parent).includes('node');
      if (!orphan) throw new EngineInUseError(parent, dir);
      stale.push({ pid, start: null });
    }
  }
  for (const p of stale) {
    try {
      process.kill(p.pid, 'SIGKILL');
      log(`Stopped a stale process (pid ${p.pid}) left on ${dir} by a hub that is gone`);
    } catch {
      // ended meanwhile
    }
  }
  // Its database lock and port are released only once it has really gone.
  for (let i = 0; i < 100 && stale.some((p) => isSameProcess(p)); i++) await new Promise((r) => setTimeout(r, 20));
  fs.rmSync(file, { force: true });
}

function parseRecord(text: string): EngineRecord | null {
  if (!text.startsWith('{')) return null;
  try {
    const r = JSON.parse(text) as Partial<EngineRecord>;
    return r.hub && typeof r.hub.pid === 'number' ? { hub: r.hub, guardian: r.guardian ?? null, engine: r.engine ?? null } : null;
  } catch {
    return null;
  }
}
