import { z } from 'zod';
import { ANY_ROLE, route, type RouteDef } from '../http/route';
import { KindParams, ReplaceTaxonomy, Taxonomies } from './schema';
import type { TaxonomyService } from './service';

export function taxonomyRoutes(taxonomies: TaxonomyService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/taxonomies', tag: 'admin', roles: ANY_ROLE, summary: 'The admin-managed vocabularies (products with families, industries, competitors, reason codes…)',
      response: Taxonomies,
      handler: () => taxonomies.all(),
    }),
    route({
      method: 'put', path: '/api/taxonomies/:kind', tag: 'admin', roles: ['admin'], summary: 'Replace one vocabulary (admin; audited)',
      params: KindParams, body: ReplaceTaxonomy, response: z.array(z.object({ value: z.string(), family: z.string().optional() })),
      handler: ({ actor, params, body }) => taxonomies.replace(actor, params.kind, body),
    }),
  ];
}
