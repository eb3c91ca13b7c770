import crypto from 'node:crypto';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Dialect } from '../db/migrations';
import type { CreditEntriesTable, Database } from '../db/schema';

import { GENESIS_HASH } from './proof';
import type { CheckpointLog, Head } from './checkpoints';
import { LedgerIntegrityError } from './checkpoints';
import type { SignedCheckpoint } from './schema';

export { GENESIS_HASH };

/** What a caller appends; seq, the chain hashes and the id are the ledger's business. */
export interface NewEntry {
  eventId: string;
  userId: string;
  actorId: string;
  contentId: string;
  opportunityId: string | null;
  type: string;
  share: number;
  milliPoints: number;
  policyVersion: number;
  reverses: number | null;
  reason: string;
  at: string;
}

export type EntryRow = Omit<CreditEntriesTable, 'id'> & { id: number };

/**
 * Splits `total` integer milli-points across weights (authors' shares) so the parts sum to exactly
 * `total`: each part gets the floor of its exact portion, then the leftover milli-points go one by
 * one to the largest remainders (ties: earlier position first). Shares are taken to nine decimals
 * and the arithmetic is done in BigInt, so no floating-point error can lose or invent a milli-point.
 * All-zero shares split evenly. Negative totals split like their absolute value, negated.
 */
export function splitMilliPoints(total: number, shares: number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError('total must be an integer number of milli-points');
  if (shares.length === 0) return [];
  if (shares.some((s) => !Number.isFinite(s) || s < 0)) throw new RangeError('shares must be finite and not negative');
  if (total < 0) return splitMilliPoints(-total, shares).map((p) => (p === 0 ? 0 : -p));
  return splitExactly(total, shares) ?? splitWithBigInt(total, shares);
}

/** splitMilliPoints in BigInt: any size (exported for the test that compares both paths). */
export function splitWithBigInt(total: number, shares: number[]): number[] {
  let weights = shares.map((s) => BigInt(Math.round(s * 1e9)));
  if (weights.every((w) => w === 0n)) weights = shares.map(() => 1n);
  const sum = weights.reduce((a, b) => a + b, 0n);
  const t = BigInt(total);
  const parts = weights.map((w) => (t * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * w) % sum }));
  let leftover = Number(t - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (leftover <= 0) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    leftover -= 1;
  }
  return parts.map((p) => Number(p));
}

/**
 * splitMilliPoints in plain numbers, for the usual sizes: the same integer arithmetic as the BigInt
 * path (same parts, same tie-breaks), exact while every product stays below 2^53. Null when it
 * might not (the BigInt path then answers). Crediting splits every event, so this is a hot path.
 */
function splitExactly(total: number, shares: number[]): number[] | null {
  let weights = shares.map((s) => Math.round(s * 1e9));
  if (weights.every((w) => w === 0)) weights = shares.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(sum) || total * sum > Number.MAX_SAFE_INTEGER) return null;
  const parts: number[] = [];
  const remainders: { i: number; r: number }[] = [];
  weights.forEach((w, i) => {
    // total * w is an exact integer below 2^53; the float quotient may round across an integer,
    // so it is corrected to the integer quotient before the remainder is taken.
    const a = total * w;
    let q = Math.floor(a / sum);
    if (q * sum > a) q -= 1;
    else if ((q + 1) * sum <= a) q += 1;
    parts.push(q);
    remainders.push({ i, r: a - q * sum });
  });
  let leftover = total - parts.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : b.r - a.r));
  for (const { i } of remainders) {
    if (leftover <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    leftover -= 1;
  }
  return parts;
}

/** The fields an entry's hash covers, in a fixed order (canonical JSON: no key-order ambiguity). */
function canonicalEntry(e: Omit<EntryRow, 'id' | 'prev_hash' | 'hash'>): string {
  return JSON.stringify([
    Number(e.seq),
    e.event_id,
    e.user_id,
    e.actor_id,
    e.content_id,
    e.opportunity_id,
    e.type,
    Number(e.share),
    Number(e.milli_points),
    Number(e.policy_version),
    e.reverses === null ? null : Number(e.reverses),
    e.reason,
    e.at,
  ]);
}

export function entryHash(prevHash: string, e: Omit<EntryRow, 'id' | 'prev_hash' | 'hash'>): string {
  return crypto
    .createHash('sha256')
    .update(prevHash + canonicalEntry(e))
    .digest('hex');
}

