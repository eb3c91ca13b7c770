import type { Actor } from '../auth/schema';
import { createContentRequests } from './contentRequests';
import { deadContent } from './deadContent';
import { findExperts, type ExpertDeps } from './experts';
import { periodOf, pipelineGaps, searchGaps } from './gaps';
import { flowMetrics } from './metrics';
import type { DeadContentQuery, ExpertsQuery, PeriodQuery } from './schema';
import { flowScope } from './scope';

/**
 * Knowledge flow: dead content, content gaps, flow metrics and expert finding. Reports read the
 * usage events, search log and opportunities with grouped SQL aggregates; nothing is cached, so
 * every answer matches a from-scratch computation by construction.
 */
export function createFlowService(deps: ExpertDeps & { clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const requests = createContentRequests({ db: deps.db, users: deps.users, clock });
  return {
    requests,
    deadContent: (actor: Actor, query: DeadContentQuery) => deadContent(deps.db, flowScope(actor, query), query, clock()),
    searchGaps: (actor: Actor, query: PeriodQuery) => searchGaps(deps.db, flowScope(actor, query), periodOf(query, clock())),
    pipelineGaps: (actor: Actor, query: PeriodQuery) => pipelineGaps(deps.db, flowScope(actor, query), clock()),
    metrics: (actor: Actor, query: PeriodQuery) => flowMetrics(deps.db, flowScope(actor, query), periodOf(query, clock())),
    experts: (actor: Actor, query: ExpertsQuery) => findExperts(deps, actor, query),
  };
}
export type FlowService = ReturnType<typeof createFlowService>;
