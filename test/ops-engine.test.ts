import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../search-index/engine';
import { MeiliClient } from '../search-index/client';
import { isSameProcess, identify } from '../search-index/processIdentity';
import { parsePrometheusText } from './support/promParser';
import { ADMIN, hubApi, pidsMatching, startHubProcess, waitFor, type HubProcess } from './support/hubProcess';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const gone = (pid: number) => !fs.existsSync(`/proc/${pid}`) || fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

/** Every process command line on the machine that contains `secret`. */
function cmdlinesWith(secret: string): string[] {
  return pidsMatching(secret).map((pid) => `${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')}`);
}

describe('the supervised embedded engine', () => {
  let dir: string;
  let engine: EmbeddedMeilisearch;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ops-engine-'));
    engine = await startEmbeddedMeilisearch({ dir, healthIntervalMs: 300, log: (m) => logs.push(m) });
  });
  afterAll(async () => {
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when it runs, then its master key is on no command line and its files are private', () => {
    expect(cmdlinesWith(engine.masterKey)).toEqual([]);
    const pids = engine.pids();
    expect(pids).not.toBeNull();
    // The engine gets the key from its environment, readable only by its own user.
    expect(fs.readFileSync(`/proc/${pids?.engine}/environ`, 'utf8').split('\0')).toContain(`MEILI_MASTER_KEY=${engine.masterKey}`);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'master.key'))).toBe(0o600);
    expect(mode(path.join(dir, 'meilisearch.pid'))).toBe(0o600);
  });

  it('when the engine is killed with SIGKILL, then it is restarted and answers again within 30 s', async () => {
    const before = engine.pids()!;
    process.kill(before.engine, 'SIGKILL');
    await waitFor('restarting state', async () => (engine.state() === 'restarting' ? true : undefined), 5_000, 20);
    const started = Date.now();
    const client = new MeiliClient({ url: engine.url, apiKey: engine.masterKey });
    await waitFor('engine healthy', async () => (engine.state() === 'running' && (await client.isHealthy()) ? true : undefined), 30_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(engine.restarts()).toBe(1);
    expect(engine.pids()!.engine).not.toBe(before.engine);
    expect(gone(before.guardian)).toBe(true);
    expect(logs.join('\n')).toMatch(/Meilisearch exited with SIGKILL; restarting it/);
    expect(logs.join('\n')).toMatch(/Meilisearch restarted \(restart 1/);
  });

  it('when the engine hangs (SIGSTOP), then it is killed and restarted', async () => {
    const before = engine.pids()!;
    process.kill(before.engine, 'SIGSTOP');
    const client = new MeiliClient({ url: engine.url, apiKey: engine.masterKey });
    await waitFor(
      'a new engine',
      async () => (engine.restarts() === 2 && engine.state() === 'running' && (await client.isHealthy()) ? true : undefined),
      30_000,
    );
    expect(gone(before.engine)).toBe(true);
    expect(logs.join('\n')).toMatch(/stopped answering \/health/);
  });

  it('when a second start finds the engine of a live owner, then it refuses and stops nothing', async () => {
    const pids = engine.pids()!;
    await expect(startEmbeddedMeilisearch({ dir })).rejects.toThrow(/belongs to a running hub \(pid \d+\)\. Nothing was stopped/);
    expect(isSameProcess(identify(pids.engine))).toBe(true);
    expect(await new MeiliClient({ url: engine.url }).isHealthy()).toBe(true);
  });

  it('when it is stopped, then neither the guardian nor the engine is left', async () => {
    const pids = engine.pids()!;
    await engine.stop();
    expect(gone(pids.engine)).toBe(true);
    expect(gone(pids.guardian)).toBe(true);
    expect(engine.state()).toBe('stopped');
  });
});

