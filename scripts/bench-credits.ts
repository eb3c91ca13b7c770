/**
 * `npm run bench:credits`: 1,000,000 usage events ingested in batches (stored and credited through
 * the credit service: rules, exact splits, hash chain) on SQLite, and on PostgreSQL when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set; then one author's statement and a team's
 * leaderboard for a quarter through the API. Targets: ingestion ≥ 25,000 events/s on SQLite (5,000 was the first bound),
 * a statement ≤ 200 ms, the leaderboard ≤ 1 s. BENCH_EVENTS overrides the count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../search-index/engine';
import { loadConfig } from '../server/config';
import { buildHub, type Hub } from '../server/hub';
import { createLogger } from '../server/log';
import { hashToken } from '../server/auth/store';
import { rng, percentile } from './bench/synthetic';
import { report, type Target } from './bench/targets';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const USERS = 2000;
const TEAMS = 20;
const ITEMS = 20_000;
const BATCH = 5000;
const DAYS = 365;
const ADMIN = 'bench-admin-token-0123456789abcdef';
/** Events stored and credited per second on SQLite (issue: 25,000 set-based; 5,000 before). */
const INGEST_TARGET = 25_000;
const TYPES = ['view', 'view', 'view', 'view', 'view', 'view', 'helpful', 'share_internal', 'attach', 'derive'] as const;

async function seedPeopleAndContent(hub: Hub, now: Date) {
  const db = hub.db.db;
  const stamp = now.toISOString();
  const r = rng(99);
  const users = Array.from({ length: USERS }, (_, i) => ({
    id: `u${i}`, name: `Person ${i}`, email: `u${i}@bench.test`, role: i < 200 ? 'author' : i < 220 ? 'leader' : 'rep', team: `Team ${i % TEAMS}`,
    leads_teams: JSON.stringify(i >= 200 && i < 220 ? [`Team ${i % TEAMS}`] : []), salesforce_user_id: null, active: 1, created_at: stamp, updated_at: stamp,
  }));
  for (let i = 0; i < users.length; i += 500) await db.insertInto('users').values(users.slice(i, i + 500)).execute();
  await db.insertInto('api_tokens').values({ id: 'tok-bench-leader', user_id: 'u200', token_hash: hashToken('bench-leader-token'), label: null, created_at: stamp, expires_at: null, revoked_at: null }).execute();
  const items = [];
  const authors = [];
  for (let i = 0; i < ITEMS; i++) {
    const id = `item-${i}`;
    items.push({
      id, external_id: null, kind: 'capability', content_type: 'faq', title: `Item ${i}`, summary: '', body: '', links: '[]', products: '[]', industries: '[]', segments: '[]',
      regions: '[]', competitors: '[]', stages: '[]', personas: '[]', audience: 'internal', visibility: '{"scope":"everyone"}', status: 'published', version: 1,
      derived_from: null, owner_id: `u${i % 200}`, verify_every_days: null, verified_at: stamp, expires_at: null, structure: null, created_by: 'hub-admin', created_at: stamp, updated_at: stamp, published_at: stamp,
    });
    const n = 1 + Math.floor(r() * 3);
    const shares = n === 1 ? [1] : n === 2 ? [0.6, 0.4] : [0.4, 0.35, 0.25];
    for (let k = 0; k < n; k++) authors.push({ content_id: id, user_id: `u${(i + k * 37) % 200}`, role: k === 0 ? 'author' : 'co_author', share: shares[k]!, position: k });
  }
  for (let i = 0; i < items.length; i += 200) await db.insertInto('content_items').values(items.slice(i, i + 200)).execute();
  for (let i = 0; i < authors.length; i += 500) await db.insertInto('content_authors').values(authors.slice(i, i + 500)).execute();
}

