import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Dialect } from '../db/migrations';
import { foldInfluence, reconcileInfluence } from './influence';
import { REUSE_TYPES, byOthers, num, sqlList } from './scope';

const WATERMARK = 'usage_events';
const SEARCH_WATERMARK = 'search_log';
/** Logged searches folded into the per-item "times returned" counters per batch. */
const SEARCH_BATCH = 20_000;
/** Events younger than this wait for the next refresh, so a slow commit with a lower id is not skipped. */
const SETTLE_MS = 2000;

export interface FlowFacts {
  /** Folds the usage events recorded since the last refresh into the facts and item stats. */
  refresh(): Promise<number>;
  /** Drops the derived tables and computes them again from all usage events (for tests and repair). */
  rebuild(): Promise<number>;
  /** Resolves once no refresh is running (shutdown waits for it before closing the database). */
  settled(): Promise<void>;
}

/**
 * The flow reports' incremental precomputation over usage_events:
 * - flow_event_facts: one row per event with the owner's and the actor's team and whether the
 *   actor was someone other than the item's owner and authors (as they were at the event);
 * - flow_item_stats: per item, reuse by others (count and first) and the last use by others;
 * - flow_daily_people: per person and UTC day, their sharing and participating events;
 * - flow_influence: which items influenced which won deals (server/flow/influence.ts), also
 *   brought up to date with the deals after each refresh's folding.
 * Each refresh folds in the events after the watermark, in batches; the stats are updated from
 * the new facts with commutative operations (sum, min, max), so any batching gives the same
 * result as one pass over everything (test/flow.test.ts checks this against `rebuild`).
 */
