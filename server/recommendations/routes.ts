import { ANY_ROLE, IdParams, route, type RouteDef } from '../http/route';
import { KnowledgeQuery, OpportunityKnowledge } from './schema';
import type { RecommendationService } from './service';

export function recommendationRoutes(recommendations: RecommendationService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/opportunities/:id/knowledge',
      tag: 'opportunities',
      roles: ANY_ROLE,
      summary: 'Capability and situational knowledge for this deal, with the reasons for each suggestion, and the experts',
      params: IdParams,
      query: KnowledgeQuery,
      response: OpportunityKnowledge,
      handler: ({ actor, params, query }) => recommendations.forOpportunity(actor, params.id, query.limit),
    }),
  ];
}
