import { canSee, searchAccessClause } from '../auth/access';
import type { Actor } from '../auth/schema';
import { SearchEngineError, SearchUnavailableError, type MeiliClient } from '../../search-index/client';
import { anyOf, noneOf } from '../../search-index/filters';
import type { FilterableAttribute } from '../../search-index/settings';
import type { ContentSearchDocument } from '../content/searchDocument';
import { freshnessOf, type ContentService } from '../content/service';
import type { ContentStore } from '../content/store';
import { AppError, Unavailable } from '../errors';
import { POST, PRE, safeHighlight } from './highlight';
import { SEARCH_FACETS, type SearchQuery, type SearchResult } from './schema';

export interface SearchServiceDeps {
  client: MeiliClient;
  indexUid: string;
  store: ContentStore;
  content: ContentService;
  /** Told about each successful search (the content-gap log); must be synchronous and cheap. */
  onSearch?: (entry: { actorId: string; actorRole: string; q: string; filters: Record<string, string[]>; total: number; hitIds: string[] }) => void;
}

const FILTER_PARAMS: [keyof SearchQuery, FilterableAttribute][] = [
  ['kind', 'kind'],
  ['contentType', 'contentType'],
  ['products', 'products'],
  ['industries', 'industries'],
  ['segments', 'segments'],
  ['regions', 'regions'],
  ['competitors', 'competitors'],
  ['stages', 'stages'],
  ['personas', 'personas'],
  ['authors', 'authorIds'],
];

/** Pending narrowing changes the access filter double-checks one by one. */
const MAX_PENDING_CHECKED = 5000;

const RETRIEVE = ['id', 'title', 'summary', 'kind', 'contentType', 'authors', 'products', 'industries', 'competitors', 'stages', 'personas', 'updatedAt', 'verifiedAt', 'verifyEveryDays', 'expiresAt'];

/** Translates engine failures into the hub's error model. */
export function engineError(err: unknown): AppError {
  if (err instanceof SearchUnavailableError) return new Unavailable('Search is temporarily unavailable; please retry', { cause: err });
  if (err instanceof SearchEngineError) return new AppError(502, 'search_failed', 'The search engine refused the query', undefined, { cause: err });
  return err instanceof AppError ? err : new AppError(500, 'internal', 'Internal server error', undefined, { cause: err });
}

export function createSearchService(deps: SearchServiceDeps) {
  /**
   * The filter clauses that decide what this actor may see. Each is its own element of the
   * filter array, so Meilisearch ANDs them with the user's facet filters.
   */
  async function accessFilters(actor: Actor): Promise<string[]> {
    const clauses: string[] = [];
    const access = searchAccessClause(actor);
    if (access) clauses.push(access);
    // A narrowing change not yet relayed: the index may still list the item for people who
    // just lost access (or after archiving). Ask the database, and hide what it refuses.
    const pending = await deps.store.pendingNarrowedIds(MAX_PENDING_CHECKED + 1);
    // More than one filter can list: fail closed rather than let the unlisted ones through.
    if (pending.length > MAX_PENDING_CHECKED) throw new Unavailable('Search is catching up with access changes; please retry in a moment');
    if (pending.length) {
      const records = await deps.store.getMany(pending);
      const hidden = pending.filter((id) => {
        const r = records.get(id);
        return !r || r.status !== 'published' || !canSee(actor, deps.content.accessSubject(r));
      });
      if (hidden.length) clauses.push(noneOf('id', hidden));
    }
    return clauses;
  }

  return {
    accessFilters,

    async search(actor: Actor, query: SearchQuery): Promise<SearchResult> {
      const filter: string[] = await accessFilters(actor);
      for (const [param, attr] of FILTER_PARAMS) {
        const values = query[param] as string[];
        if (values.length) filter.push(anyOf(attr, values));
      }
      const sort = query.sort === 'newest' ? ['publishedAtTs:desc'] : query.sort === 'updated' ? ['updatedAtTs:desc'] : undefined;
      let res;
      try {
        res = await deps.client.request<{
          hits: (ContentSearchDocument & { _formatted?: { title?: string; summary?: string } })[];
          totalHits: number;
          totalPages: number;
          facetDistribution?: Record<string, Record<string, number>>;
          processingTimeMs: number;
        }>('POST', `/indexes/${encodeURIComponent(deps.indexUid)}/search`, {
          q: query.q,
          filter,
          facets: [...SEARCH_FACETS],
          page: query.page,
          hitsPerPage: query.limit,
          attributesToRetrieve: RETRIEVE,
          attributesToHighlight: ['title', 'summary'],
          highlightPreTag: PRE,
          highlightPostTag: POST,
          ...(sort ? { sort } : {}),
        });
      } catch (err) {
        throw engineError(err);
      }
      deps.onSearch?.({
        actorId: actor.id,
        actorRole: actor.role,
        q: query.q,
        filters: Object.fromEntries(FILTER_PARAMS.map(([param]) => [param, query[param] as string[]])),
        total: res.totalHits,
        hitIds: res.hits.map((h) => h.id),
      });
      const now = new Date();
      return {
        hits: res.hits.map((h) => ({
          id: h.id,
          title: h.title,
          summary: h.summary,
          kind: h.kind,
          contentType: h.contentType,
          authors: h.authors,
          products: h.products,
          industries: h.industries,
          competitors: h.competitors,
          stages: h.stages,
          personas: h.personas,
          updatedAt: h.updatedAt,
          verifiedAt: h.verifiedAt,
          // From the index alone (readers' outdated flags show on the item itself).
          freshness: freshnessOf({ verifiedAt: h.verifiedAt, verifyEveryDays: h.verifyEveryDays ?? null, expiresAt: h.expiresAt ?? null }, now),
          highlight: { title: safeHighlight(h._formatted?.title, h.title), summary: safeHighlight(h._formatted?.summary, h.summary) },
        })),
        facets: Object.fromEntries(SEARCH_FACETS.map((f) => [f, res.facetDistribution?.[f] ?? {}])),
        total: res.totalHits,
        page: query.page,
        limit: query.limit,
        totalPages: res.totalPages,
        processingTimeMs: res.processingTimeMs,
      };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
