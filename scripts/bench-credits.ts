/**
 * `npm run bench:credits`: 1,000,000 usage events ingested in batches (stored and credited through
 * the credit service: rules, exact splits, hash chain) on SQLite, and on PostgreSQL when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set; then one author's statement and a team's
 * leaderboard for a quarter through the API. Targets: ingestion ≥ 25,000 events/s on SQLite (5,000 was the first bound),
 * a statement ≤ 200 ms, the leaderboard ≤ 1 s. BENCH_EVENTS overrides the count.
 * On SQLite the same events are also written straight into the engine (scripts/bench/creditsFloor.ts)
 * and the hub's ingestion is printed as a ratio to that floor.
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
import { percentile } from './bench/synthetic';
import { seedItems, seedPeople, storeEvents, syntheticEvents } from '../test/support/factories';
import { report, type Target } from './bench/targets';
import { rawCreditFloor, type ItemAuthor } from './bench/creditsFloor';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const USERS = 2000;
const TEAMS = 20;
const ITEMS = 20_000;
const BATCH = 5000;
const DAYS = 365;
const ADMIN = 'bench-admin-token-0123456789abcdef';
/** Events stored and credited per second on SQLite (issue: 25,000 set-based; 5,000 before). */
const INGEST_TARGET = 25_000;

async function seedPeopleAndContent(hub: Hub, now: Date) {
  const stamp = now.toISOString();
  await seedPeople(hub.db.db, { count: USERS, authors: 200, leaders: 20, teams: TEAMS }, stamp);
  await hub.db.db
    .insertInto('api_tokens')
    .values({
      id: 'tok-bench-leader',
      user_id: 'u200',
      token_hash: hashToken('bench-leader-token'),
      label: null,
      created_at: stamp,
      expires_at: null,
      revoked_at: null,
    })
    .execute();
  await seedItems(hub.db.db, { count: ITEMS, authors: 200 }, stamp);
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
  const config = loadConfig({
    DATA_DIR: dir,
    MEILI_URL: engine.url,
    MEILI_MASTER_KEY: engine.masterKey,
    MEILI_INDEX_PREFIX: 'benchcredits_',
    HUB_ADMIN_TOKEN: ADMIN,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const hub = await buildHub(config, { logger: createLogger('warn'), startRelay: false });
  try {
    const now = new Date();
    await seedPeopleAndContent(hub, now);
    // Reps use the library (people u200 and up); popular items get most of the use.
    const events = syntheticEvents({ count: EVENTS, people: USERS, firstActor: 200, items: ITEMS, days: DAYS, end: now });
    const t0 = performance.now();
    let credited = 0;
    for (let i = 0; i < EVENTS; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      await storeEvents(hub.db.db, batch);
      credited += await hub.credits.creditEvents(batch);
      if ((i / BATCH) % 20 === 0) process.stdout.write(`\r  ${label}: ${(i + batch.length).toLocaleString()} events ingested`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const rate = EVENTS / seconds;
    console.log(
      `\r  ${label}: ${EVENTS.toLocaleString()} events ingested and credited in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} events/s (${credited.toLocaleString()} ledger entries)`,
    );
    let floor: Awaited<ReturnType<typeof rawCreditFloor>> | null = null;
    if (!databaseUrl) {
      const authorsOf = new Map<string, ItemAuthor[]>();
      const authorRows = await hub.db.db
        .selectFrom('content_authors')
        .select(['content_id', 'user_id', 'share'])
        .orderBy('position')
        .execute();
      for (const a of authorRows)
        authorsOf.set(a.content_id, [...(authorsOf.get(a.content_id) ?? []), { userId: a.user_id, share: a.share }]);
      floor = await rawCreditFloor(events, authorsOf, BATCH, (done) => {
        if ((done / BATCH) % 20 === 1) process.stdout.write(`\r  raw SQLite: ${done.toLocaleString()} events written`);
      });
      console.log(
        `\r  raw SQLite (the same events and the hub's schema, prepared statements, no rules): ${floor.rate.toFixed(0)} events/s stored and credited, ${floor.creditRate.toFixed(0)} events/s crediting alone (${floor.entries.toLocaleString()} ledger rows); hub / raw ${(rate / floor.rate).toFixed(2)}`,
      );
    }

    const api = request(hub.app);
    const quarterFrom = new Date(now.getTime() - 91 * 86_400_000).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const top = await hub.db.db
      .selectFrom('credit_entries')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('user_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
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
      const res = await api
        .get(`/api/credits/statements/${top.user_id}?from=${quarterFrom}&to=${to}`)
        .set('Authorization', `Bearer ${ADMIN}`);
      lines = res.body.lines?.length ?? 0;
      return res;
    });
    let rows = 0;
    const leaderboard = await time(async () => {
      const res = await api
        .get(`/api/credits/leaderboard?from=${quarterFrom}&to=${to}&team=Team%200`)
        .set('Authorization', 'Bearer bench-leader-token');
      rows = res.body.rows?.length ?? 0;
      return res;
    });
    console.log(
      `  ${label}: statement of the busiest author for a quarter (${lines.toLocaleString()} lines): p50 ${statement.p50.toFixed(0)} ms, max ${statement.max.toFixed(0)} ms`,
    );
    console.log(
      `  ${label}: team leaderboard for a quarter (${rows} people): p50 ${leaderboard.p50.toFixed(0)} ms, max ${leaderboard.max.toFixed(0)} ms`,
    );
    // The whole proof check: chain plus every signed checkpoint (file and table).
    const v0 = performance.now();
    const verified = await hub.credits.verify({
      id: 'bench-admin',
      name: 'Bench admin',
      role: 'admin',
      team: 'Ops',
      leadsTeams: [],
      salesforceUserId: null,
    });
    const verifySeconds = (performance.now() - v0) / 1000;
    console.log(
      `  ${label}: ledger verification (${verified.checked.toLocaleString()} entries, ${verified.checkpoints.matched} signed checkpoints): ${verified.ok ? 'ok' : 'FAILED'} in ${verifySeconds.toFixed(1)} s`,
    );
    if (!verified.ok)
      throw new Error(`ledger verification failed: ${JSON.stringify(verified.checkpoints.firstMismatch ?? verified.firstBroken)}`);
    return { rate, floor, statement: statement.p50, leaderboard: leaderboard.p50 };
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
    console.log(
      `bench:credits: ${EVENTS.toLocaleString()} events, ${USERS.toLocaleString()} people in ${TEAMS} teams, ${ITEMS.toLocaleString()} items, batches of ${BATCH.toLocaleString()}`,
    );
    const sqlite = await run('SQLite', undefined, engine);
    const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    const pg = pgUrl ? await run('PostgreSQL', pgUrl, engine) : null;
    if (pg)
      console.log(
        `PostgreSQL (reported, no target): ingestion ${pg.rate.toFixed(0)} events/s; statement ${pg.statement.toFixed(0)} ms; leaderboard ${pg.leaderboard.toFixed(0)} ms`,
      );
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
