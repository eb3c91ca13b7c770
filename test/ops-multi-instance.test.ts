import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { MeiliClient } from '../search-index/client';
import { ADMIN, startHubProcess, waitFor, type HubProcess } from './support/hubProcess';

/*
 * Three hub processes on one PostgreSQL database and one Meilisearch, as behind a load balancer:
 * 3,000 writes and 30,000 reads spread over them, one killed with SIGKILL half-way. Afterwards the
 * index must equal the database, the ledger must have no duplicate entry and verify, and every
 * surviving instance must answer the same.
 */
const PG = process.env.TEST_DATABASE_URL;
const maybe = PG ? describe : describe.skip;
const WORDS = ['pricing', 'migration', 'security', 'renewal', 'onboarding', 'compliance', 'latency', 'governance'];
const PRODUCTS = ['Lakehouse Core', 'Pipeline Studio', 'Insight Cloud'];

interface Answer {
  status: number;
  body: unknown;
}

maybe('several hub instances on one PostgreSQL and one Meilisearch', () => {
  const dbName = `hub_ops_multi_${crypto.randomBytes(4).toString('hex')}`;
  const prefix = `m${crypto.randomBytes(4).toString('hex')}_`;
  const dirs: string[] = [];
  const hubs: HubProcess[] = [];
  const alive = new Set<number>();
  let dbUrl: string;
  const tokens: { author: string[]; rep: string[] } = { author: [], rep: [] };
  let next = 0;

  /** One request through the "load balancer": round robin over live instances, retried elsewhere when an instance is gone. */
  async function lb(method: string, p: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const live = [...alive];
      const i = live[next++ % live.length] as number;
      try {
        return await call(hubs[i] as HubProcess, method, p, token, body, headers);
      } catch {
        // connection refused or reset: the instance died; a load balancer retries on another
      }
    }
    throw new Error(`${method} ${p}: no instance answered`);
  }
  async function call(
    hub: HubProcess,
    method: string,
    p: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(hub.url + p, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(PG as string);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    // Started together: they race on the migrations (Kysely serialises them with a lock).
    const started = await Promise.all(
      [0, 1, 2].map((n) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hub-ops-multi-${n}-`));
        dirs.push(dir);
        return startHubProcess(
          {
            DATA_DIR: dir,
            DATABASE_URL: dbUrl,
            MEILI_URL: process.env.TEST_MEILI_URL as string,
            MEILI_MASTER_KEY: process.env.TEST_MEILI_MASTER_KEY as string,
            MEILI_INDEX_PREFIX: prefix,
          },
          180_000,
        );
      }),
    );
    hubs.push(...started);
    started.forEach((_, i) => alive.add(i));
    for (let n = 0; n < 4; n++) {
      for (const [role, list] of [
        ['author', tokens.author],
        ['rep', tokens.rep],
      ] as const) {
        const id = `${role}-${n}`;
        const created = await lb('POST', '/api/users', ADMIN, {
          id,
          name: `${role} ${n}`,
          email: `${id}@example.test`,
          role,
          team: `Team ${n % 2}`,
        });
        expect(created.status).toBe(201);
        const tok = await lb('POST', `/api/users/${id}/tokens`, ADMIN, {});
        list.push((tok.body as { token: string }).token);
      }
    }
  }, 300_000);

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await new MeiliClient({ url: process.env.TEST_MEILI_URL as string, apiKey: process.env.TEST_MEILI_MASTER_KEY })
      .deleteIndex(`${prefix}content`)
      .catch(() => undefined);
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it('when searches go to one instance or to two, then the throughput of each is measured (README "Scaling out")', async () => {
    const seed = await lb('POST', '/api/content', tokens.author[0] as string, {
      kind: 'capability',
      contentType: 'battlecard',
      status: 'published',
      title: 'Scale pricing warmup',
      summary: 'Warm-up item.',
      body: 'Body.',
      authors: [{ userId: 'author-0', role: 'author', share: 1 }],
    });
    expect(seed.status).toBe(201);
    const measure = async (instances: number[]) => {
      let n = 0;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (n < 2000) {
            const k = n++;
            const r = await call(
              hubs[instances[k % instances.length] as number] as HubProcess,
              'GET',
              `/api/search?q=${WORDS[k % WORDS.length]}`,
              tokens.rep[k % 4] as string,
            );
            expect(r.status).toBe(200);
          }
        }),
      );
      return 2000 / ((Date.now() - started) / 1000);
    };
    await measure([0, 1]); // warm-up: connections, JIT, caches
    const one = await measure([0]);
    const two = await measure([0, 1]);
    console.log(
      `multi-instance: 2,000 searches at concurrency 16: one instance ${one.toFixed(0)}/s, two instances ${two.toFixed(0)}/s (${os.cpus().length} cores, PostgreSQL and Meilisearch on the same machine)`,
    );
    expect(one).toBeGreaterThan(0);
  }, 300_000);

  it('when 3,000 writes and 30,000 reads are spread over three instances and one is killed mid-way, then the index equals the database, the ledger has no duplicates, and every instance answers the same', async () => {
    const items: { id: string; version: number; busy: boolean; author: number }[] = [];
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    let writes = 0;
    let reads = 0;
    let killedAt = -1;
    const TOTAL_WRITES = 3000;
    const TOTAL_READS = 30_000;

    async function oneWrite(k: number): Promise<void> {
      const kind = k % 4;
      if (kind <= 1 || items.length < 20) {
        const a = k % tokens.author.length;
        const r = await lb('POST', '/api/content', tokens.author[a] as string, {
          kind: 'capability',
          contentType: 'battlecard',
          status: 'published',
          title: `Scale ${WORDS[k % WORDS.length]} note ${k}`,
          summary: `On ${WORDS[(k + 3) % WORDS.length]} for account ${k % 50}.`,
          body: `Body ${k}.`,
          products: [PRODUCTS[k % PRODUCTS.length] as string],
          authors: [{ userId: `author-${a}`, role: 'author', share: 1 }],
        });
        count(r.status);
        if (r.status === 201) items.push({ id: (r.body as { id: string }).id, version: 1, busy: false, author: a });
      } else if (kind === 2) {
        const item = items.find((it, j) => !it.busy && j % 7 === k % 7) ?? items.find((it) => !it.busy);
        if (!item) return;
        item.busy = true;
        const r = await lb('PATCH', `/api/content/${item.id}`, tokens.author[item.author] as string, {
          version: item.version,
          title: `Scale ${WORDS[(k + 1) % WORDS.length]} note revised ${k}`,
        });
        count(r.status);
        if (r.status === 200) item.version = (r.body as { version: number }).version;
        item.busy = false;
      } else {
        const item = items[k % items.length] as { id: string };
        const r = await lb(
          'POST',
          '/api/events',
          tokens.rep[k % tokens.rep.length] as string,
          { type: 'view', contentId: item.id },
          { 'idempotency-key': `multi-view-${k}` },
        );
        count(r.status);
      }
    }
    async function oneRead(k: number): Promise<void> {
      const token = tokens.rep[k % tokens.rep.length] as string;
      const r =
        k % 5 === 0 && items.length > 0
          ? await lb('GET', `/api/content/${(items[k % items.length] as { id: string }).id}`, token)
          : await lb('GET', `/api/search?q=${WORDS[k % WORDS.length]}${k % 3 === 0 ? '&products=Pipeline%20Studio' : ''}`, token);
      count(r.status);
    }

    const started = Date.now();
    // 16 clients; each takes the next operation, one write in eleven.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (;;) {
          const op = writes + reads;
          if (op >= TOTAL_WRITES + TOTAL_READS) return;
          if (op % 11 === 0 && writes < TOTAL_WRITES) {
            const k = writes++;
            if (k === TOTAL_WRITES / 2 && killedAt < 0) {
              killedAt = k;
              alive.delete(2);
              process.kill((hubs[2] as HubProcess).pid, 'SIGKILL');
            }
            await oneWrite(k);
          } else if (reads < TOTAL_READS) await oneRead(reads++);
          else await oneWrite(writes++);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `multi-instance: ${writes} writes + ${reads} reads in ${seconds.toFixed(1)} s (${((writes + reads) / seconds).toFixed(0)} req/s); statuses ${JSON.stringify([...statuses])}`,
    );
    expect(killedAt).toBe(TOTAL_WRITES / 2);
    expect(await hubs[2]?.exited).toBe('SIGKILL');
    // Every answer was a success or, for a PATCH racing another, a version conflict.
    expect([...statuses.keys()].every((s) => s === 200 || s === 201 || s === 409)).toBe(true);

    // The survivors take over the dead instance's claimed rows once its leases expire (30 s).
    await waitFor(
      'an empty outbox',
      async () => {
        const s = await call(hubs[0] as HubProcess, 'GET', '/api/admin/search/status', ADMIN);
        return (s.body as { pending: number }).pending === 0 ? true : undefined;
      },
      120_000,
      500,
    );

    // Index equals database: the hub's own comparison by content hash finds nothing to change.
    const reindex = await call(hubs[1] as HubProcess, 'POST', '/api/admin/search/reindex', ADMIN);
    expect(reindex.status).toBe(200);
    expect(reindex.body).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect((reindex.body as { unchanged: number }).unchanged).toBeGreaterThanOrEqual(items.length);

    const pg = new Client({ connectionString: dbUrl });
    await pg.connect();
    try {
      const dupes = await pg.query(
        'SELECT event_id, user_id, type, count(*) AS n FROM credit_entries GROUP BY event_id, user_id, type HAVING count(*) > 1',
      );
      expect(dupes.rows).toEqual([]);
      const seq = await pg.query('SELECT count(*)::int AS n, max(seq)::int AS max FROM credit_entries');
      expect(seq.rows[0].n).toBe(seq.rows[0].max);
      expect(seq.rows[0].n).toBeGreaterThan(0);
      const outbox = await pg.query('SELECT count(*)::int AS n FROM search_outbox WHERE done_at IS NULL');
      expect(outbox.rows[0].n).toBe(0);
    } finally {
      await pg.end();
    }
    const verify = await call(hubs[0] as HubProcess, 'GET', '/api/credits/verify', ADMIN);
    expect(verify.body).toMatchObject({ ok: true });

    // Every surviving instance gives the same answers (search hits, totals and facets; items).
    for (const q of ['q=pricing', 'q=note&limit=50', 'q=revised&products=Insight%20Cloud', 'q=governance&sort=newest', 'q=migraton']) {
      const [a, b] = await Promise.all([0, 1].map((i) => call(hubs[i] as HubProcess, 'GET', `/api/search?${q}`, tokens.rep[0] as string)));
      expect(a?.status).toBe(200);
      // Meilisearch's own timing is the only field allowed to differ.
      const strip = (x: Answer | undefined) => ({ ...(x?.body as Record<string, unknown>), processingTimeMs: 0 });
      expect(strip(b)).toEqual(strip(a));
    }
    for (const it of items.slice(0, 25)) {
      const [a, b] = await Promise.all(
        [0, 1].map((i) => call(hubs[i] as HubProcess, 'GET', `/api/content/${it.id}`, tokens.rep[0] as string)),
      );
      expect(b?.body).toEqual(a?.body);
    }
  }, 900_000);
});
