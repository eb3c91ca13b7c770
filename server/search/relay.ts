import { sql } from 'kysely';
import type { Db } from '../db/database';
import { SearchUnavailableError, type MeiliClient } from '../../search-index/client';
import type { DocumentSource } from '../../search-index/documents';

export type { DocumentSource };

export interface RelayOptions<D extends { id: string }> {
  db: Db;
  client: MeiliClient;
  indexUid: string;
  source: DocumentSource<D>;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  batchSize?: number;
  /** Poll interval when idle; writes also kick the relay directly. */
  pollMs?: number;
  /** Upper bound of the retry backoff while Meilisearch is down. */
  maxBackoffMs?: number;
  /**
   * PostgreSQL with several hub instances: rows are claimed by `instanceId` with a lease of
   * `leaseMs` (renewed while the instance works on them), so each change is relayed by one
   * instance and an instance that dies leaves its rows to the others once the lease expires.
   */
  claims?: { instanceId: string; leaseMs?: number };
}

export interface RelayStatus {
  pending: number;
  failing: { id: number; contentId: string; attempts: number; lastError: string | null }[];
}

/** Row-level retries for a task failure (a document Meilisearch refuses) before it stops trying. */
const MAX_ATTEMPTS = 8;
/** Batches enqueued ahead of the one being waited for. */
const PIPELINE_DEPTH = 6;
/** pg_advisory_xact_lock key that serialises claiming between instances (see claim()). */
const CLAIM_LOCK = 6_006_002;

/**
 * The outbox relay: pushes changes recorded in `search_outbox` (in the same transaction as the
 * write) to Meilisearch, waits for the task to succeed, then marks the rows done.
 *
 * It is state-based: for each changed id it sends the item's *current* state (upsert or delete),
 * so replays after a crash or an outage are harmless and a document is never indexed twice.
 */
