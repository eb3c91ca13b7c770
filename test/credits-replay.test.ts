/**
 * The two ways events reach the ledger must credit identically: one event at a time (what the
 * events API does, each in its own transaction reading the rules' state from the database) and in
 * batches (bulk ingestion and the credit relay, where the rules' state is read once per batch and
 * kept in memory). The same events (50,000 on SQLite) go through both on separate databases; the ledgers must
 * end on the same hash and every person's statement must have the same digest.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../server/auth/schema';
import { createUserStore } from '../server/auth/store';
import { openCheckpointLog } from '../server/credits/checkpoints';
import { createCreditService, type CreditService } from '../server/credits/service';
import { openDatabase, type DatabaseHandle } from '../server/db/database';
import type { UsageEvent } from '../server/events/schema';
import { seedItems, seedPeople, storeEvents, syntheticEvents } from './support/factories';
import { databases, freshPostgresSchema } from './support/hub';

// 50,000 on SQLite; PostgreSQL pays a network round trip per query, and crediting one event takes
// about ten of them, so the one-at-a-time side replays 10,000 there (REPLAY_EVENTS sets both).
const EVENTS: Record<string, number> = {
  sqlite: Number(process.env.REPLAY_EVENTS ?? 50_000),
  postgres: Number(process.env.REPLAY_EVENTS ?? 10_000),
};
const PEOPLE = { count: 300, authors: 60, leaders: 10, teams: 6 };
const ITEMS = 400;
const END = new Date('2026-06-30T00:00:00.000Z');
const ADMIN: Actor = { id: 'replay-admin', name: 'Replay admin', role: 'admin', team: 'Ops', leadsTeams: [], salesforceUserId: null };

jest.setTimeout(900_000);

interface Side {
  handle: DatabaseHandle;
  credits: CreditService;
  close(): Promise<void>;
}

async function openSide(url: string | undefined, label: string): Promise<Side> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hub-replay-${label}-`));
  const schema = url ? await freshPostgresSchema(url, `replay_${label}_${crypto.randomBytes(4).toString('hex')}`) : null;
  const handle = await openDatabase(
    schema ? { kind: 'postgres', url: schema.url } : { kind: 'sqlite', file: path.join(dir, 'hub.sqlite') },
  );
  const at = END.toISOString();
  await seedPeople(handle.db, PEOPLE, at);
  await seedItems(handle.db, { count: ITEMS, authors: PEOPLE.authors }, at);
  const checkpoints = openCheckpointLog({
    generatedKeyFile: path.join(dir, 'ledger-signing-key.pem'),
    keyRingFile: path.join(dir, 'ledger-public-keys.json'),
    checkpointFile: path.join(dir, 'ledger-checkpoints.jsonl'),
  });
  const credits = createCreditService({
    db: handle.db,
    dialect: handle.dialect,
    users: createUserStore(handle.db),
    checkpoints,
    clock: () => END,
  });
  return {
    handle,
    credits,
    async close() {
      await credits.close();
      await handle.close();
      await schema?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function fingerprint(side: Side): Promise<{ count: number; head: string; total: number; digests: Record<string, string> }> {
  const db = side.handle.db;
  const head = await db.selectFrom('credit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const totals = await db
    .selectFrom('credit_entries')
    .select((eb) => eb.fn.sum<number>('milli_points').as('total'))
    .executeTakeFirstOrThrow();
  const people = await db.selectFrom('credit_entries').select('user_id').distinct().orderBy('user_id').execute();
  const digests: Record<string, string> = {};
  for (const { user_id } of people) {
    const statement = await side.credits.statement(ADMIN, user_id, { from: '2025-01-01', to: END.toISOString().slice(0, 10) });
    digests[user_id] = statement.digest;
  }
  return { count: Number(head.seq), head: head.hash, total: Number(totals.total), digests };
}

describe.each(databases())('crediting one event at a time and in batches on $name', ({ name, url }) => {
  let single: Side;
  let batched: Side;
  const count = EVENTS[name] ?? 10_000;
  const events: UsageEvent[] = syntheticEvents({ count, people: PEOPLE.count, items: ITEMS, days: 120, deals: 300, end: END });

  beforeAll(async () => {
    single = await openSide(url, `${name}_single`);
    batched = await openSide(url, `${name}_batch`);
  });
  afterAll(async () => {
    await single?.close();
    await batched?.close();
  });

  it(`when the same ${count.toLocaleString()} events are credited one by one and in batches of 5,000, then both ledgers end on the same hash and every statement has the same digest`, async () => {
    // Crediting reads only the ledger, so storing the events up front changes nothing it decides.
    await storeEvents(single.handle.db, events);
    for (const event of events) await single.credits.creditEvent(event);
    for (let i = 0; i < events.length; i += 5000) {
      const batch = events.slice(i, i + 5000);
      await storeEvents(batched.handle.db, batch);
      await batched.credits.creditEvents(batch);
    }
    const a = await fingerprint(single);
    const b = await fingerprint(batched);
    // The rules had work to do: not every event earned credit, and several people earned some.
    expect(a.count).toBeGreaterThan(count / 2);
    expect(Object.keys(a.digests).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });
});
