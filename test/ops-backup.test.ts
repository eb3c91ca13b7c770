import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../server/config';
import { buildHub, type Hub } from '../server/hub';
import { silentLogger } from '../server/log';
import { backupDataDir, verifyBackup } from '../server/ops/backup';
import { restoreBackup } from '../server/ops/restore';
import { MeiliClient } from '../search-index/client';
import { ADMIN_TOKEN, bearer, startTestHub, type TestHub } from './support/hub';

const ROOT = path.resolve(__dirname, '..');
const WORDS = ['pricing', 'migration', 'security', 'renewal', 'onboarding', 'compliance'];
const PRODUCTS = ['Lakehouse Core', 'Pipeline Studio', 'Insight Cloud'];

/** `npm run backup -- <dir>` as its own process (node + tsx's loader), bounded in time. */
function backupScript(dataDir: string, out: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'backup.ts'), out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out: text });
    });
  });
}

interface Restored {
  hub: Hub;
  api: ReturnType<typeof request>;
  dataDir: string;
  prefix: string;
}

describe('backup and restore (SQLite)', () => {
  let hub: TestHub;
  let author: string;
  let rep: string;
  const tmp: string[] = [];
  const restored: Restored[] = [];
  const mk = (name: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), `hub-ops-${name}-`));
    tmp.push(d);
    return d;
  };

  beforeAll(async () => {
    hub = await startTestHub();
    author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep', 'Team B');
    // Stands in for the signed ledger checkpoints another change adds under DATA_DIR.
    fs.writeFileSync(path.join(hub.dataDir, 'ledger-checkpoint.json'), JSON.stringify({ seq: 0, note: 'test checkpoint' }), {
      mode: 0o600,
    });
  });
  afterAll(async () => {
    for (const r of restored) {
      await r.hub.close();
      await new MeiliClient({ url: process.env.TEST_MEILI_URL as string, apiKey: process.env.TEST_MEILI_MASTER_KEY })
        .deleteIndex(`${r.prefix}content`)
        .catch(() => undefined);
    }
    await hub.stop();
    for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
  });

  let written = 0;
  /** Publishes items and records credited views, `n` of each. */
  async function write(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const k = written++;
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({
          kind: 'capability',
          contentType: 'battlecard',
          status: 'published',
          title: `Backup ${WORDS[k % WORDS.length]} card ${k}`,
          summary: `About ${WORDS[(k + 1) % WORDS.length]} for deal ${k}.`,
          body: `Body ${k}.`,
          products: [PRODUCTS[k % PRODUCTS.length] as string],
          authors: [{ userId: 'author-1', role: 'author', share: 1 }],
        });
      expect(res.status).toBe(201);
      const ev = await hub.api
        .post('/api/events')
        .set(bearer(rep))
        .set('Idempotency-Key', `backup-view-${k}`)
        .send({ type: 'view', contentId: res.body.id });
      expect(ev.status).toBeLessThan(300);
    }
  }

  async function restore(backup: string): Promise<Restored> {
    const dataDir = path.join(mk('restored'), 'data');
    const prefix = `r${crypto.randomBytes(4).toString('hex')}_`;
    const config = loadConfig({
      DATA_DIR: dataDir,
      MEILI_URL: process.env.TEST_MEILI_URL,
      MEILI_MASTER_KEY: process.env.TEST_MEILI_MASTER_KEY,
      MEILI_INDEX_PREFIX: prefix,
      HUB_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const { reindex } = await restoreBackup(backup, config);
    expect(reindex.deleted).toBe(0);
    const r = await buildHub(config, { logger: silentLogger, startRelay: false });
    const out = { hub: r, api: request(r.app), dataDir, prefix };
    restored.push(out);
    return out;
  }

  const QUERIES = [
    'q=backup',
    'q=pricing',
    'q=migraton',
    'q=card&sort=newest&limit=50',
    'q=security&products=Pipeline%20Studio',
    'q=renewal&limit=5&page=2',
  ];
  async function answers(api: ReturnType<typeof request>): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const token of [rep, ADMIN_TOKEN]) {
      for (const q of QUERIES) {
        const r = await api.get(`/api/search?${q}`).set(bearer(token));
        expect(r.status).toBe(200);
        out.push({
          q,
          total: r.body.total,
          hits: r.body.hits.map((h: { id: string; title: string }) => [h.id, h.title]),
          facets: r.body.facets,
        });
      }
    }
    return out;
  }

  async function ledgerOk(api: ReturnType<typeof request>): Promise<number> {
    const v = await api.get('/api/credits/verify').set(bearer(ADMIN_TOKEN));
    expect(v.status).toBe(200);
    expect(v.body.ok).toBe(true);
    return v.body.checked as number;
  }

  let midBackup: string;
  let finalBackup: string;

  it('when a backup runs while the hub writes, then it completes with a manifest, the checkpoint file and a consistent database', async () => {
    await write(40);
    midBackup = path.join(mk('backup-mid'), 'b');
    // Writes go on for as long as the backup process runs, and after it.
    let finished = false;
    const running = backupScript(hub.dataDir, midBackup).finally(() => (finished = true));
    while (!finished) await write(2);
    const run = await running;
    await write(2);
    expect(run.out).toMatch(/^backup: .* ledger entries, migration \d{4}_/m);
    expect(run.code).toBe(0);
    const m = verifyBackup(midBackup);
    // Every ledger-* file of the data folder: the signed checkpoint log, the public key ring and the
    // signing key (so a restored hub signs on with the same key), beside the planted one.
    expect(m.files.map((f) => f.name).sort()).toEqual([
      'ledger-checkpoint.json',
      'ledger-checkpoints.jsonl',
      'ledger-public-keys.json',
      'ledger-signing-key.pem',
    ]);
    expect(m.database.contentItems).toBeGreaterThanOrEqual(40);
    expect(m.database.contentItems).toBeLessThan(written);
    for (const f of fs.readdirSync(midBackup)) expect((fs.statSync(path.join(midBackup, f)).mode & 0o777).toString(8)).toBe('600');
  }, 180_000);

  it('when the final backup is restored into an empty folder, then search answers are identical and the ledger verifies', async () => {
    await hub.relay.drain();
    finalBackup = path.join(mk('backup-final'), 'b');
    const m = await backupDataDir(hub.dataDir, hub.config.database.kind === 'sqlite' ? hub.config.database.file : '', finalBackup);
    expect(m.database.contentItems).toBe(written);
    const r = await restore(finalBackup);
    expect(await answers(r.api)).toEqual(await answers(hub.api));
    expect(await ledgerOk(r.api)).toBe(await ledgerOk(hub.api));
    expect(await ledgerOk(r.api)).toBeGreaterThan(0); // views are capped per day, so fewer entries than items
    expect(fs.readFileSync(path.join(r.dataDir, 'ledger-checkpoint.json'), 'utf8')).toBe(
      fs.readFileSync(path.join(hub.dataDir, 'ledger-checkpoint.json'), 'utf8'),
    );
    expect((fs.statSync(r.dataDir).mode & 0o777).toString(8)).toBe('700');
    expect((fs.statSync(path.join(r.dataDir, 'hub.sqlite')).mode & 0o777).toString(8)).toBe('600');
  }, 180_000);

  it('when the backup taken during writes is restored, then its index equals its database and its ledger verifies', async () => {
    const m = verifyBackup(midBackup);
    const r = await restore(midBackup);
    const inDb = await r.hub.contentStore.publishedIds(null, 10_000);
    const inIndex = (
      await r.hub.search.client.getDocuments<{ id: string }>(r.hub.search.contentIndex, { offset: 0, limit: 10_000, fields: ['id'] })
    ).results.map((d) => d.id);
    expect(inDb.length).toBe(m.database.contentItems);
    expect([...inIndex].sort()).toEqual([...inDb].sort());
    expect(await ledgerOk(r.api)).toBe(m.database.creditEntries);
  }, 180_000);

  it('when the target folder is not empty or a file was altered, then restore refuses and changes nothing', async () => {
    const busy = mk('busy');
    fs.writeFileSync(path.join(busy, 'something'), 'x');
    const config = loadConfig({
      DATA_DIR: busy,
      MEILI_URL: process.env.TEST_MEILI_URL,
      MEILI_MASTER_KEY: process.env.TEST_MEILI_MASTER_KEY,
      LOG_LEVEL: 'silent',
    });
    await expect(restoreBackup(finalBackup, config)).rejects.toThrow(/is not empty \(something\); restore goes into an empty data folder/);
    expect(fs.readdirSync(busy)).toEqual(['something']);

    const tampered = path.join(mk('tampered'), 'b');
    fs.cpSync(finalBackup, tampered, { recursive: true });
    fs.appendFileSync(path.join(tampered, 'ledger-checkpoint.json'), ' ');
    const empty = path.join(mk('empty'), 'data');
    await expect(
      restoreBackup(
        tampered,
        loadConfig({
          DATA_DIR: empty,
          MEILI_URL: process.env.TEST_MEILI_URL,
          MEILI_MASTER_KEY: process.env.TEST_MEILI_MASTER_KEY,
          LOG_LEVEL: 'silent',
        }),
      ),
    ).rejects.toThrow(/ledger-checkpoint\.json does not match its checksum/);
    expect(fs.existsSync(empty)).toBe(false);
  });
});
