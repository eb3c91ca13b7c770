import { ANY_ROLE, route, SerializedJson, type RouteDef } from '../http/route';
import { SearchQuery, SearchResult } from './schema';
import { serializeSearchResult } from './serialize';
import type { SearchService } from './service';

export function searchRoutes(search: SearchService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/search', tag: 'search', roles: ANY_ROLE, summary: 'Full-text search with typo tolerance, synonyms, facets and highlights',
      query: SearchQuery, response: SearchResult,
      handler: async ({ actor, query }) => {
        const result = await search.search(actor, query);
        return new SerializedJson(result, serializeSearchResult(result));
      },
    }),
  ];
}