/**
 * `entries` as ledger rows chained after the entry `after` (its seq and hash): each row numbered
 * and hashed over the one before it. Exported so `bench:credits` measures its raw floor with the
 * hub's own rows and hashing.
 */
export function chainEntries(entries: NewEntry[], after: { seq: number; hash: string }): Omit<EntryRow, 'id'>[] {
  let seq = after.seq;
  let prev = after.hash;
  return entries.map((e) => {
    seq += 1;
    const base = {
      seq,
      event_id: e.eventId,
      user_id: e.userId,
      actor_id: e.actorId,
      content_id: e.contentId,
      opportunity_id: e.opportunityId,
      type: e.type,
      share: e.share,
      milli_points: e.milliPoints,
      policy_version: e.policyVersion,
      reverses: e.reverses,
      reason: e.reason,
      at: e.at,
    };
    const row = { ...base, prev_hash: prev, hash: entryHash(prev, base) };
    prev = row.hash;
    return row;
  });
}

export type LedgerTx = Transaction<Database>;

/**
 * When a transaction that appended entries signs a checkpoint: `now` for batches (bulk crediting,
 * influence), `due` for single events, which sign once DUE_ENTRIES entries or DUE_AGE_MS have
 * passed since the last checkpoint (a per-event signature and fsync would make the checkpoint log
 * as long as the ledger). A large batch also signs at every CHECKPOINT_EVERY-th seq.
 */
export type CheckpointMode = 'now' | 'due';
export const CHECKPOINT_EVERY = 10_000;
export const DUE_ENTRIES = 100;
export const DUE_AGE_MS = 60_000;

/** A ledger row's columns in insert order. */
export const ENTRY_COLUMNS = [
  'seq',
  'event_id',
  'user_id',
  'actor_id',
  'content_id',
  'opportunity_id',
  'type',
  'share',
  'milli_points',
  'policy_version',
  'reverses',
  'reason',
  'at',
  'prev_hash',
  'hash',
] as const;
const INSERT_ROWS = 1000;
const insertSqlCache = new Map<string, string>();

