import type { MeiliClient, MultiSearchQuery, SearchResponse } from '../../search-index/client';
import { anyOf } from './filters';
import type { FilterableAttribute } from './contentIndex';
import { MAX_SEMANTIC_HITS, SEMANTIC_BAND, type HybridPlan } from './semantic';

/**
 * Hybrid ad hoc search with the two sides floored separately. Meilisearch's own hybrid search
 * applies one `rankingScoreThreshold` to keyword and vector hits alike, and no single value keeps
 * the library's vector noise (every item is somewhat near any query) out of totals and facet
 * counts without also dropping keyword hits that match in the body or through a synonym. So:
 *
 *  1. meaning: the items nearest the query's vector above the semantic floor and within a band
 *     of the nearest one (one query for the user's filters, and one per selected facet group
 *     without that group's filter, for the disjunctive counts);
 *  2. keywords: the ordinary keyword search (the first `page × limit` hits, exact totals and
 *     facets, each facet group's own counts) and, in the same round trip, which of the items
 *     found by meaning also match the words (a filter on their ids, quoted by `anyOf`);
 *  3. the items found by meaning alone are added: to the total, to each facet count, and to the
 *     ranking, where each item's score is the larger of keyword score × (1 − ratio) and semantic
 *     score × ratio (as Meilisearch blends).
 *
 * The first `page × limit` keyword hits are enough for an exact page: an item outside them and
 * not found by meaning scores at most what each of them scores.
 */

/** Blending needs the first page × limit keyword hits; deeper pages are answered by keywords. */
export const MAX_BLEND_WINDOW = 1000;

export type BlendHit = { id: string; docHash: string; _formatted?: Record<string, unknown>; _rankingScore?: number } & Record<
  string,
  unknown
>;

export interface BlendInput {
  client: MeiliClient;
  indexUid: string;
  plan: HybridPlan & { vector: number[] };
  q: string;
  access: string[];
  groups: { attr: FilterableAttribute; clause: string; facet: boolean }[];
  facets: readonly string[];
  page: number;
  limit: number;
  sort?: string[];
  /** The keyword query's display parameters (highlights, retrieved attributes). */
  display: Pick<MultiSearchQuery, 'attributesToRetrieve' | 'attributesToHighlight' | 'highlightPreTag' | 'highlightPostTag'>;
}

