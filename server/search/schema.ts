import { z } from 'zod';
import { CONTENT_TYPES, FACET_FIELDS, Freshness, KIND } from '../content/schema';
import { stringList, pageLimit } from '../http/route';
import { SemanticInfo } from './semantic';

const facetParam = stringList({ items: 20, length: 200 });

export const SEARCH_FACETS = [...FACET_FIELDS, 'kind', 'contentType'] as const;

export const SearchQuery = z
  .object({
    q: z.string().max(500, 'at most 500 characters').default(''),
    kind: stringList({ items: 2, length: 20 }).pipe(z.array(z.enum(KIND))),
    contentType: stringList({ items: 13, length: 40 }).pipe(z.array(z.enum(CONTENT_TYPES))),
    products: facetParam,
    industries: facetParam,
    segments: facetParam,
    regions: facetParam,
    competitors: facetParam,
    stages: facetParam,
    personas: facetParam,
    authors: facetParam,
    page: z.coerce.number().int().min(1).max(500).default(1),
    limit: pageLimit(20, 100),
    // reused: most reused by others first (the index's reuseCount, refreshed as usage is folded).
    sort: z.enum(['relevance', 'newest', 'updated', 'reused']).default('relevance'),
    /**
     * 0: keywords only; 1: ranked by meaning first; in between, both blended. Absent: the default
     * ratio (DEFAULT_SEMANTIC_RATIO) for queries of a few words, keywords for shorter ones
     * (server/search/semantic.ts).
     */
    semanticRatio: z.coerce.number().min(0, 'between 0 and 1').max(1, 'between 0 and 1').optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

export const AuthorRef = z.object({ userId: z.string(), name: z.string(), role: z.string() });

export const SearchHit = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.string(),
  contentType: z.string(),
  authors: z.array(AuthorRef),
  products: z.array(z.string()),
  industries: z.array(z.string()),
  competitors: z.array(z.string()),
  stages: z.array(z.string()),
  personas: z.array(z.string()),
  updatedAt: z.string(),
  verifiedAt: z.string().nullable(),
  freshness: Freshness,
  highlight: z.object({ title: z.string(), summary: z.string() }),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  hits: z.array(SearchHit),
  facets: z.record(z.string(), z.record(z.string(), z.number())),
  /** Exact up to the engine's cap (10,000); at the cap, at least this many match. */
  total: z.number().int(),
  /** True when `total` is the engine's cap and more items may match: show it as "10,000+". */
  totalIsLowerBound: z.boolean(),
  page: z.number().int(),
  limit: z.number().int(),
  totalPages: z.number().int(),
  processingTimeMs: z.number(),
  /** How the hits were ranked; `unavailable`: the embedder failed and these are keyword results. */
  semantic: SemanticInfo,
});
export type SearchResult = z.infer<typeof SearchResult>;
