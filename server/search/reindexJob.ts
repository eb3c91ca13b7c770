import crypto from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../auth/schema';
import { requireRole } from '../auth/service';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/database';
import type { ReindexReport } from '../../search-index/reindex';

export const ReindexJob = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  startedBy: z.string(),
  finishedAt: z.string().nullable(),
  /** The reindex's last progress line ("checked 2000 items…"). */
  progress: z.string(),
  report: z
    .object({ added: z.number().int(), updated: z.number().int(), deleted: z.number().int(), unchanged: z.number().int() })
    .nullable(),
  error: z.string().nullable(),
});
export type ReindexJob = z.infer<typeof ReindexJob>;

export interface ReindexJobDeps {
  db: Db;
  /** Re-applies the index settings (synonyms included), then reconciles the documents. */
  run(progress: (message: string) => void): Promise<ReindexReport>;
  log?: (message: string) => void;
}

/**
 * A reindex started from the admin page runs in the background of this instance: the request
 * answers at once and the page polls the index status for its progress. One at a time: starting
 * while one runs answers the running one.
 */
export function createReindexJobs(deps: ReindexJobDeps) {
  let current: ReindexJob | null = null;
  let running: Promise<void> | null = null;
  return {
    current: (): ReindexJob | null => (current ? { ...current } : null),

    async start(actor: Actor): Promise<ReindexJob> {
      requireRole(actor, 'admin');
      if (current?.state === 'running') return { ...current };
      const job: ReindexJob = {
        id: crypto.randomUUID(),
        state: 'running',
        startedAt: new Date().toISOString(),
        startedBy: actor.id,
        finishedAt: null,
        progress: 'starting…',
        report: null,
        error: null,
      };
      await recordAudit(deps.db, {
        actorId: actor.id,
        action: 'search.reindex',
        targetType: 'search_index',
        targetId: 'content',
        details: { jobId: job.id },
      });
      current = job;
      running = deps
        .run((message) => {
          job.progress = message;
        })
        .then(
          (report) => {
            Object.assign(job, { state: 'done', report, finishedAt: new Date().toISOString() });
          },
          (err: unknown) => {
            const message = err instanceof Error ? err.message : String(err);
            Object.assign(job, { state: 'failed', error: message, finishedAt: new Date().toISOString() });
            deps.log?.(`reindex ${job.id} failed: ${message}`);
          },
        );
      return { ...job };
    },

    /** Waits for the running job (shutdown, tests). */
    settled: async (): Promise<void> => {
      await running;
    },
  };
}
export type ReindexJobs = ReturnType<typeof createReindexJobs>;

/** Outbox rows not yet in the index, and how long the oldest has waited (status page and metrics). */
export async function outboxDepth(db: Db): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const r = await db
    .selectFrom('search_outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('done_at', 'is', null)
    .executeTakeFirstOrThrow();
  const oldest = r.oldest ? Date.parse(String(r.oldest)) : NaN;
  return { pending: Number(r.n), oldestAgeSeconds: Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0 };
}