describe('a hub process with the embedded engine', () => {
  let dataDir: string;
  let hub: HubProcess | undefined;
  let metricsPort: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ops-proc-'));
    fs.chmodSync(dataDir, 0o755); // as a default umask would leave it
    metricsPort = await freePort();
    hub = await startHubProcess({ DATA_DIR: dataDir, METRICS_PORT: String(metricsPort) });
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    for (const pid of pidsMatching(dataDir)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const enginePids = () =>
    JSON.parse(fs.readFileSync(path.join(dataDir, 'meilisearch', 'meilisearch.pid'), 'utf8')) as {
      guardian: { pid: number };
      engine: { pid: number };
    };
  const item = (n: number) => ({
    kind: 'capability',
    contentType: 'battlecard',
    status: 'published',
    title: `Opsbeacon playbook number ${n}`,
    summary: 'Published while the engine was being killed.',
    body: 'Body text.',
    authors: [{ userId: 'hub-admin', role: 'author', share: 1 }],
  });

  it('when its engine is killed during publishes, then every write is kept, health says so, and search recovers by itself', async () => {
    const api = hubApi(hub!.url, ADMIN);
    expect((await api('POST', '/api/content', item(0))).status).toBe(201);
    const { engine } = enginePids();
    process.kill(engine.pid, 'SIGKILL');
    const killedAt = Date.now();
    const states = new Set<string>();
    const writes: Promise<number>[] = [];
    for (let n = 1; n <= 20; n++) writes.push(api('POST', '/api/content', item(n)).then((r) => r.status));
    const health = async () => {
      const r = await fetch(`${hub!.url}/api/health`);
      const body = (await r.json()) as { search: string };
      states.add(body.search);
      return r.status === 200 ? body : undefined;
    };
    await waitFor('health ok', health, 30_000, 100);
    expect((await Promise.all(writes)).every((s) => s === 201)).toBe(true);
    const total = await waitFor(
      'all 21 items searchable',
      async () => {
        const r = await api<{ total: number }>('GET', '/api/search?q=opsbeacon&limit=50');
        return r.status === 200 && r.body.total === 21 ? r.body.total : undefined;
      },
      30_000,
    );
    expect(total).toBe(21);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect([...states].some((s) => s === 'restarting' || s === 'unavailable')).toBe(true);
    expect(hub!.output()).toMatch(/Meilisearch restarted/);
    // The restart is counted on the separate metrics port (no token there), beside process metrics.
    const scraped = parsePrometheusText(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    const sample = (name: string) => scraped.flatMap((f) => f.samples).find((x) => x.name === name)?.value;
    expect(sample('hub_search_engine_restarts_total')).toBe(1);
    expect(sample('hub_search_engine_up')).toBe(1);
    expect(sample('hub_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect((await fetch(`${hub!.url}/metrics`)).status).toBe(404); // not on the public port without METRICS_TOKEN
  }, 90_000);

  it('when it runs, then the data folder is 0700, its files 0600 and no key is on a command line', () => {
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'hub.sqlite'))).toBe(0o600);
    for (const f of fs.readdirSync(dataDir).filter((f) => f.startsWith('hub.sqlite')))
      expect([f, mode(path.join(dataDir, f))]).toEqual([f, 0o600]);
    expect(mode(path.join(dataDir, 'meilisearch', 'master.key'))).toBe(0o600);
    const key = fs.readFileSync(path.join(dataDir, 'meilisearch', 'master.key'), 'utf8').trim();
    expect(cmdlinesWith(key)).toEqual([]);
    expect(cmdlinesWith(ADMIN).length).toBe(0);
  });

  it('when the hub is killed with SIGKILL, then its engine stops within seconds', async () => {
    const { guardian, engine } = enginePids();
    expect(gone(engine.pid)).toBe(false);
    process.kill(hub!.pid, 'SIGKILL');
    await hub!.exited;
    await waitFor('engine and guardian gone', async () => (gone(engine.pid) && gone(guardian.pid) ? true : undefined), 10_000, 100);
    expect(pidsMatching(path.join(dataDir, 'meilisearch', 'bin'))).toEqual([]);
  }, 30_000);
});
