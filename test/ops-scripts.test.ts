import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN, hubApi, pidsMatching, startHubProcess, waitFor, type HubProcess } from './support/hubProcess';

const ROOT = path.resolve(__dirname, '..');
const gone = (pid: number) => !fs.existsSync(`/proc/${pid}`) || fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

/** Runs a script as `npm run` would (node + tsx's loader), bounded in time. */
function runScript(script: string, env: Record<string, string>, timeoutMs = 120_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', script)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('maintenance scripts beside a running hub', () => {
  let dataDir: string;
  let hub: HubProcess | undefined;
  const engineRecord = () =>
    JSON.parse(fs.readFileSync(path.join(dataDir, 'meilisearch', 'meilisearch.pid'), 'utf8')) as {
      guardian: { pid: number };
      engine: { pid: number };
    };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ops-scripts-'));
    hub = await startHubProcess({ DATA_DIR: dataDir });
    const api = hubApi(hub.url, ADMIN);
    for (let n = 0; n < 30; n++) {
      const r = await api('POST', '/api/content', {
        kind: 'capability',
        contentType: 'battlecard',
        status: 'published',
        title: `Reindexable card ${n}`,
        summary: 'Kept searchable while scripts run.',
        body: 'Text.',
        authors: [{ userId: 'hub-admin', role: 'author', share: 1 }],
      });
      expect(r.status).toBe(201);
    }
    await waitFor(
      '30 searchable',
      async () => ((await api<{ total: number }>('GET', '/api/search?q=reindexable')).body.total === 30 ? true : undefined),
      30_000,
    );
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    for (const pid of pidsMatching(dataDir)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Searches back to back until `until` settles; returns the statuses seen. */
  async function searchDuring<T>(until: Promise<T>): Promise<{ result: T; statuses: number[] }> {
    const api = hubApi(hub!.url, ADMIN);
    const statuses: number[] = [];
    let done = false;
    const result = until.finally(() => (done = true));
    while (!done && statuses.length < 100_000) {
      const r = await api<{ total: number }>('GET', '/api/search?q=reindexable');
      statuses.push(r.status === 200 && r.body.total === 30 ? 200 : r.status || 599);
    }
    return { result: await result, statuses };
  }

  it('when reindex runs with the admin token during live traffic, then the hub does it and search stays up', async () => {
    const before = engineRecord();
    const { result, statuses } = await searchDuring(runScript('reindex.ts', { DATA_DIR: dataDir, HUB_ADMIN_TOKEN: ADMIN }));
    expect(result.out).toMatch(/a hub is running on .* asking it through its admin API/);
    expect(result.out).toMatch(/the running hub finished .*"unchanged":30/);
    expect(result.code).toBe(0);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(engineRecord().engine.pid).toBe(before.engine.pid);
    expect(gone(before.engine.pid)).toBe(false);
  }, 120_000);

  it('when reindex runs without the admin token, then it refuses clearly and stops nothing', async () => {
    const before = engineRecord();
    const { result, statuses } = await searchDuring(runScript('reindex.ts', { DATA_DIR: dataDir }));
    expect(result.code).toBe(2);
    expect(result.out).toMatch(
      /A hub \(pid \d+, http:\/\/127\.0\.0\.1:\d+\) is running on this data folder; nothing was changed\. Set HUB_ADMIN_TOKEN/,
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(gone(before.engine.pid)).toBe(false);
    expect((await fetch(`${hub!.url}/api/health`)).status).toBe(200);
  }, 120_000);

  it('when the hub and its guardian are gone but the engine was left, then reindex stops only that proven-stale engine and runs', async () => {
    const { guardian, engine } = engineRecord();
    // Freeze the guardian so it cannot react, kill the hub, then the guardian: an orphaned engine.
    process.kill(guardian.pid, 'SIGSTOP');
    process.kill(hub!.pid, 'SIGKILL');
    await hub!.exited;
    process.kill(guardian.pid, 'SIGKILL');
    await waitFor('guardian gone', async () => (gone(guardian.pid) ? true : undefined), 5_000, 50);
    expect(gone(engine.pid)).toBe(false);
    const { code, out } = await runScript('reindex.ts', { DATA_DIR: dataDir });
    expect(out).toMatch(new RegExp(`Stopped a stale process \\(pid ${engine.pid}\\)`));
    expect(out).toMatch(/reindex: finished .*"unchanged":30/);
    expect(code).toBe(0);
    expect(gone(engine.pid)).toBe(true);
    // The script stops the engine it started, too.
    expect(pidsMatching(path.join(dataDir, 'meilisearch', 'bin'))).toEqual([]);
  }, 120_000);
});
