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
import type { DeadContentQuery, ExpertsQuery, PeriodQuery } from './schema';
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
  return {
    requests,
    facts,
    async deadContent(actor: Actor, query: DeadContentQuery) {
      const scope = flowScope(actor, query);
      await facts.refresh();
      return deadContent(deps.db, scope, query, clock(), { mayOpen: seesAllItems(actor) ? null : visibleItems(actor) });
    },
    searchGaps: async (actor: Actor, query: PeriodQuery) => searchGaps(deps.db, flowScope(actor, query), periodOf(query, clock())),
    pipelineGaps: async (actor: Actor, query: PeriodQuery) => pipelineGaps(deps.db, flowScope(actor, query), clock(), actor),
    async metrics(actor: Actor, query: PeriodQuery) {
      const scope = flowScope(actor, query);
      await facts.refresh();
      return flowMetrics(deps.db, deps.dialect, scope, periodOf(query, clock()), { actor, visibleItems: visibleItems(actor) });
    },
    async experts(actor: Actor, query: ExpertsQuery) {
      await facts.refresh();
      return findExperts(deps, actor, query);
    },
  };
}
export type FlowService = ReturnType<typeof createFlowService>;
