import { FACET_FIELDS } from '../content/schema';
import type { MeiliClient } from '../../search-index/client';
import { applyIndexSettings, type IndexVectors } from '../../search-index/indexSettings';

export { loadSynonymGroups, loadSynonyms, synonymMap, type IndexVectors } from '../../search-index/indexSettings';

/** Attributes a filter may name (a set: Meilisearch ignores the order). Anything else is refused before it reaches the engine. */
export const FILTERABLE_ATTRIBUTES = [
  'id',
  'kind',
  'contentType',
  ...FACET_FIELDS,
  'productFamilies',
  'audience',
  'authorIds',
  'ownerId',
  'visibilityScope',
  'visibleTeams',
  'visibleUsers',
  'publishedAtTs',
  'updatedAtTs',
  'verifiedAtTs',
  'expiresAtTs',
] as const;
export type FilterableAttribute = (typeof FILTERABLE_ATTRIBUTES)[number];

/** Meilisearch counts hits exactly up to this many; search reports a larger count as a lower bound. */
export const MAX_TOTAL_HITS = 10_000;

/**
 * The content index, defined in code and applied idempotently at start.
 * Searchable attributes are in priority order: a match in the title outranks one in the body.
 */
export function contentIndexSettings(synonyms: Record<string, string[]>, vectors?: IndexVectors): Record<string, unknown> {
  return {
    // The hub computes every vector itself (items through the outbox, queries at search time).
    ...(vectors ? { embedders: { [vectors.embedder]: { source: 'userProvided', dimensions: vectors.dimensions } } } : {}),
    searchableAttributes: [
      'title',
      'summary',
      'products',
      'competitors',
      'industries',
      'personas',
      'stages',
      'segments',
      'regions',
      'productFamilies',
      'authorNames',
      'body',
    ],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: ['publishedAtTs', 'updatedAtTs', 'verifiedAtTs', 'title', 'reuseCount'],
    // Meilisearch's default rules. (A custom `updatedAtTs:desc` tie-break would make placeholder
    // and keyword queries incomparable in a federated search; freshness is a `sort` option instead.)
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance: {
      enabled: true,
      // Sales vocabulary is full of short words ("pricing", "budget"): allow one typo from 4 letters.
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnAttributes: [],
      disableOnWords: [],
    },
    synonyms,
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/** Creates the content index if needed and applies its definition only when it differs (no needless reindexing). */
export function ensureContentIndex(
  client: MeiliClient,
  indexUid: string,
  synonyms: Record<string, string[]>,
  vectors?: IndexVectors,
): Promise<void> {
  return applyIndexSettings(client, indexUid, contentIndexSettings(synonyms, vectors), vectors);
}