export class OutboxRelay<D extends { id: string }> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  private backoffMs = 0;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxBackoffMs: number;
  private readonly log: NonNullable<RelayOptions<D>['log']>;

  constructor(private readonly options: RelayOptions<D>) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollMs = options.pollMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.log = options.log ?? (() => {});
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Called after a write so the change reaches the index without waiting for the next poll. */
  kick(): void {
    if (!this.stopped && this.backoffMs === 0) this.schedule(0);
  }

  /** Processes pending rows until none is due. Returns how many rows were completed. */
  async runOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.process().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Waits until every pending row is done (tests, reindex, shutdown). */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.runOnce();
      } catch (err) {
        if (!(err instanceof SearchUnavailableError)) throw err;
      }
      const { pending } = await this.status();
      if (pending === 0) return;
      if (Date.now() > deadline) throw new Error(`search outbox still has ${pending} pending rows after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async status(): Promise<RelayStatus> {
    const { db } = this.options;
    const pending = await db
      .selectFrom('search_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('done_at', 'is', null)
      .executeTakeFirstOrThrow();
    const failing = await db
      .selectFrom('search_outbox')
      .select(['id', 'content_id', 'attempts', 'last_error'])
      .where('done_at', 'is', null)
      .where('last_error', 'is not', null)
      .orderBy('id')
      .limit(100)
      .execute();
    return {
      pending: Number(pending.n),
      failing: failing.map((r) => ({ id: r.id, contentId: r.content_id, attempts: r.attempts, lastError: r.last_error })),
    };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce()
        .then((done) => {
          this.backoffMs = 0;
          this.schedule(done > 0 ? 0 : this.pollMs);
        })
        .catch((err: unknown) => {
          this.backoffMs = Math.min(this.maxBackoffMs, Math.max(100, this.backoffMs * 2));
          this.log('warn', `search relay: ${err instanceof Error ? err.message : String(err)}; retrying in ${this.backoffMs} ms`);
          this.schedule(this.backoffMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Sends batches back to back and waits for their tasks a few batches behind, so Meilisearch
   * can index one batch while the next is being prepared (and auto-batch queued tasks).
   * Order is kept: tasks run in enqueue order, and each batch carries state read after the last.
   */
  private async process(): Promise<number> {
    const lease = this.options.claims ? setInterval(() => void this.renewClaims(), (this.options.claims.leaseMs ?? 30_000) / 3) : null;
    lease?.unref();
    try {
      return await this.processClaimed();
    } finally {
      if (lease) clearInterval(lease);
    }
  }

  private async processClaimed(): Promise<number> {
    let completed = 0;
    let cursor = 0;
    const inflight: { rows: number[]; tasks: number[] }[] = [];
    const settle = async () => {
      const batch = inflight.shift();
      if (batch) completed += await this.settle(batch.rows, batch.tasks);
    };
    try {
      for (;;) {
        const sent = await this.send(this.batchSize, cursor);
        if (!sent) break;
        cursor = sent.cursor;
        inflight.push(sent);
        if (inflight.length >= PIPELINE_DEPTH) await settle();
      }
      while (inflight.length) await settle();
    } catch (err) {
      // Rows of unsettled batches stay pending; the next pass sends their current state again.
      inflight.length = 0;
      throw err;
    }
    return completed;
  }

  private async processBatch(limit: number): Promise<number> {
    const sent = await this.send(limit, 0);
    return sent ? this.settle(sent.rows, sent.tasks) : 0;
  }

  /** Reads due rows after `cursor`, loads their current state and enqueues the index tasks. */
  private async send(limit: number, cursor: number): Promise<{ rows: number[]; tasks: number[]; cursor: number } | null> {
    const { db, client, indexUid, source } = this.options;
    const now = new Date().toISOString();
    const rows = this.options.claims
      ? await this.claim(limit, cursor, now)
      : await db
          .selectFrom('search_outbox')
          .select(['id', 'content_id'])
          .where('done_at', 'is', null)
          .where('id', '>', cursor)
          .where('attempts', '<', MAX_ATTEMPTS)
          .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
          .orderBy('id')
          .limit(limit)
          .execute();
    if (rows.length === 0) return null;
    const rowIds = rows.map((r) => r.id);
    const ids = [...new Set(rows.map((r) => r.content_id))];
    const docs = await source.load(ids);
    const upserts: D[] = [];
    const deletes: string[] = [];
    for (const id of ids) {
      const doc = docs.get(id);
      if (doc) upserts.push(doc);
      else deletes.push(id);
    }
    const tasks: number[] = [];
    try {
      if (upserts.length) tasks.push((await client.addDocuments(indexUid, upserts)).taskUid);
      if (deletes.length) tasks.push((await client.deleteDocuments(indexUid, deletes)).taskUid);
    } catch (err) {
      if (err instanceof SearchUnavailableError) await this.recordError(rowIds, err.message, false);
      throw err;
    }
    return { rows: rowIds, tasks, cursor: rowIds[rowIds.length - 1] as number };
  }

  /**
   * Claims due rows for this instance. Besides rows nobody holds (or whose lease expired), an item
   * with a row held by another instance is skipped altogether: that instance may be sending an
   * older state of it, and only once it has finished may a newer state follow, so each item's
   * changes reach the index in order. Claiming is serialised by a transaction-scoped advisory lock
   * (a few milliseconds), because two instances claiming at once would not see each other's rows.
   */
  private async claim(limit: number, cursor: number, now: string): Promise<{ id: number; content_id: string }[]> {
    const { db, claims } = this.options;
    const me = claims?.instanceId as string;
    const until = new Date(Date.now() + (claims?.leaseMs ?? 30_000)).toISOString();
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(trx);
      const claimed = await sql<{ id: number; content_id: string }>`
        UPDATE search_outbox SET claimed_by = ${me}, claimed_until = ${until}
        WHERE id IN (
          SELECT o.id FROM search_outbox o
          WHERE o.done_at IS NULL AND o.id > ${cursor} AND o.attempts < ${MAX_ATTEMPTS}
            AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ${now})
            AND (o.claimed_by IS NULL OR o.claimed_by = ${me} OR o.claimed_until < ${now})
            AND NOT EXISTS (
              SELECT 1 FROM search_outbox x
              WHERE x.content_id = o.content_id AND x.done_at IS NULL AND x.claimed_by <> ${me} AND x.claimed_until >= ${now})
          ORDER BY o.id LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, content_id`.execute(trx);
      return claimed.rows.map((r) => ({ id: Number(r.id), content_id: r.content_id })).sort((a, b) => a.id - b.id);
    });
  }

  /** Extends the lease of the rows this instance is working on. */
  private async renewClaims(): Promise<void> {
    const { db, claims } = this.options;
    if (!claims) return;
    const until = new Date(Date.now() + (claims.leaseMs ?? 30_000)).toISOString();
    await db
      .updateTable('search_outbox')
      .set({ claimed_until: until })
      .where('claimed_by', '=', claims.instanceId)
      .where('done_at', 'is', null)
      .execute()
      .catch(() => undefined);
  }

  /** Waits for a batch's tasks; marks its rows done, or records the error. */
  private async settle(rowIds: number[], tasks: number[]): Promise<number> {
    const { db, client } = this.options;
    try {
      for (const t of tasks) await client.waitTask(t);
    } catch (err) {
      if (err instanceof SearchUnavailableError) {
        await this.recordError(rowIds, err.message, false);
        throw err;
      }
      // The engine refused the batch (e.g. a malformed document): retry row by row so one
      // bad document cannot block the others, and keep the error visible.
      const message = err instanceof Error ? err.message : String(err);
      this.log('error', `search relay: batch of ${rowIds.length} failed: ${message}`);
      if (rowIds.length > 1) return this.isolate(rowIds.length);
      await this.recordError(rowIds, message, true);
      return 0;
    }
    const done = new Date().toISOString();
    for (const chunk of chunks(rowIds, 500)) {
      await db.updateTable('search_outbox').set({ done_at: done, last_error: null }).where('id', 'in', chunk).execute();
    }
    return rowIds.length;
  }

  /** Retries a refused batch one row at a time, so only the offending rows keep an error. */
  private async isolate(count: number): Promise<number> {
    let completed = 0;
    for (let i = 0; i < count; i++) completed += await this.processBatch(1);
    return completed;
  }

  private async recordError(rowIds: number[], message: string, countAttempt: boolean): Promise<void> {
    const { db } = this.options;
    const delay = countAttempt ? 1000 : 0;
    for (const chunk of chunks(rowIds, 500)) {
      await db
        .updateTable('search_outbox')
        .set((eb) => ({
          last_error: message.slice(0, 1000),
          attempts: countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
          next_attempt_at: new Date(Date.now() + delay).toISOString(),
          // Let any instance retry them (this one may be the one that cannot reach the engine).
          claimed_by: null,
          claimed_until: null,
        }))
        .where('id', 'in', chunk)
        .execute();
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
