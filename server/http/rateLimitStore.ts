import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Where the rate limit keeps its counters: fixed one-minute windows per key, each starting at the
 * key's first request after the previous window ended.
 */
export interface RateLimitStore {
  /** Adds `by` requests to `key`'s current window (a new one if it ended) and returns it. `by` 0 only reads. */
  hit(key: string, now: number, by: number): Promise<{ start: number; count: number }>;
}

const WINDOW_MS = 60_000;

/** In this process: right for one hub process, and the fastest. */
export function memoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    async hit(key, now, by) {
      if (now - lastSweep > WINDOW_MS) {
        for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
        lastSweep = now;
      }
      let w = windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) {
        w = { start: now, count: 0 };
        if (by > 0) windows.set(key, w);
      }
      w.count += by;
      return { ...w };
    },
  };
}

/**
 * In the database (PostgreSQL with several hub instances): one row per key, updated with one
 * atomic upsert per request, so every instance counts against the same window. Costs one round
 * trip per API request; ended windows are swept once a minute by whichever instance notices.
 */
export function databaseRateLimitStore(db: Db): RateLimitStore {
  let lastSweep = 0;
  return {
    async hit(key, now, by) {
      if (now - lastSweep > WINDOW_MS) {
        lastSweep = now;
        void db
          .deleteFrom('rate_limit_windows')
          .where('window_start', '<', now - 2 * WINDOW_MS)
          .execute()
          .catch(() => undefined);
      }
      if (by === 0) {
        const row = await db.selectFrom('rate_limit_windows').select(['window_start', 'hits']).where('key', '=', key).executeTakeFirst();
        return row && now - Number(row.window_start) < WINDOW_MS
          ? { start: Number(row.window_start), count: row.hits }
          : { start: now, count: 0 };
      }
      const row = await db
        .insertInto('rate_limit_windows')
        .values({ key, window_start: now, hits: by })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            window_start: sql`CASE WHEN ${now} - rate_limit_windows.window_start >= ${WINDOW_MS} THEN ${now} ELSE rate_limit_windows.window_start END`,
            hits: sql`CASE WHEN ${now} - rate_limit_windows.window_start >= ${WINDOW_MS} THEN ${by} ELSE rate_limit_windows.hits + ${by} END`,
          }),
        )
        .returning(['window_start', 'hits'])
        .executeTakeFirstOrThrow();
      return { start: Number(row.window_start), count: row.hits };
    },
  };
}
