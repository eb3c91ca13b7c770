import { canSee, searchAccessClause } from '../auth/access';
import type { Actor } from '../auth/schema';
import { SearchEngineError, SearchUnavailableError, type MeiliClient, type SearchResponse } from '../../search-index/client';
import { anyOf, noneOf } from './filters';
import { MAX_TOTAL_HITS, type FilterableAttribute } from './contentIndex';
import type { ContentSearchDocument } from '../content/searchDocument';
import { freshnessOf, type ContentService } from '../content/service';
import type { ContentStore } from '../content/store';
import type { SearchLogEntry } from '../flow/searchLog';
import { AppError, Unavailable } from '../errors';
import { POST, PRE, safeHighlight } from './highlight';
import type { HitCards } from './hitCards';
import { blendedSearch, MAX_BLEND_WINDOW } from './blend';
import { keywordPlan, type SemanticSearch } from './semantic';
import { SEARCH_FACETS, type SearchQuery, type SearchResult } from './schema';

export interface SearchServiceDeps {
  client: MeiliClient;
  indexUid: string;
  store: ContentStore;
  content: ContentService;
  /** The display fields of hits (Meilisearch returns ids, document hashes and highlights). */
  cards: HitCards;
  /**
   * How long the list of pending narrowings may be reused, in ms (HUB_AUTH_CACHE_SECONDS; 0: read
   * on every search). A narrowing written by this process ends the reuse at once.
   */
  pendingCacheMs?: number;
  /** Hybrid ranking (server/search/semantic.ts); absent: keyword only. */
  semantic?: SemanticSearch;
  /** Told about each successful search (the content-gap log); must be synchronous and cheap. */
  onSearch?: (entry: SearchLogEntry) => void;
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

const FACET_SET = new Set<string>(SEARCH_FACETS);

/** The engine's sort for each sort option (relevance: the ranking rules alone). */
const SORTS: Record<SearchQuery['sort'], string[] | undefined> = {
  relevance: undefined,
  newest: ['publishedAtTs:desc'],
  updated: ['updatedAtTs:desc'],
  reused: ['reuseCount:desc', 'publishedAtTs:desc'],
};

/** The filter groups the user chose values in: OR within a group (IN), AND across groups. */
function selectedGroups(query: SearchQuery): { attr: FilterableAttribute; clause: string; facet: boolean }[] {
  return FILTER_PARAMS.flatMap(([param, attr]) => {
    const values = query[param] as string[];
    return values.length ? [{ attr, clause: anyOf(attr, values), facet: FACET_SET.has(attr) }] : [];
  });
}

/** Pending narrowing changes the access filter double-checks one by one. */
const MAX_PENDING_CHECKED = 5000;

/** The rest of each hit comes from the hit cards (server/search/hitCards.ts). */
const RETRIEVE = ['id', 'docHash'];

/** How long the engine's hit-count cap is trusted before it is read again. */
const CAP_TTL_MS = 60_000;

/** Translates engine failures into the hub's error model. */
export function engineError(err: unknown): AppError {
  if (err instanceof SearchUnavailableError) return new Unavailable('Search is temporarily unavailable; please retry', { cause: err });
  if (err instanceof SearchEngineError)
    return new AppError(502, 'search_failed', 'The search engine refused the query', undefined, { cause: err });
  return err instanceof AppError ? err : new AppError(500, 'internal', 'Internal server error', undefined, { cause: err });
}

export function createSearchService(deps: SearchServiceDeps) {
  let cap: { at: number; value: Promise<number> } | null = null;
  /**
   * The index's pagination.maxTotalHits: Meilisearch counts hits exactly up to it and reports the
   * cap beyond. Read from the engine (not the index definition in code) so a changed index still
   * tells the truth; cached briefly, and the defined value stands in if the engine cannot say.
   */
  function maxTotalHits(): Promise<number> {
    const now = Date.now();
    if (!cap || now - cap.at > CAP_TTL_MS) {
      const value = deps.client.getPagination(deps.indexUid).then(
        (p) => p.maxTotalHits ?? MAX_TOTAL_HITS,
        () => {
          cap = null;
          return MAX_TOTAL_HITS;
        },
      );
      cap = { at: now, value };
    }
    return cap.value;
  }

  // The narrowing changes not yet relayed: one database read per search was a large share of a
  // search's CPU, and the list changes only when access narrows (which bumps the generation here).
  let pending: { at: number; generation: number; ids: Promise<string[]> } | null = null;
  function pendingNarrowedIds(): Promise<string[]> {
    const now = Date.now();
    const generation = deps.store.narrowingGeneration();
    const ttl = deps.pendingCacheMs ?? 0;
    if (pending && pending.generation === generation && now - pending.at < ttl) return pending.ids;
    const ids = deps.store.pendingNarrowedIds(MAX_PENDING_CHECKED + 1);
    const entry = { at: now, generation, ids };
    pending = entry;
    // Not reused when it failed or overflowed: search then fails closed, and must recover as soon
    // as the relay catches up rather than a cache lifetime later.
    ids.then(
      (list) => {
        if (list.length > MAX_PENDING_CHECKED && pending === entry) pending = null;
      },
      () => {
        if (pending === entry) pending = null;
      },
    );
    return ids;
  }

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
    const narrowed = await pendingNarrowedIds();
    // More than one filter can list: fail closed rather than let the unlisted ones through.
    if (narrowed.length > MAX_PENDING_CHECKED) throw new Unavailable('Search is catching up with access changes; please retry in a moment');
    if (narrowed.length) {
      const records = await deps.store.getMany(narrowed);
      const hidden = narrowed.filter((id) => {
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
      const access = await accessFilters(actor);
      const chosen = selectedGroups(query);
      const sort = SORTS[query.sort];
      const engineCap = maxTotalHits();
      const plan = deps.semantic ? await deps.semantic.plan(query.q, query.semanticRatio) : keywordPlan();
      type Hit = Pick<ContentSearchDocument, 'id' | 'docHash'>;
      const display = {
        attributesToRetrieve: RETRIEVE,
        attributesToHighlight: ['title', 'summary'],
        highlightPreTag: PRE,
        highlightPostTag: POST,
      };
      const main = {
        indexUid: deps.indexUid,
        q: query.q,
        filter: [...access, ...chosen.map((g) => g.clause)],
        facets: [...SEARCH_FACETS],
        page: query.page,
        hitsPerPage: query.limit,
        ...display,
        ...(sort ? { sort } : {}),
      };
      // Disjunctive facets: a group's counts ignore that group's own selection (ticking a second
      // product shows how many more it adds) but keep every other group's and the access clauses.
      // One sub-query per selected facet group, all in the same multi-search round trip.
      const disjunctive = chosen
        .filter((g) => g.facet)
        .map((g) => ({
          indexUid: deps.indexUid,
          q: query.q,
          filter: [...access, ...chosen.filter((o) => o !== g).map((o) => o.clause)],
          facets: [g.attr],
          limit: 0,
        }));
      type Answer = {
        hits: SearchResponse<Hit>['hits'];
        totalHits: number;
        totalPages: number;
        facetDistribution?: Record<string, Record<string, number>>;
        groupFacets: Record<string, Record<string, number>>;
        processingTimeMs: number;
      };
      const byKeywords = async (): Promise<Answer> => {
        const groupFacets: Record<string, Record<string, number>> = {};
        let res: SearchResponse<Hit>;
        if (disjunctive.length === 0) {
          const { indexUid: _uid, ...params } = main;
          res = await deps.client.search<Hit>(deps.indexUid, params);
        } else {
          const [first, ...rest] = await deps.client.multiSearch<Hit>([main, ...disjunctive]);
          rest.forEach((r, i) => {
            const attr = disjunctive[i]?.facets[0] as string;
            groupFacets[attr] = r.facetDistribution?.[attr] ?? {};
          });
          res = first as SearchResponse<Hit>;
        }
        // Page-based pagination (page, hitsPerPage): Meilisearch always answers with both totals.
        return {
          hits: res.hits,
          totalHits: res.totalHits ?? 0,
          totalPages: res.totalPages ?? 0,
          facetDistribution: res.facetDistribution,
          groupFacets,
          processingTimeMs: res.processingTimeMs,
        };
      };
      let answer: Answer;
      let semantic = plan.info;
      try {
        const vector = plan.vector;
        if (vector && query.page * query.limit <= MAX_BLEND_WINDOW) {
          try {
            const b = await blendedSearch({
              client: deps.client,
              indexUid: deps.indexUid,
              plan: { ...plan, vector },
              q: query.q,
              access,
              groups: chosen,
              facets: SEARCH_FACETS,
              page: query.page,
              limit: query.limit,
              sort,
              display,
            });
            answer = { ...b, hits: b.hits as SearchResponse<Hit>['hits'], totalPages: Math.ceil(b.totalHits / query.limit) };
          } catch (err) {
            // The engine refused the vector part (an embedder being rebuilt after a change of
            // model, say): the same search by keywords answers instead, flagged.
            if (!(err instanceof SearchEngineError) || err instanceof SearchUnavailableError) throw err;
            deps.semantic?.log(`search: the engine refused the hybrid query (${err.message}); answering by keywords`);
            answer = await byKeywords();
            semantic = { mode: 'unavailable', semanticRatio: plan.info.semanticRatio };
          }
        } else {
          // Deeper than the blended window: keyword ranking, and the answer says so.
          answer = await byKeywords();
          semantic = vector ? keywordPlan().info : plan.info;
        }
      } catch (err) {
        throw engineError(err);
      }
      const res = answer;
      const { totalHits, totalPages } = res;
      const cards = await deps.cards.resolve(res.hits);
      // A hit whose document left the index since the search is left out.
      const hits = res.hits.flatMap((h) => {
        const card = cards.get(h.id);
        return card ? [{ hit: h, card, formatted: h._formatted as { title?: string; summary?: string } | undefined }] : [];
      });
      deps.onSearch?.({
        actorId: actor.id,
        actorRole: actor.role,
        q: query.q,
        filters: Object.fromEntries(FILTER_PARAMS.map(([param]) => [param, query[param] as string[]])),
        total: totalHits,
        hitIds: hits.map(({ card }) => card.id),
      });
      const now = new Date();
      return {
        hits: hits.map(({ hit, card, formatted }) => ({
          id: card.id,
          title: card.title,
          summary: card.summary,
          kind: card.kind,
          contentType: card.contentType,
          authors: card.authors,
          products: card.products,
          industries: card.industries,
          competitors: card.competitors,
          stages: card.stages,
          personas: card.personas,
          updatedAt: card.updatedAt,
          verifiedAt: card.verifiedAt,
          // From the indexed document (readers' outdated flags show on the item itself).
          freshness: freshnessOf(
            { verifiedAt: card.verifiedAt, verifyEveryDays: card.verifyEveryDays ?? null, expiresAt: card.expiresAt ?? null },
            now,
          ),
          // When the document changed between the search and the card's fetch, the highlights
          // would mark an older text: the card's own text is shown unhighlighted instead.
          highlight:
            hit.docHash === card.docHash
              ? { title: safeHighlight(formatted?.title, card.title), summary: safeHighlight(formatted?.summary, card.summary) }
              : { title: safeHighlight(undefined, card.title), summary: safeHighlight(undefined, card.summary) },
        })),
        facets: Object.fromEntries(SEARCH_FACETS.map((f) => [f, res.groupFacets[f] ?? res.facetDistribution?.[f] ?? {}])),
        total: totalHits,
        // At the cap the engine stopped counting: more may match (the page shows "10,000+").
        totalIsLowerBound: totalHits >= (await engineCap),
        page: query.page,
        limit: query.limit,
        totalPages,
        processingTimeMs: res.processingTimeMs,
        semantic,
      };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
