import { ANY_ROLE, route, type RouteDef } from '../http/route';
import { SearchQuery, SearchResult } from './schema';
import type { SearchService } from './service';

export function searchRoutes(search: SearchService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/search',
      tag: 'search',
      roles: ANY_ROLE,
      summary: 'Full-text search with typo tolerance, synonyms, facets and highlights',
      query: SearchQuery,
      response: SearchResult,
      handler: ({ actor, query }) => search.search(actor, query),
    }),
  ];
}
