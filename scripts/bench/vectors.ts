import path from 'node:path';
import { createWinkEmbedder, EMBEDDER_NAME, isZero, type Embedder } from '../../server/embeddings/embedder';

/**
 * Vectors in the benchmarks: the hub computes them with its default embedder, and the raw path
 * gets the same ones (computed here, outside the measured requests) so both sides run the same
 * hybrid queries. The word vectors come from the folder `npm start` uses (converted once).
 */
export const EMBEDDINGS_DIR = process.env.HUB_EMBEDDINGS_DIR ?? path.resolve(process.env.DATA_DIR ?? './data', 'embeddings');
/** The semanticRatio of the measured searches (BENCH_SEMANTIC_RATIO; 0 measures keyword search). */
export const SEMANTIC_RATIO = Number(process.env.BENCH_SEMANTIC_RATIO ?? 0.5);

export function benchEmbedder(): Embedder {
  return createWinkEmbedder(EMBEDDINGS_DIR, (m) => console.log(`  ${m}`));
}

export const indexVectors = (e: Embedder) => ({ embedder: EMBEDDER_NAME, dimensions: e.dimensions });

/** The hybrid part of a raw search, exactly as server/search/semantic.ts builds it. */
export async function rawHybrid(e: Embedder, q: string, ratio: number, floor: number): Promise<Record<string, unknown>> {
  if (!ratio || !q.trim()) return {};
  const [vector] = await e.embed([q]);
  if (!vector || isZero(vector)) return {};
  return { hybrid: { embedder: EMBEDDER_NAME, semanticRatio: ratio }, vector, rankingScoreThreshold: floor };
}