export function createFlowFacts(deps: { db: Db; dialect: Dialect; batchSize?: number; clock?: () => Date }): FlowFacts {
  const { db } = deps;
  const batchSize = deps.batchSize ?? 100_000;
  const clock = deps.clock ?? (() => new Date());
  let running: Promise<number> = Promise.resolve(0);

  /** Reads a watermark, creating it at 0; several hub processes on one PostgreSQL database take turns on its row. */
  async function lockMark(tx: Db, name: string): Promise<number> {
    let mark = tx.selectFrom('flow_watermark').select('last_event_id').where('name', '=', name);
    if (deps.dialect === 'postgres') mark = mark.forUpdate();
    const row = await mark.executeTakeFirst();
    if (row) return num(row.last_event_id);
    // Two instances may both find no row on a fresh database: one inserts, the other waits on the
    // row lock and reads it.
    await tx
      .insertInto('flow_watermark')
      .values({ name, last_event_id: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return num((await mark.executeTakeFirst())?.last_event_id);
  }

  async function foldBatch(): Promise<number> {
    return db.transaction().execute(async (tx) => {
      const from = await lockMark(tx, WATERMARK);
      const settled = new Date(clock().getTime() - SETTLE_MS).toISOString();
      const fresh = await tx
        .selectFrom('usage_events')
        .select((eb) => eb.fn.min('id').as('id'))
        .where('id', '>', from)
        .where('at', '>=', settled)
        .executeTakeFirst();
      const last = await tx
        .selectFrom('usage_events')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('id', '>', from)
        .executeTakeFirst();
      if (last?.id === null || last?.id === undefined) return 0;
      let to = Math.min(num(last.id), from + batchSize);
      if (fresh?.id !== null && fresh?.id !== undefined) to = Math.min(to, num(fresh.id) - 1);
      if (to <= from) return 0;

      await sql`
        INSERT INTO flow_event_facts (event_id, at, type, content_id, actor_id, owner_team, actor_team, by_other)
        SELECT e.id, e.at, e.type, e.content_id, e.actor_id, ou.team, au.team, CASE WHEN c.id IS NOT NULL AND ${byOthers} THEN 1 ELSE 0 END
        FROM usage_events e
          LEFT JOIN content_items c ON c.id = e.content_id
          LEFT JOIN users ou ON ou.id = c.owner_id
          LEFT JOIN users au ON au.id = e.actor_id
        WHERE e.id > ${from} AND e.id <= ${to}`.execute(tx);
      await sql`
        INSERT INTO flow_item_stats (content_id, reuse_count, first_reuse_at, last_use_at)
        SELECT f.content_id,
          SUM(CASE WHEN f.by_other = 1 AND f.type IN ${sqlList(REUSE_TYPES)} THEN 1 ELSE 0 END),
          MIN(CASE WHEN f.by_other = 1 AND f.type IN ${sqlList(REUSE_TYPES)} THEN f.at END),
          MAX(CASE WHEN f.by_other = 1 AND f.type IN ('view', 'attach', 'derive') THEN f.at END)
        FROM flow_event_facts f WHERE f.event_id > ${from} AND f.event_id <= ${to}
        GROUP BY f.content_id
        ON CONFLICT (content_id) DO UPDATE SET
          reuse_count = flow_item_stats.reuse_count + excluded.reuse_count,
          first_reuse_at = CASE WHEN flow_item_stats.first_reuse_at IS NULL OR excluded.first_reuse_at < flow_item_stats.first_reuse_at THEN excluded.first_reuse_at ELSE flow_item_stats.first_reuse_at END,
          last_use_at = CASE WHEN flow_item_stats.last_use_at IS NULL OR excluded.last_use_at > flow_item_stats.last_use_at THEN excluded.last_use_at ELSE flow_item_stats.last_use_at END`.execute(
        tx,
      );
      // Items reused in this batch are sent to the index again with their new reuseCount (the
      // "most reused" search sort); the relay reads the current count when it sends them.
      await sql`
        INSERT INTO search_outbox (content_id, narrows_visibility, created_at, attempts)
        SELECT DISTINCT f.content_id, 0, ${new Date().toISOString()}, 0
        FROM flow_event_facts f JOIN content_items c ON c.id = f.content_id AND c.status = 'published'
        WHERE f.event_id > ${from} AND f.event_id <= ${to} AND f.by_other = 1 AND f.type IN ${sqlList(REUSE_TYPES)}`.execute(tx);
      await sql`
        INSERT INTO flow_daily_people (day, actor_id, actor_team, sharing, participating)
        SELECT substr(f.at, 1, 10), f.actor_id, MAX(f.actor_team),
          SUM(CASE WHEN f.type IN ('share_internal', 'share_external') THEN 1 ELSE 0 END),
          SUM(CASE WHEN f.type IN ('view', 'helpful', 'attach', 'flag_outdated') THEN 1 ELSE 0 END)
        FROM flow_event_facts f WHERE f.event_id > ${from} AND f.event_id <= ${to}
        GROUP BY substr(f.at, 1, 10), f.actor_id
        ON CONFLICT (day, actor_id) DO UPDATE SET
          sharing = flow_daily_people.sharing + excluded.sharing,
          participating = flow_daily_people.participating + excluded.participating`.execute(tx);
      await foldInfluence(tx, deps.dialect, from, to);
      await tx.updateTable('flow_watermark').set({ last_event_id: to }).where('name', '=', WATERMARK).execute();
      return to - from;
    });
  }

  /**
   * Folds logged searches into content_search_hits (times each item was returned). Unlike the
   * events, no settling delay: each process writes its log through one serialised flusher, so ids
   * commit in order; with several hub processes on one PostgreSQL a late commit could be missed,
   * which `rebuild` repairs (these counters only feed the "never found by search" report).
   */
  async function foldSearches(): Promise<number> {
    return db.transaction().execute(async (tx) => {
      const from = await lockMark(tx, SEARCH_WATERMARK);
      const batch = await tx
        .selectFrom('search_log')
        .select(['id', 'hit_ids', 'at'])
        .where('id', '>', from)
        .orderBy('id')
        .limit(SEARCH_BATCH)
        .execute();
      if (batch.length === 0) return 0;
      const returned = new Map<string, { n: number; last: string }>();
      for (const r of batch) {
        for (const id of JSON.parse(r.hit_ids) as string[]) {
          const c = returned.get(id);
          returned.set(id, { n: (c?.n ?? 0) + 1, last: c && c.last > r.at ? c.last : r.at });
        }
      }
      const hits = [...returned].map(([content_id, c]) => ({ content_id, times_returned: c.n, last_returned_at: c.last }));
      for (let i = 0; i < hits.length; i += 200) {
        await tx
          .insertInto('content_search_hits')
          .values(hits.slice(i, i + 200))
          .onConflict((oc) =>
            oc.column('content_id').doUpdateSet((eb) => ({
              times_returned: eb('content_search_hits.times_returned', '+', eb.ref('excluded.times_returned')),
              last_returned_at: sql`CASE WHEN excluded.last_returned_at > content_search_hits.last_returned_at THEN excluded.last_returned_at ELSE content_search_hits.last_returned_at END`,
            })),
          )
          .execute();
      }
      await tx
        .updateTable('flow_watermark')
        .set({ last_event_id: num(batch[batch.length - 1]?.id) })
        .where('name', '=', SEARCH_WATERMARK)
        .execute();
      return batch.length;
    });
  }

  async function refreshAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await foldBatch();
      if (!n) break;
      total += n;
    }
    // Deals change without events (closed won, reopened, another owner): every refresh checks them,
    // under the events' watermark so no batch is folded meanwhile.
    await db.transaction().execute(async (tx) => reconcileInfluence(tx, deps.dialect, await lockMark(tx, WATERMARK)));
    while ((await foldSearches()) > 0);
    return total;
  }

  /** One refresh at a time in this process; callers arriving meanwhile share its result. */
  function refresh(): Promise<number> {
    running = running.then(refreshAll, refreshAll);
    return running;
  }

  return {
    refresh,
    settled: () =>
      running.then(
        () => undefined,
        () => undefined,
      ),
    async rebuild() {
      await running.catch(() => undefined);
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('flow_event_facts').execute();
        await tx.deleteFrom('flow_item_stats').execute();
        await tx.deleteFrom('flow_daily_people').execute();
        await tx.deleteFrom('flow_influence').execute();
        await tx.deleteFrom('flow_influence_deals').execute();
        await tx.deleteFrom('content_search_hits').execute();
        await tx.deleteFrom('flow_watermark').execute();
      });
      return refresh();
    },
  };
}
