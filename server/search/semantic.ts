import { z } from 'zod';
import { EMBEDDER_NAME, isZero, type Embedder } from '../embeddings/embedder';
import { tokenize } from '../embeddings/sif';

/**
 * The blend a search gets when it does not say: meaning counts for 30 %. Keyword scores of hits
 * that match the query's words are 0.5–1, semantic scores of good matches 0.75–0.85, so at 0.3 a
 * keyword hit scoring above ~0.35 stays ahead of any item found by meaning alone (an exact query
 * keeps its keyword hits first), while a described situation, whose keyword hits match one or two
 * common words (scores 0.1–0.25), gets the items that tell it (test/relevance).
 */
export const DEFAULT_SEMANTIC_RATIO = 0.3;

/**
 * Only a query of at least this many (known) words is blended by default: the vector of one or two words
 * is near whole topics (with the offline default, "pricing" scores 62 of the demo's 135 items
 * above 0.75, few of them about pricing), so short queries stay keyword queries unless the client
 * asks for a semanticRatio itself.
 */
export const MIN_DEFAULT_SEMANTIC_WORDS = 3;

/**
 * The floor of items found by meaning alone (Meilisearch's similarity is (1 + cosine) / 2, and
 * unrelated items score 0.45–0.7 with the default model): below it an item is not called a
 * match, so totals, facet counts and content gaps do not count the whole library. It applies to
 * the semantic side only; keyword hits keep their own ranking, whatever they score.
 */
export const HYBRID_SCORE_FLOOR = 0.7;

/**
 * ...and an item found by meaning alone must be within this of the nearest item's score: how
 * near "near" is differs from query to query (a descriptive query's best items score 0.72–0.8,
 * those of a query sharing a common word with every item higher), and the few nearest are the
 * ones that tell the same thing. Measured on test/relevance and the demo library (README):
 * 0.05 kept description-as-query search at 0.813 while adding at most 9 items to a demo total;
 * 0.08 measured 0.831 but added up to 16; no band measured 0.883 at floor 0.7 but added up to 38
 * (a 5-word query's 28 keyword hits became 66 of 135), and 0.678 at floor 0.75, adding up to 19.
 */
export const SEMANTIC_BAND = 0.05;

/** At most this many items found by meaning alone are added to a search's hits. */
export const MAX_SEMANTIC_HITS = 50;

/**
 * How a search was ranked: `hybrid` blended keywords with meaning; `keyword` was asked for
 * (semanticRatio=0, an empty or short query with the default ratio, no embedder, a query
 * without a known word, or a page beyond the blended window); `unavailable` means meaning was
 * asked for but the embedder or the engine could not serve it, so these are keyword results.
 */
export const SemanticInfo = z.object({ mode: z.enum(['hybrid', 'keyword', 'unavailable']), semanticRatio: z.number() });
export type SemanticInfo = z.infer<typeof SemanticInfo>;

export interface HybridPlan {
  /** The query's vector when the search is blended. */
  vector?: number[];
  embedder: string;
  floor: number;
  info: SemanticInfo;
}

export const keywordPlan = (mode: SemanticInfo['mode'] = 'keyword', ratio = 0): HybridPlan => ({
  embedder: EMBEDDER_NAME,
  floor: HYBRID_SCORE_FLOOR,
  info: { mode, semanticRatio: mode === 'unavailable' ? ratio : 0 },
});

export function createSemanticSearch(embedder: Embedder | null, log: (m: string) => void = () => {}) {
  /**
   * The plan of a query: its vector and ratio, or keyword-only with the reason. `requested` is
   * the client's semanticRatio; without one the default applies to descriptive queries only.
   */
  async function plan(q: string, requested: number | undefined): Promise<HybridPlan> {
    // Words the model does not know add nothing to the vector ("zzqv platypus telemetry" is a
    // two-word query for it), so only known words count when the model can tell.
    const words = embedder?.knownWords?.(q) ?? tokenize(q).length;
    const ratio = requested ?? (words >= MIN_DEFAULT_SEMANTIC_WORDS ? DEFAULT_SEMANTIC_RATIO : 0);
    if (!embedder || ratio === 0 || !q.trim()) return keywordPlan();
    let vector: number[] | undefined;
    try {
      [vector] = await embedder.embed([q]);
    } catch (err) {
      log(`search: the embedder failed (${(err as Error).message}); answering by keywords`);
      return keywordPlan('unavailable', ratio);
    }
    if (!vector || isZero(vector)) return keywordPlan();
    return { vector, embedder: EMBEDDER_NAME, floor: HYBRID_SCORE_FLOOR, info: { mode: 'hybrid', semanticRatio: ratio } };
  }

  return { plan, log };
}
export type SemanticSearch = ReturnType<typeof createSemanticSearch>;
