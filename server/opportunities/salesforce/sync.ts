import type { UserStore } from '../../auth/store';
import type { Db } from '../../db/database';
import type { LocalCrm } from '../local';
import type { Opportunity } from '../schema';
import type { SalesforceCrm, SyncWatermark } from './adapter';

/*
 * Incremental sync of Salesforce opportunities into the hub's own table, which is then a snapshot
 * of the org: pipeline gaps and flow metrics read it, and closed won/lost transitions found here
 * go to the same listeners as a local change (influence credits and their reversals). Views still
 * ask Salesforce live, as the user, so the snapshot never widens what anyone sees.
 *
 * Changes are read by SystemModstamp (then Id among equal stamps) in bounded batches with
 * query-more paging; the watermark is stored after each page, so a crash or restart resumes after
 * the last stored page (a page stored twice is harmless: the write is an upsert and the listeners
 * are idempotent). A cycle costs a few API calls whatever the page traffic: one query per batch
 * plus one per further page of it.
 */

const SOURCE = 'salesforce';

export interface SyncStatus {
  enabled: true;
  watermark: SyncWatermark | null;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Records stored by the last cycle. */
  lastRecords: number;
  /** Data API calls the last cycle made, and all cycles since the table was created. */
  lastApiCalls: number;
  totalApiCalls: number;
  /** The org's daily API usage from the last Sforce-Limit-Info header seen. */
  apiUsed: number | null;
  apiLimit: number | null;
  apiRemaining: number | null;
}

