import { z } from 'zod';
import { SearchEngineError, SearchUnavailableError, type SearchParams } from '../../search-index/client';
import { EMBEDDER_NAME, isZero, type Embedder } from '../embeddings/embedder';

/**
 * Keyword ranking unless a client asks for meaning (e.g. semanticRatio=0.5). Not blended by
 * default yet: the engine's score floor applies to keyword hits too, and a floor high enough to
 * keep unrelated items out (see below) also drops keyword hits found only in the body or through
 * a synonym. Blending by default needs the two sides floored separately (a federated search).
 */
export const DEFAULT_SEMANTIC_RATIO = 0;

/**
 * Every item is *somewhat* similar to any query (the engine's similarity is (1 + cosine) / 2,
 * and unrelated items score 0.45–0.7 with the default model): without a floor, a search would
 * "find" the whole library and content gaps would vanish. Keyword matches of all the query's
 * words score near 1, so the floor keeps them.
 */
export const HYBRID_SCORE_FLOOR = 0.7;

/**
 * How a search was ranked: `hybrid` blended keywords with meaning; `keyword` was asked for
 * (semanticRatio=0, an empty query, no embedder, or a query without a known word);
 * `unavailable` means meaning was asked for but the embedder could not answer, so these are
 * keyword results.
 */
export const SemanticInfo = z.object({ mode: z.enum(['hybrid', 'keyword', 'unavailable']), semanticRatio: z.number() });
export type SemanticInfo = z.infer<typeof SemanticInfo>;

export interface HybridPlan {
  params: Pick<SearchParams, 'hybrid' | 'vector' | 'rankingScoreThreshold'>;
  info: SemanticInfo;
}

export function createSemanticSearch(embedder: Embedder | null, log: (m: string) => void = () => {}) {
  const keyword = (mode: SemanticInfo['mode'], ratio: number): HybridPlan => ({ params: {}, info: { mode, semanticRatio: mode === 'unavailable' ? ratio : 0 } });

  /** The hybrid parameters of a query: its vector, or keyword-only with the reason. */
  async function plan(q: string, ratio: number): Promise<HybridPlan> {
    if (!embedder || ratio === 0 || !q.trim()) return keyword('keyword', ratio);
    let vector: number[] | undefined;
    try {
      [vector] = await embedder.embed([q]);
    } catch (err) {
      log(`search: the embedder failed (${(err as Error).message}); answering by keywords`);
      return keyword('unavailable', ratio);
    }
    if (!vector || isZero(vector)) return keyword('keyword', ratio);
    return { params: { hybrid: { embedder: EMBEDDER_NAME, semanticRatio: ratio }, vector, rankingScoreThreshold: HYBRID_SCORE_FLOOR }, info: { mode: 'hybrid', semanticRatio: ratio } };
  }

  /**
   * Runs a search with the plan; when the engine refuses the hybrid part (an embedder being
   * rebuilt after a change of model, say), the same search by keywords answers instead.
   */
  async function run<T>(p: HybridPlan, search: (extra: HybridPlan['params']) => Promise<T>): Promise<{ result: T; info: SemanticInfo }> {
    if (!p.params.vector) return { result: await search({}), info: p.info };
    try {
      return { result: await search(p.params), info: p.info };
    } catch (err) {
      if (!(err instanceof SearchEngineError) || err instanceof SearchUnavailableError) throw err;
      log(`search: the engine refused the hybrid query (${err.message}); answering by keywords`);
      return { result: await search({}), info: { mode: 'unavailable', semanticRatio: p.info.semanticRatio } };
    }
  }

  return { plan, run };
}
export type SemanticSearch = ReturnType<typeof createSemanticSearch>;
