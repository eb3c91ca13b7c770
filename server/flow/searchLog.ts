import type { Db } from '../db/database';

/** What the search service reports after each successful search. */
export interface SearchLogEntry {
  actorId: string;
  actorRole: string;
  q: string;
  filters: Record<string, string[]>;
  total: number;
  hitIds: string[];
}

/** Hit ids kept per logged search (enough for "never returned" on the first result pages). */
export const LOGGED_HITS = 20;
const CLICK_WINDOW_MS = 10 * 60_000;
/** Rows per INSERT: 9 columns stays well under both engines' bound-parameter limits. */
const INSERT_CHUNK = 200;

/** Lowercased, trimmed, inner whitespace collapsed: "  Snowcrest  Pricing" → "snowcrest pricing". */
export function normaliseQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface SearchLog {
  /** Synchronous and cheap: the entry waits in memory for the next flush. */
  record(entry: SearchLogEntry): void;
  /** Writes what is buffered (tests call it; the timer and `stop` do otherwise). */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  stop(): Promise<void>;
}

/**
 * The search log for content gaps. Searches are benchmarked, so nothing is written on the request
 * path: entries are buffered and written in batches every `flushEveryMs` or `maxBuffer` entries.
 * The per-item "times returned" counters are folded from the log by the flow facts when a report
 * asks (server/flow/facts.ts), not here: at hundreds of searches a second they cost real CPU.
 */
export function createSearchLog(deps: {
  db: Db;
  clock?: () => Date;
  flushEveryMs?: number;
  maxBuffer?: number;
  onError?: (err: unknown) => void;
}): SearchLog {
  const clock = deps.clock ?? (() => new Date());
  const maxBuffer = deps.maxBuffer ?? 200;
  let buffer: { entry: SearchLogEntry; at: Date }[] = [];
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined = setInterval(() => void flush(), deps.flushEveryMs ?? 500);
  timer.unref();

  async function write(batch: { entry: SearchLogEntry; at: Date }[]): Promise<void> {
    const rows = batch.map(({ entry, at }) => ({
      query: normaliseQuery(entry.q),
      filters: JSON.stringify(Object.fromEntries(Object.entries(entry.filters).filter(([, v]) => v.length))),
      total: entry.total,
      hit_ids: JSON.stringify(entry.hitIds.slice(0, LOGGED_HITS)),
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      at: at.toISOString(),
      click_deadline: new Date(at.getTime() + CLICK_WINDOW_MS).toISOString(),
    }));
    await deps.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await tx
          .insertInto('search_log')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
    });
  }

  function flush(): Promise<void> {
    // Flushes run one after another so counters never race each other.
    running = running.then(async () => {
      if (!buffer.length) return;
      const batch = buffer;
      buffer = [];
      try {
        await write(batch);
      } catch (err) {
        // Losing a batch of analytics is better than failing searches; say so once.
        deps.onError?.(err);
      }
    });
    return running;
  }

  return {
    record(entry) {
      buffer.push({ entry, at: clock() });
      if (buffer.length >= maxBuffer) void flush();
    },
    flush,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await flush();
    },
  };
}