async function run(label: string, databaseUrl: string | undefined, engine: EmbeddedMeilisearch) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-credits-'));
  let schema: string | undefined;
  let url = databaseUrl;
  if (databaseUrl) {
    const { Client } = await import('pg');
    schema = `bench_${Date.now()}`;
    const c = new Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    const u = new URL(databaseUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    url = u.toString();
  }
  const config = loadConfig({ DATA_DIR: dir, MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.masterKey, MEILI_INDEX_PREFIX: 'benchcredits_', HUB_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', ...(url ? { DATABASE_URL: url } : {}) });
  const hub = await buildHub(config, { logger: createLogger('warn'), startRelay: false });
  try {
    const now = new Date();
    await seedPeopleAndContent(hub, now);
    const r = rng(7);
    const start = now.getTime() - DAYS * 86_400_000;
    const step = (DAYS * 86_400_000) / EVENTS;
    const t0 = performance.now();
    let credited = 0;
    for (let i = 0; i < EVENTS; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, EVENTS - i) }, (_, k) => {
        const n = i + k;
        const type = TYPES[Math.floor(r() * TYPES.length)]!;
        // Popular items get most of the use, as in a real library.
        const item = Math.floor(ITEMS * Math.pow(r(), 2));
        return {
          id: `ev-${n}`, type, contentId: `item-${item}`, actorId: `u${200 + Math.floor(r() * (USERS - 200))}`,
          opportunityId: type === 'attach' ? `opp-${Math.floor(r() * 5000)}` : null, note: null, at: new Date(start + n * step).toISOString(),
        };
      });
      // 1,000 rows × 9 columns per statement: within SQLite's 32,766 bound parameters.
      const rows = batch.map((e) => ({ event_id: e.id, actor_id: e.actorId, idempotency_key: e.id, request_hash: 'bench', type: e.type, content_id: e.contentId, opportunity_id: e.opportunityId, note: null, at: e.at }));
      await hub.db.db.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 1000) await trx.insertInto('usage_events').values(rows.slice(k, k + 1000)).execute();
      });
      credited += await hub.credits.creditEvents(batch);
      if ((i / BATCH) % 20 === 0) process.stdout.write(`\r  ${label}: ${(i + batch.length).toLocaleString()} events ingested`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const rate = EVENTS / seconds;
    console.log(`\r  ${label}: ${EVENTS.toLocaleString()} events ingested and credited in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} events/s (${credited.toLocaleString()} ledger entries)`);

    const api = request(hub.app);
    const quarterFrom = new Date(now.getTime() - 91 * 86_400_000).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const top = await hub.db.db.selectFrom('credit_entries').select(['user_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('user_id').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
    const time = async (fn: () => Promise<{ status: number; body: unknown }>) => {
      const times: number[] = [];
      for (let k = 0; k < 7; k++) {
        const t = performance.now();
        const res = await fn();
        times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`status ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), max: times[times.length - 1] as number };
    };
    let lines = 0;
    const statement = await time(async () => {
      const res = await api.get(`/api/credits/statements/${top.user_id}?from=${quarterFrom}&to=${to}`).set('Authorization', `Bearer ${ADMIN}`);
      lines = res.body.lines?.length ?? 0;
      return res;
    });
    let rows = 0;
    const leaderboard = await time(async () => {
      const res = await api.get(`/api/credits/leaderboard?from=${quarterFrom}&to=${to}&team=Team%200`).set('Authorization', 'Bearer bench-leader-token');
      rows = res.body.rows?.length ?? 0;
      return res;
    });
    console.log(`  ${label}: statement of the busiest author for a quarter (${lines.toLocaleString()} lines): p50 ${statement.p50.toFixed(0)} ms, max ${statement.max.toFixed(0)} ms`);
    console.log(`  ${label}: team leaderboard for a quarter (${rows} people): p50 ${leaderboard.p50.toFixed(0)} ms, max ${leaderboard.max.toFixed(0)} ms`);
    // The whole proof check: chain plus every signed checkpoint (file and table).
    const v0 = performance.now();
    const verified = await hub.credits.verify({ id: 'bench-admin', name: 'Bench admin', role: 'admin', team: 'Ops', leadsTeams: [], salesforceUserId: null });
    const verifySeconds = (performance.now() - v0) / 1000;
    console.log(`  ${label}: ledger verification (${verified.checked.toLocaleString()} entries, ${verified.checkpoints.matched} signed checkpoints): ${verified.ok ? 'ok' : 'FAILED'} in ${verifySeconds.toFixed(1)} s`);
    if (!verified.ok) throw new Error(`ledger verification failed: ${JSON.stringify(verified.checkpoints.firstMismatch ?? verified.firstBroken)}`);
    return { rate, statement: statement.p50, leaderboard: leaderboard.p50 };
  } finally {
    await hub.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (schema && databaseUrl) {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    }
  }
}

async function main() {
  let targets: Target[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-credits-meili-'));
  const engine = await startEmbeddedMeilisearch({ dir });
  try {
    console.log(`bench:credits: ${EVENTS.toLocaleString()} events, ${USERS.toLocaleString()} people in ${TEAMS} teams, ${ITEMS.toLocaleString()} items, batches of ${BATCH.toLocaleString()}`);
    const sqlite = await run('SQLite', undefined, engine);
    const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    const pg = pgUrl ? await run('PostgreSQL', pgUrl, engine) : null;
    if (pg) console.log(`PostgreSQL (reported, no target): ingestion ${pg.rate.toFixed(0)} events/s; statement ${pg.statement.toFixed(0)} ms; leaderboard ${pg.leaderboard.toFixed(0)} ms`);
    targets = [
      { name: 'SQLite ingestion, events/s', value: sqlite.rate, min: INGEST_TARGET },
      { name: 'SQLite statement p50, ms', value: sqlite.statement, max: 200 },
      { name: 'SQLite leaderboard p50, ms', value: sqlite.leaderboard, max: 1000 },
    ];
  } finally {
    await engine.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!report('bench:credits', targets)) process.exitCode = 1;
}

main().catch((err) => {
  console.error('bench:credits failed:', err);
  process.exit(1);
});
