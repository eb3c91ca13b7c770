import { canArchive, canEdit } from '../auth/access';
import { seesAllItems } from '../auth/policy';
import { createReadPolicy } from '../auth/readPolicy';
import type { Actor } from '../auth/schema';
import type { Dialect } from '../db/migrations';
import { createContentRequests } from './contentRequests';
import { createFlowFacts } from './facts';
import { deadContent } from './deadContent';
import { findExperts, type ExpertDeps } from './experts';
import { periodOf, pipelineGaps, searchGaps } from './gaps';
import { flowMetrics } from './metrics';
import type { DeadContentQuery, DeadContentReport, ExpertsQuery, PeriodQuery } from './schema';
import { flowScope } from './scope';

/**
 * Knowledge flow: dead content, content gaps, flow metrics and expert finding. Reports read the
 * usage events (through the incrementally refreshed facts of server/flow/facts.ts), the search
 * log and opportunities with grouped SQL aggregates.
 */
export function createFlowService(deps: ExpertDeps & { dialect: Dialect; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const requests = createContentRequests({ db: deps.db, users: deps.users, clock });
  const facts = createFlowFacts({ db: deps.db, dialect: deps.dialect, clock });
  const policy = createReadPolicy({ db: deps.db, store: deps.store, accessSubject: (r) => deps.content.accessSubject(r) });
  const visibleItems = (actor: Actor) => (ids: string[]) => policy.openableItems(actor, ids);
  /**
   * Keeps only the owner actions the viewer may take (the same rules content/changes.ts enforces):
   * a leader who is not an author is not offered Verify just to be refused with a 403.
   */
  async function withActionsTheViewerMayTake(actor: Actor, report: DeadContentReport): Promise<DeadContentReport> {
    const ids = report.owners.flatMap((o) => o.items.map((i) => i.id));
    const records = await deps.store.getMany(ids);
    const allowed = (id: string, action: string): boolean => {
      const record = records.get(id);
      if (!record) return false;
      const subject = deps.content.accessSubject(record);
      return action === 'archive' ? canArchive(actor, subject) : canEdit(actor, subject);
    };
    return {
      ...report,
      owners: report.owners.map((o) => ({ ...o, items: o.items.map((i) => ({ ...i, actions: i.actions.filter((a) => allowed(i.id, a.action)) })) })),
    };
  }

  return {
    requests,
    facts,
    async deadContent(actor: Actor, query: DeadContentQuery) {
      const scope = flowScope(actor, query);
      await facts.refresh();
      const report = await deadContent(deps.db, scope, query, clock(), { mayOpen: seesAllItems(actor) ? null : visibleItems(actor) });
      return withActionsTheViewerMayTake(actor, report);
    },
    searchGaps: async (actor: Actor, query: PeriodQuery) => searchGaps(deps.db, flowScope(actor, query), periodOf(query, clock())),
    pipelineGaps: async (actor: Actor, query: PeriodQuery) => pipelineGaps(deps.db, flowScope(actor, query), clock(), actor),
    async metrics(actor: Actor, query: PeriodQuery) {
      const scope = flowScope(actor, query);
      await facts.refresh();
      const now = clock();
      return flowMetrics(deps.db, deps.dialect, scope, periodOf(query, now), { actor, visibleItems: visibleItems(actor) }, now);
    },
    async experts(actor: Actor, query: ExpertsQuery) {
      await facts.refresh();
      return findExperts(deps, actor, query);
    },
  };
}
export type FlowService = ReturnType<typeof createFlowService>;