export interface SalesforceSyncDeps {
  db: Db;
  crm: SalesforceCrm;
  local: LocalCrm;
  users: UserStore;
  /** A stored change whose closed/won state moved (or a deal seen for the first time): feeds the listeners. */
  onTransition(change: { before: Opportunity | null; after: Opportunity }): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** Runs first in each cycle (the hub reads the org's conversion rates here when configured). */
  beforeCycle?(): Promise<void>;
  /** Records per query (a batch, itself read in pages); default 200. */
  batchSize?: number;
  /** Batches per cycle at most, so one cycle stays bounded; the next cycle continues. Default 50. */
  maxBatches?: number;
  clock?: () => Date;
}

export function createSalesforceSync(deps: SalesforceSyncDeps) {
  const { db, crm, local, users } = deps;
  const batchSize = deps.batchSize ?? 200;
  const maxBatches = deps.maxBatches ?? 50;
  const clock = deps.clock ?? (() => new Date());
  let running: Promise<SyncStatus> | null = null;
  let timer: NodeJS.Timeout | undefined;

  // The row is created once per process: status() serves /api/health and must not write each time.
  let rowReady: Promise<void> | null = null;
  function ensureRow(): Promise<void> {
    rowReady ??= insertRow().catch((err: unknown) => {
      rowReady = null;
      throw err;
    });
    return rowReady;
  }

  async function insertRow(): Promise<void> {
    await db
      .insertInto('crm_sync_state')
      .values({
        source: SOURCE,
        watermark: null,
        watermark_id: null,
        last_started_at: null,
        last_finished_at: null,
        last_success_at: null,
        last_error: null,
        api_used: null,
        api_limit: null,
        updated_at: clock().toISOString(),
      })
      .onConflict((oc) => oc.column('source').doNothing())
      .execute();
  }

  async function status(): Promise<SyncStatus> {
    await ensureRow();
    const row = await db.selectFrom('crm_sync_state').selectAll().where('source', '=', SOURCE).executeTakeFirstOrThrow();
    const usage = crm.sessions.apiUsage;
    const used = usage?.used ?? row.api_used;
    const limit = usage?.limit ?? row.api_limit;
    return {
      enabled: true,
      watermark: row.watermark && row.watermark_id ? { stamp: row.watermark, id: row.watermark_id } : null,
      running: running !== null,
      lastStartedAt: row.last_started_at,
      lastFinishedAt: row.last_finished_at,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      lastRecords: Number(row.last_records),
      lastApiCalls: Number(row.last_api_calls),
      totalApiCalls: Number(row.total_api_calls),
      apiUsed: used,
      apiLimit: limit,
      apiRemaining: used !== null && limit !== null ? Math.max(0, limit - used) : null,
    };
  }

  /** Stores one page: owners through the user mapping (flow reports join hub users), then the listeners. */
  async function store(page: { opportunity: Opportunity; modstamp: string }[]): Promise<void> {
    const owners = await users.bySalesforceIds(page.flatMap((c) => (c.opportunity.ownerId ? [c.opportunity.ownerId] : [])));
    for (const { opportunity } of page) {
      const { amountBand: _band, ...fields } = opportunity;
      // An owner without a hub user keeps the Salesforce id: the deal is still counted, under no team.
      const ownerId = opportunity.ownerId ? (owners.get(opportunity.ownerId)?.id ?? opportunity.ownerId) : null;
      const { opportunity: after, before } = await local.upsert({ ...fields, ownerId });
      if (!before || before.isClosed !== after.isClosed || before.isWon !== after.isWon) await deps.onTransition({ before, after });
    }
  }

  async function cycle(): Promise<SyncStatus> {
    await ensureRow();
    const startedAt = clock().toISOString();
    const callsBefore = crm.sessions.calls;
    await db
      .updateTable('crm_sync_state')
      .set({ last_started_at: startedAt, updated_at: startedAt })
      .where('source', '=', SOURCE)
      .execute();
    let records = 0;
    let error: string | null = null;
    try {
      await crm.ensureSchema();
      await deps.beforeCycle?.();
      let { watermark } = await status();
      for (let batch = 0; batch < maxBatches; batch++) {
        let inBatch = 0;
        for await (const page of crm.changedSince(watermark, batchSize)) {
          if (page.length === 0) continue;
          await store(page);
          const last = page[page.length - 1] as { opportunity: Opportunity; modstamp: string };
          watermark = { stamp: last.modstamp, id: last.opportunity.id };
          // The page is stored: from here a restart resumes after it.
          await db
            .updateTable('crm_sync_state')
            .set({ watermark: watermark.stamp, watermark_id: watermark.id, updated_at: clock().toISOString() })
            .where('source', '=', SOURCE)
            .execute();
          inBatch += page.length;
          records += page.length;
        }
        if (inBatch < batchSize) break;
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      deps.log('warn', 'salesforce sync: the cycle stopped; the next one resumes from the watermark', { error, records });
    }
    const finishedAt = clock().toISOString();
    const calls = crm.sessions.calls - callsBefore;
    const usage = crm.sessions.apiUsage;
    const row = await db.selectFrom('crm_sync_state').select('total_api_calls').where('source', '=', SOURCE).executeTakeFirstOrThrow();
    await db
      .updateTable('crm_sync_state')
      .set({
        last_finished_at: finishedAt,
        ...(error === null ? { last_success_at: finishedAt } : {}),
        last_error: error,
        last_records: records,
        last_api_calls: calls,
        total_api_calls: Number(row.total_api_calls) + calls,
        ...(usage ? { api_used: usage.used, api_limit: usage.limit } : {}),
        updated_at: finishedAt,
      })
      .where('source', '=', SOURCE)
      .execute();
    // This cycle is over, though `running` is cleared only once its promise settles.
    return { ...(await status()), running: false };
  }

  return {
    status,

    /** Runs one cycle and answers when it is done; a call while one runs waits for it, then runs its own (so it sees changes made meanwhile). */
    async runCycle(): Promise<SyncStatus> {
      while (running) await running.catch(() => undefined);
      const current = cycle().finally(() => {
        running = null;
      });
      running = current;
      return current;
    },

    /** Runs a cycle every `seconds` (none when 0); a cycle never overlaps the previous one. */
    start(seconds: number): void {
      if (seconds <= 0 || timer) return;
      const tick = () => {
        timer = setTimeout(() => {
          void this.runCycle()
            .catch((err: unknown) =>
              deps.log('error', 'salesforce sync failed', { error: err instanceof Error ? err.message : String(err) }),
            )
            .finally(() => {
              if (timer) tick();
            });
        }, seconds * 1000);
        timer.unref();
      };
      tick();
    },

    /** Stops the timer and waits for a running cycle. */
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
export type SalesforceSync = ReturnType<typeof createSalesforceSync>;
