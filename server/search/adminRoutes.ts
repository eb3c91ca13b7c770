import { z } from 'zod';
import { recordAudit } from '../audit/service';
import { reindexContent } from '../content/reindex';
import type { Hub } from '../hub';
import { route, type RouteDef } from '../http/route';
import { outboxDepth, ReindexJob, type ReindexJobs } from './reindexJob';
import { ReplaceSynonyms, Synonyms, type SynonymService } from './synonyms';

const Failing = z.array(z.object({ id: z.number(), contentId: z.string(), attempts: z.number().int(), lastError: z.string().nullable() }));
const RelayStatus = z.object({ pending: z.number().int(), failing: Failing });
const ReindexReport = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
});
const IndexStatus = z.object({
  engine: z.object({ state: z.enum(['running', 'restarting', 'stopped']), healthy: z.boolean() }),
  /** Null when the engine did not answer. */
  index: z.object({ uid: z.string(), documents: z.number().int(), isIndexing: z.boolean() }).nullable(),
  outbox: z.object({ pending: z.number().int(), oldestAgeSeconds: z.number(), failing: Failing }),
  reindex: ReindexJob.nullable(),
  synonyms: z.object({ source: z.enum(['file', 'admin']), groups: z.number().int() }),
});

export interface SearchAdmin {
  synonyms: SynonymService;
  reindexJobs: ReindexJobs;
}

/** Every route here is for admins: `roles` says so and mountRoutes refuses anyone else before a handler runs. */
export function searchAdminRoutes(
  hub: Pick<Hub, 'search' | 'contentStore' | 'relay' | 'documentSource' | 'db'>,
  admin: SearchAdmin,
): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/admin/search/status',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Index sync status: pending outbox rows and failing ones with their errors (admin)',
      response: RelayStatus,
      handler: () => hub.relay.status(),
    }),
    route({
      method: 'get',
      path: '/api/admin/search/index',
      tag: 'admin',
      roles: ['admin'],
      summary:
        'Search index status for the admin page: engine, document count, outbox depth, failed documents, the running reindex, synonyms (admin)',
      response: IndexStatus,
      handler: async () => {
        const [healthy, stats, depth, relay, synonyms] = await Promise.all([
          hub.search.client.isHealthy(),
          hub.search.client.getStats(hub.search.contentIndex).catch(() => null),
          outboxDepth(hub.db.db),
          hub.relay.status(),
          admin.synonyms.get(),
        ]);
        return {
          engine: { state: hub.search.engineState(), healthy },
          index: stats ? { uid: hub.search.contentIndex, documents: stats.numberOfDocuments, isIndexing: stats.isIndexing } : null,
          outbox: { ...depth, failing: relay.failing },
          reindex: admin.reindexJobs.current(),
          synonyms: { source: synonyms.source, groups: synonyms.groups.length },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/search/reindex',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Reconcile the index with the database and wait for the report (admin; `npm run reindex` against a running hub)',
      response: ReindexReport,
      handler: async ({ actor }) => {
        await recordAudit(hub.db.db, {
          actorId: actor.id,
          action: 'search.reindex',
          targetType: 'search_index',
          targetId: 'content',
          details: { via: 'api' },
        });
        await admin.synonyms.apply();
        return reindexContent(hub);
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/search/reindex-jobs',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Start a reindex in the background (admin; audited); the index status shows its progress. While one runs, answers that one',
      response: ReindexJob,
      status: 202,
      handler: ({ actor }) => admin.reindexJobs.start(actor),
    }),
    route({
      method: 'get',
      path: '/api/admin/search/synonyms',
      tag: 'admin',
      roles: ['admin'],
      summary: 'The synonym groups applied to the content index (admin)',
      response: Synonyms,
      handler: () => admin.synonyms.get(),
    }),
    route({
      method: 'put',
      path: '/api/admin/search/synonyms',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Replace the synonym groups and apply them to the index (admin; audited; kept across restarts and reindexing)',
      body: ReplaceSynonyms,
      response: Synonyms,
      handler: ({ actor, body }) => admin.synonyms.replace(actor, body),
    }),
  ];
}