export interface BlendResult {
  hits: BlendHit[];
  totalHits: number;
  facetDistribution: Record<string, Record<string, number>>;
  /** Each selected facet group's own counts (without that group's selection). */
  groupFacets: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

const sortAttrs = (sort?: string[]) => (sort ?? []).map((s) => s.split(':')[0] as string);

/** Orders by the sort option's attributes when there is one, by blended score otherwise. */
function comparator(sort: string[] | undefined) {
  const keys = (sort ?? []).map((s) => {
    const [attr, dir] = s.split(':') as [string, string];
    return { attr, sign: dir === 'desc' ? -1 : 1 };
  });
  return (a: { doc: BlendHit; score: number; at: number }, b: { doc: BlendHit; score: number; at: number }): number => {
    for (const { attr, sign } of keys) {
      const x = a.doc[attr];
      const y = b.doc[attr];
      // Documents without the attribute come last, as in Meilisearch.
      if (typeof x !== 'number' || typeof y !== 'number') {
        if (typeof x === 'number') return -1;
        if (typeof y === 'number') return 1;
        continue;
      }
      if (x !== y) return sign * (x - y);
    }
    return b.score - a.score || a.at - b.at;
  };
}

/** Adds the facet values of the items found by meaning alone to the engine's counts. */
function addCounts(base: Record<string, number> | undefined, attr: string, docs: BlendHit[]): Record<string, number> {
  const out = { ...(base ?? {}) };
  for (const d of docs) {
    const raw = d[attr];
    const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    for (const v of new Set(values.map(String))) out[v] = (out[v] ?? 0) + 1;
  }
  return out;
}

export async function blendedSearch(input: BlendInput): Promise<BlendResult> {
  const { client, indexUid, plan, groups } = input;
  const ratio = plan.info.semanticRatio;
  const window = input.page * input.limit;
  const facetGroups = groups.filter((g) => g.facet);
  const filterWithout = (skip?: (typeof groups)[number]) => [...input.access, ...groups.filter((g) => g !== skip).map((g) => g.clause)];

  // 1. Meaning: the main filter, then one per selected facet group without that group.
  const semantic = (filter: string[]): MultiSearchQuery => ({
    indexUid,
    q: '',
    vector: plan.vector,
    hybrid: { embedder: plan.embedder, semanticRatio: 1 },
    rankingScoreThreshold: plan.floor,
    filter,
    limit: MAX_SEMANTIC_HITS,
    showRankingScore: true,
    attributesToRetrieve: ['id', 'docHash', ...input.facets, ...sortAttrs(input.sort)],
  });
  const [near, ...nearPerGroup] = await client.multiSearch<BlendHit>([
    semantic(filterWithout()),
    ...facetGroups.map((g) => semantic(filterWithout(g))),
  ]);
  // Only the items nearly as near as the nearest count as found (SEMANTIC_BAND).
  const best = Math.max(0, ...[near, ...nearPerGroup].flatMap((r) => (r?.hits ?? []).map((h) => h._rankingScore ?? 0)));
  for (const r of [near, ...nearPerGroup]) if (r) r.hits = r.hits.filter((h) => (h._rankingScore ?? 0) >= best - SEMANTIC_BAND);
  const nearIds = [...new Set([near, ...nearPerGroup].flatMap((r) => (r as SearchResponse<BlendHit>).hits.map((h) => h.id)))];

  // 2. Keywords, and which of the items found by meaning match the words too.
  const keyword: MultiSearchQuery = {
    indexUid,
    q: input.q,
    filter: filterWithout(),
    facets: [...input.facets],
    page: 1,
    hitsPerPage: window,
    showRankingScore: true,
    ...input.display,
    attributesToRetrieve: [...(input.display.attributesToRetrieve ?? []), ...sortAttrs(input.sort)],
    ...(input.sort ? { sort: input.sort } : {}),
  };
  const perGroup = facetGroups.map(
    (g): MultiSearchQuery => ({ indexUid, q: input.q, filter: filterWithout(g), facets: [g.attr], limit: 0 }),
  );
  const alsoWords: MultiSearchQuery[] = nearIds.length
    ? [{ ...keyword, filter: [...input.access, anyOf('id', nearIds)], facets: [], page: 1, hitsPerPage: nearIds.length }]
    : [];
  const [kw, ...rest] = await client.multiSearch<BlendHit>([keyword, ...perGroup, ...alsoWords]);
  const keywordRes = kw as SearchResponse<BlendHit>;
  const groupRes = rest.slice(0, perGroup.length);
  const matchedWords = new Map((rest[perGroup.length]?.hits ?? []).map((h) => [h.id, h]));
  const byMeaningAlone = (r: SearchResponse<BlendHit> | undefined) => (r?.hits ?? []).filter((h) => !matchedWords.has(h.id));

  // 3. The blend: totals and counts gain the items found by meaning alone; the ranking takes each
  // item's better side.
  const additions = byMeaningAlone(near);
  const facetDistribution = Object.fromEntries(input.facets.map((f) => [f, addCounts(keywordRes.facetDistribution?.[f], f, additions)]));
  const groupFacets: Record<string, Record<string, number>> = {};
  facetGroups.forEach((g, i) => {
    groupFacets[g.attr] = addCounts(groupRes[i]?.facetDistribution?.[g.attr], g.attr, byMeaningAlone(nearPerGroup[i]));
  });
  const semanticScore = new Map(near?.hits.map((h) => [h.id, (h._rankingScore ?? 0) * ratio]) ?? []);
  const candidates = new Map<string, { doc: BlendHit; score: number; at: number }>();
  const put = (doc: BlendHit, score: number) => {
    const seen = candidates.get(doc.id);
    if (!seen || score > seen.score)
      candidates.set(doc.id, { doc: seen?.doc._formatted ? seen.doc : doc, score, at: seen?.at ?? candidates.size });
  };
  for (const h of keywordRes.hits) put(h, Math.max((h._rankingScore ?? 0) * (1 - ratio), semanticScore.get(h.id) ?? 0));
  // Items found by meaning that also match the words, wherever their keyword rank is.
  for (const h of matchedWords.values())
    if (semanticScore.has(h.id)) put(h, Math.max((h._rankingScore ?? 0) * (1 - ratio), semanticScore.get(h.id) ?? 0));
  for (const h of additions) put(h, semanticScore.get(h.id) ?? 0);
  const ranked = [...candidates.values()].sort(comparator(input.sort));
  return {
    hits: ranked.slice((input.page - 1) * input.limit, window).map((c) => c.doc),
    totalHits: (keywordRes.totalHits ?? 0) + additions.length,
    facetDistribution,
    groupFacets,
    processingTimeMs: [near, ...nearPerGroup, kw, ...rest].reduce((s, r) => s + (r?.processingTimeMs ?? 0), 0),
  };
}
