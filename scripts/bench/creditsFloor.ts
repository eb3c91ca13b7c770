/**
 * The raw engine's floor for what `bench:credits` times: the same events written straight into a
 * SQLite file that carries the hub's own migrated schema (every index and trigger) and is opened
 * with the hub's settings, through better-sqlite3 prepared statements, one transaction per batch
 * for the events and one for their ledger rows. No anti-gaming reads, no checkpoints, no query
 * builder: only the rows a credited event needs (its event row, one ledger row per author of its
 * item, each hashed into the chain). The hub's ingestion divided by this rate is its ratio to the
 * engine, measured in the same run on the same machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { applySqlitePragmas, openDatabase } from '../../server/db/database';
import { chainEntries, ENTRY_COLUMNS, GENESIS_HASH } from '../../server/credits/ledger';
import type { UsageEvent } from '../../server/events/schema';

export interface ItemAuthor {
  userId: string;
  share: number;
}

export interface FloorResult {
  rate: number;
  /** Events per second counting only the ledger transactions (the events already stored). */
  creditRate: number;
  entries: number;
}

export async function rawCreditFloor(
  events: UsageEvent[],
  authorsOf: Map<string, ItemAuthor[]>,
  batch: number,
  progress: (done: number) => void = () => undefined,
): Promise<FloorResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-credits-floor-'));
  const file = path.join(dir, 'floor.db');
  try {
    // The hub's migrations build the file, so the floor pays for exactly the hub's indexes and triggers.
    const handle = await openDatabase({ kind: 'sqlite', file });
    await handle.close();
    const sqlite = new SqliteDatabase(file);
    applySqlitePragmas(sqlite);
    const insertEvent = sqlite.prepare(
      `insert into usage_events (event_id, actor_id, idempotency_key, request_hash, type, content_id, opportunity_id, note, at)
       values (?, ?, ?, 'floor', ?, ?, ?, ?, ?)`,
    );
    const insertEntry = sqlite.prepare(
      `insert into credit_entries (${ENTRY_COLUMNS.join(', ')}) values (${ENTRY_COLUMNS.map(() => '?').join(', ')})`,
    );
    let head = { seq: 0, hash: GENESIS_HASH };
    let creditMs = 0;
    const store = sqlite.transaction((rows: UsageEvent[]) => {
      for (const e of rows) insertEvent.run(e.id, e.actorId, e.id, e.type, e.contentId, e.opportunityId, e.note, e.at);
    });
    const credit = sqlite.transaction((rows: UsageEvent[]) => {
      const entries = rows.flatMap((e) =>
        (authorsOf.get(e.contentId) ?? []).map((a) => ({
          eventId: e.id,
          userId: a.userId,
          actorId: e.actorId,
          contentId: e.contentId,
          opportunityId: e.opportunityId,
          type: e.type,
          share: a.share,
          milliPoints: Math.round(1000 * a.share),
          policyVersion: 1,
          reverses: null,
          reason: 'credit',
          at: e.at,
        })),
      );
      // The hub's own numbering and hashing (server/credits/ledger.ts), then one insert per row.
      const chained = chainEntries(entries, head);
      for (const r of chained) insertEntry.run(ENTRY_COLUMNS.map((c) => r[c]));
      const last = chained[chained.length - 1];
      if (last) head = { seq: Number(last.seq), hash: last.hash };
    });
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += batch) {
      const rows = events.slice(i, i + batch);
      store(rows);
      const c0 = performance.now();
      credit(rows);
      creditMs += performance.now() - c0;
      progress(i + rows.length);
    }
    const seconds = (performance.now() - t0) / 1000;
    sqlite.close();
    return { rate: events.length / seconds, creditRate: events.length / (creditMs / 1000), entries: head.seq };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
