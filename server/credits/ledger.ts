import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Dialect } from '../db/migrations';
import type { CreditEntriesTable, Database } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);

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

/** The fields an entry's hash covers, in a fixed order (canonical JSON: no key-order ambiguity). */
function canonicalEntry(e: Omit<EntryRow, 'id' | 'prev_hash' | 'hash'>): string {
  return JSON.stringify([
    Number(e.seq), e.event_id, e.user_id, e.actor_id, e.content_id, e.opportunity_id, e.type, Number(e.share),
    Number(e.milli_points), Number(e.policy_version), e.reverses === null ? null : Number(e.reverses), e.reason, e.at,
  ]);
}

export function entryHash(prevHash: string, e: Omit<EntryRow, 'id' | 'prev_hash' | 'hash'>): string {
  return crypto.createHash('sha256').update(prevHash + canonicalEntry(e)).digest('hex');
}

export type LedgerTx = Transaction<Database>;

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { entryId: number; seq: number } | null;
}

/**
 * The append-only credit ledger. Appends are serialised (PostgreSQL: a transaction-scoped advisory
 * lock; SQLite: one connection, so one transaction at a time), which keeps seq gap-free and the
 * hash chain linear, and lets callers check caps and duplicates without racing each other.
 */
export function createLedger(db: Db, dialect: Dialect) {
  const LOCK_KEY = 6_006_001;

  return {
    /** Runs `work` holding the ledger lock; `append` writes entries chained after the last one. */
    async locked<T>(work: (trx: LedgerTx, append: (entries: NewEntry[]) => Promise<EntryRow[]>) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
        const append = async (entries: NewEntry[]): Promise<EntryRow[]> => {
          if (entries.length === 0) return [];
          const last = await trx.selectFrom('credit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
          let seq = last ? Number(last.seq) : 0;
          let prev = last?.hash ?? GENESIS_HASH;
          const rows = entries.map((e) => {
            seq += 1;
            const base = {
              seq, event_id: e.eventId, user_id: e.userId, actor_id: e.actorId, content_id: e.contentId, opportunity_id: e.opportunityId, type: e.type,
              share: e.share, milli_points: e.milliPoints, policy_version: e.policyVersion, reverses: e.reverses, reason: e.reason, at: e.at,
            };
            const row = { ...base, prev_hash: prev, hash: entryHash(prev, base) };
            prev = row.hash;
            return row;
          });
          // Multi-row inserts (200 rows, 15 columns: within both engines' parameter limits) keep
          // batched ingestion fast; ids come back in insertion order.
          const written: EntryRow[] = [];
          for (let i = 0; i < rows.length; i += 200) {
            const chunk = rows.slice(i, i + 200);
            const ids = await trx.insertInto('credit_entries').values(chunk).returning('id').execute();
            chunk.forEach((row, k) => written.push({ ...row, id: Number(ids[k]?.id) }));
          }
          return written;
        };
        return work(trx, append);
      });
    },

    /** Walks the chain in seq order and names the first entry whose link or hash does not match. */
    async verify(): Promise<VerifyResult> {
      let prev = GENESIS_HASH;
      let expectedSeq = 1;
      let checked = 0;
      const page = 5000;
      for (;;) {
        const rows = await db.selectFrom('credit_entries').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(page).execute();
        for (const r of rows) {
          const seq = Number(r.seq);
          checked += 1;
          if (seq !== expectedSeq || r.prev_hash !== prev || entryHash(prev, r) !== r.hash) {
            return { ok: false, checked, firstBroken: { entryId: Number(r.id), seq } };
          }
          prev = r.hash;
          expectedSeq += 1;
        }
        if (rows.length < page) return { ok: true, checked, firstBroken: null };
      }
    },
  };
}
export type Ledger = ReturnType<typeof createLedger>;