/** `INSERT INTO credit_entries (…) VALUES (…), …` for `rows` rows, in the dialect's placeholders. */
function insertSql(dialect: Dialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = insertSqlCache.get(key);
  if (!text) {
    const width = ENTRY_COLUMNS.length;
    const tuples = Array.from(
      { length: rows },
      (_, r) => `(${ENTRY_COLUMNS.map((_c, c) => (dialect === 'postgres' ? `$${r * width + c + 1}` : '?')).join(', ')})`,
    );
    text = `insert into credit_entries (${ENTRY_COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
    // Two sizes per batch at most (full chunks and the rest); a bound keeps odd sizes from piling up.
    if (insertSqlCache.size > 64) insertSqlCache.clear();
    insertSqlCache.set(key, text);
  }
  return text;
}

interface Appended {
  seq: number;
  hash: string;
  milliPoints: number;
}

/**
 * The append-only credit ledger. Appends are serialised (PostgreSQL: a transaction-scoped advisory
 * lock; SQLite: one connection, so one transaction at a time), which keeps seq gap-free and the
 * hash chain linear, and lets callers check caps and duplicates without racing each other.
 * With a checkpoint log, the transactions that append also sign the new head.
 */
export function createLedger(db: Db, dialect: Dialect, checkpoints: CheckpointLog, clock: () => Date = () => new Date()) {
  const LOCK_KEY = 6_006_001;

  /**
   * The heads to sign after `appended` (empty: nothing due). Before signing, the entries since the
   * last genuine checkpoint are re-hashed from its head, so a new signature only ever extends what
   * was signed before: a rewrite that reaches back before the last checkpoint stops the signer.
   */
  async function headsToSign(trx: LedgerTx, appended: Appended[], mode: CheckpointMode, log: CheckpointLog): Promise<Head[]> {
    const latest = await log.latest(trx);
    const first = appended[0];
    const head =
      appended[appended.length - 1] ??
      (await trx.selectFrom('credit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst());
    const headSeq = head ? Number(head.seq) : 0;
    if (latest && latest.seq >= headSeq) return [];
    if (mode === 'due' && latest && headSeq - latest.seq < DUE_ENTRIES && clock().getTime() - Date.parse(latest.at) < DUE_AGE_MS) return [];

    let prev = latest?.headHash ?? GENESIS_HASH;
    let total = latest?.totalMilliPoints ?? 0;
    const fromSeq = latest?.seq ?? 0;
    if (latest && latest.seq > 0) {
      const at = await trx.selectFrom('credit_entries').select('hash').where('seq', '=', latest.seq).executeTakeFirst();
      if (at?.hash !== latest.headHash)
        throw new LedgerIntegrityError(`the ledger no longer reaches the checkpoint at seq ${latest.seq}: not signing on top of it`);
    }
    const untilSeq = first ? first.seq : headSeq + 1;
    for (let seq = fromSeq + 1; seq < untilSeq; ) {
      const rows = await trx
        .selectFrom('credit_entries')
        .selectAll()
        .where('seq', '>=', seq)
        .where('seq', '<', untilSeq)
        .orderBy('seq')
        .limit(5000)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        if (Number(r.seq) !== seq || r.prev_hash !== prev || entryHash(prev, r) !== r.hash)
          throw new LedgerIntegrityError(`entry at seq ${seq} does not extend the last signed checkpoint: not signing`);
        total += Number(r.milli_points);
        prev = r.hash;
        seq += 1;
      }
    }
    const heads: Head[] = [];
    const last = appended.length - 1;
    appended.forEach((a, i) => {
      total += a.milliPoints;
      if (i === last || a.seq % CHECKPOINT_EVERY === 0) heads.push({ seq: a.seq, headHash: a.hash, count: a.seq, totalMilliPoints: total });
    });
    if (appended.length === 0 && headSeq > fromSeq) heads.push({ seq: headSeq, headHash: prev, count: headSeq, totalMilliPoints: total });
    if (appended.length === 0 && !latest && headSeq === 0) heads.push({ seq: 0, headHash: GENESIS_HASH, count: 0, totalMilliPoints: 0 });
    return heads;
  }

  /** Runs `work` holding the ledger lock; `append` writes entries chained after the last one. */
  async function locked<T>(
    work: (trx: LedgerTx, append: (entries: NewEntry[]) => Promise<number>) => Promise<T>,
    mode: CheckpointMode = 'now',
  ): Promise<T> {
    let signed: SignedCheckpoint[] = [];
    const result = await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const appended: Appended[] = [];
      const append = async (entries: NewEntry[]): Promise<number> => {
        if (entries.length === 0) return 0;
        const last = await trx.selectFrom('credit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        const rows = chainEntries(entries, { seq: last ? Number(last.seq) : 0, hash: last?.hash ?? GENESIS_HASH });
        // Multi-row inserts of up to 1,000 rows (15 columns: within both engines' parameter
        // limits), as SQL text built once per size and dialect: crediting a batch writes thousands
        // of entries, and compiling each chunk through the query builder cost more than the insert.
        for (let i = 0; i < rows.length; i += INSERT_ROWS) {
          const chunk = rows.slice(i, i + INSERT_ROWS);
          const params: unknown[] = [];
          for (const r of chunk) for (const column of ENTRY_COLUMNS) params.push(r[column]);
          await trx.executeQuery(CompiledQuery.raw(insertSql(dialect, chunk.length), params));
        }
        for (const r of rows) appended.push({ seq: r.seq, hash: r.hash, milliPoints: r.milli_points });
        return rows.length;
      };
      const out = await work(trx, append);
      if (appended.length > 0) signed = await checkpoints.record(trx, await headsToSign(trx, appended, mode, checkpoints));
      return out;
    });
    if (signed.length > 0) await checkpoints.persist(signed);
    return result;
  }

  return {
    locked,

    /**
     * A checkpoint covering every entry now in the ledger: the latest one when it does, else a new
     * one signed over the current head (an empty ledger gets one at seq 0).
     */
    async checkpointNow(): Promise<SignedCheckpoint> {
      const latest = await checkpoints.latest(db);
      const head = await db.selectFrom('credit_entries').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      if (latest && latest.seq >= Number(head?.seq ?? 0)) return latest;
      let signed: SignedCheckpoint[] = [];
      await db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
        signed = await checkpoints.record(trx, await headsToSign(trx, [], 'now', checkpoints));
      });
      await checkpoints.persist(signed);
      const made = signed[signed.length - 1] ?? (await checkpoints.latest(db));
      if (!made) throw new LedgerIntegrityError('no checkpoint could be signed');
      return made;
    },
  };
}
export type Ledger = ReturnType<typeof createLedger>;
