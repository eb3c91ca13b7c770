import { z } from 'zod';
import { ANY_ROLE, route, type RouteDef } from '../http/route';
import {
  AcceptProposal,
  FacetProposal,
  FacetProposalList,
  KindParams,
  ProposalParams,
  ProposalQuery,
  ProposeFacetValue,
  RejectProposal,
  ReplaceTaxonomy,
  Taxonomies,
} from './schema';
import type { FacetProposals } from './proposals';
import type { TaxonomyService } from './service';

export function taxonomyRoutes(taxonomies: TaxonomyService, proposals: FacetProposals): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/taxonomies',
      tag: 'admin',
      roles: ANY_ROLE,
      summary: 'The admin-managed vocabularies (products with families, industries, competitors, reason codes…)',
      response: Taxonomies,
      handler: () => taxonomies.all(),
    }),
    route({
      method: 'put',
      path: '/api/taxonomies/:kind',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Replace one vocabulary (admin; audited)',
      params: KindParams,
      body: ReplaceTaxonomy,
      response: z.array(z.object({ value: z.string(), family: z.string().optional() })),
      handler: ({ actor, params, body }) => taxonomies.replace(actor, params.kind, body),
    }),
    route({
      method: 'post',
      path: '/api/taxonomies/proposals',
      tag: 'admin',
      roles: ['author', 'leader', 'admin'],
      summary: 'Propose a facet value the taxonomy lacks (admins are told; a repeat finds the pending proposal)',
      body: ProposeFacetValue,
      response: FacetProposal,
      status: 201,
      handler: ({ actor, body }) => proposals.propose(actor, body),
    }),
    route({
      method: 'get',
      path: '/api/taxonomies/proposals',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Proposed facet values, newest first (pending unless `status` says otherwise)',
      query: ProposalQuery,
      response: FacetProposalList,
      handler: ({ actor, query }) => proposals.list(actor, query.status),
    }),
    route({
      method: 'post',
      path: '/api/taxonomies/proposals/:id/accept',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Accept a proposal: the value joins its taxonomy (audited); the proposer is told',
      params: ProposalParams,
      body: AcceptProposal,
      response: FacetProposal,
      handler: ({ actor, params, body }) => proposals.accept(actor, params.id, body.family),
    }),
    route({
      method: 'post',
      path: '/api/taxonomies/proposals/:id/reject',
      tag: 'admin',
      roles: ['admin'],
      summary: 'Reject a proposal with a reason (audited); the proposer is told why',
      params: ProposalParams,
      body: RejectProposal,
      response: FacetProposal,
      handler: ({ actor, params, body }) => proposals.reject(actor, params.id, body.reason),
    }),
  ];
}
