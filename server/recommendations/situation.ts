import type { MultiSearchQuery } from '../../search-index/client';
import { anyOf } from '../search/filters';
import type { ContentStore } from '../content/store';
import type { Db } from '../db/database';
import { EMBEDDER_NAME, isZero, sentences, type Embedder } from '../embeddings/embedder';
import { cosine } from '../embeddings/sif';
import { embeddingText } from '../content/searchDocument';
import type { Opportunity } from '../opportunities/schema';

/**
 * The deal's story in recommendations: what the description (and, for a closed deal, the
 * customer situation of its win/loss analysis) says, matched by meaning against what situational
 * items tell, sentence by sentence, so the rep sees which sentence made the item similar.
 */

/** Candidates found by meaning alone (besides those of the field queries) compared sentence by sentence. */
export const STORY_CANDIDATES = 30;
/**
 * Score per unit of similarity above the floor, against the field weights in MATCH_WEIGHTS: a
 * told situation outweighs a shared industry or competitor (tuned on test/relevance).
 */
export const SITUATION_WEIGHT = 50;
/** Similarity below which an item is not called similar (most unrelated pairs of the default model stay under it). */
export const SITUATION_FLOOR = 0.35;

export interface Story {
  text: string;
  /** The whole story's vector and one per sentence (a long story tells several situations). */
  vectors: number[][];
}

export interface SituationMatch {
  similarity: number;
  sentence: string;
}

/**
 * Sentence vectors kept between requests, over all items (an LRU by item): 50,000 vectors of the
 * default model's 100 numbers are about 40 MB.
 */
export const ITEM_VECTOR_CACHE = 50_000;

export function createSituationMatcher(deps: {
  embedder: Embedder | null;
  db: Db;
  store: ContentStore;
  log?: (m: string) => void;
  /** How many item sentence vectors are kept for reuse (ITEM_VECTOR_CACHE by default; 0: none). */
  cacheVectors?: number;
}) {
  const { embedder } = deps;
  const cacheMax = deps.cacheVectors ?? ITEM_VECTOR_CACHE;
  let cachedVectors = 0;
  /**
   * An item's texts and their vectors do not depend on the deal: embedding every sentence of
   * every candidate on each view was most of a deal panel's CPU in the hub. Each entry is reused
   * only for exactly the same title, summary and body, so it can never be stale.
   */
  const itemCache = new Map<string, { title: string; summary: string; body: string; texts: string[]; vectors: number[][] }>();
  const cached = (item: { id: string; title: string; summary: string; body: string }) => {
    const hit = itemCache.get(item.id);
    if (!hit || hit.title !== item.title || hit.summary !== item.summary || hit.body !== item.body) return undefined;
    itemCache.delete(item.id);
    itemCache.set(item.id, hit);
    return hit;
  };
  const remember = (item: { id: string; title: string; summary: string; body: string }, texts: string[], vectors: number[][]) => {
    if (vectors.length > cacheMax) return;
    const old = itemCache.get(item.id);
    if (old) {
      cachedVectors -= old.vectors.length;
      itemCache.delete(item.id);
    }
    itemCache.set(item.id, { title: item.title, summary: item.summary, body: item.body, texts, vectors });
    cachedVectors += vectors.length;
    while (cachedVectors > cacheMax) {
      const [oldest, entry] = itemCache.entries().next().value as [string, { vectors: number[][] }];
      itemCache.delete(oldest);
      cachedVectors -= entry.vectors.length;
    }
  };

  /** The deal's story: its description, plus the customer situation its win/loss analysis records. */
  async function storyText(opp: Opportunity): Promise<string> {
    const parts = [opp.description ?? ''];
    if (opp.isClosed) {
      const row = await deps.db
        .selectFrom('content_items')
        .select('id')
        .where('opportunity_id', '=', opp.id)
        .where('content_type', '=', 'win_loss_analysis')
        .where('status', '!=', 'archived')
        .orderBy('created_at')
        .executeTakeFirst();
      const structure = row ? (await deps.store.get(row.id))?.structure : null;
      const situation = (structure as { situation?: unknown } | null)?.situation;
      if (typeof situation === 'string') parts.push(situation);
    }
    return parts.join('\n').trim();
  }

  /** The story's vectors, or null without a story or an embedder (or when the embedder fails: fields alone then). */
  async function storyOf(opp: Opportunity): Promise<Story | null> {
    if (!embedder) return null;
    try {
      return await storyFromText(embedder, await storyText(opp));
    } catch (err) {
      deps.log?.(`recommendations: the embedder failed (${(err as Error).message}); situational items by fields only`);
      return null;
    }
  }

  /**
   * Each item's similarity to the story: the mean of the whole item's and its best sentence's
   * (measured better on the relevance set than either alone), with that sentence to show.
   */
  async function bestSentences(
    story: Story,
    items: { id: string; title: string; summary: string; body: string }[],
  ): Promise<Map<string, SituationMatch>> {
    const out = new Map<string, SituationMatch>();
    if (!embedder || items.length === 0) return out;
    const known = items.map(cached);
    const perItem = items.map(
      (i, n) =>
        known[n]?.texts ?? [embeddingText(i), ...new Set([i.summary, ...sentences(`${i.summary}\n${i.body}`)].filter((s) => s.trim()))],
    );
    let fresh: number[][];
    try {
      fresh = await embedder.embed(perItem.filter((_, n) => !known[n]).flat());
    } catch (err) {
      deps.log?.(`recommendations: the embedder failed (${(err as Error).message}); situational items by fields only`);
      return out;
    }
    let f = 0;
    const itemVectors = items.map((item, n) => {
      const hit = known[n];
      if (hit) return hit.vectors;
      const texts = perItem[n] as string[];
      const vectors = fresh.slice(f, f + texts.length);
      f += texts.length;
      remember(item, texts, vectors);
      return vectors;
    });
    const nearest = (v: number[]) => Math.max(...story.vectors.map((s) => cosine(s, v)));
    items.forEach((item, i) => {
      const [, ...own] = perItem[i] as string[];
      const vectors = itemVectors[i] as number[][];
      let k = 0;
      const whole = nearest(vectors[k++] as number[]);
      let best = { similarity: -1, sentence: '' };
      for (const sentence of own) {
        const similarity = nearest(vectors[k++] as number[]);
        if (similarity > best.similarity) best = { similarity, sentence };
      }
      const similarity = (whole + best.similarity) / 2;
      if (similarity >= SITUATION_FLOOR) out.set(item.id, { similarity, sentence: best.sentence });
    });
    return out;
  }

  return { storyOf, bestSentences };
}
/** A story's vectors: the whole text's, and each sentence's when it has several. Null without a known word. */
export async function storyFromText(embedder: Embedder, text: string): Promise<Story | null> {
  if (!text.trim()) return null;
  const own = sentences(text);
  const vectors = (await embedder.embed([text, ...(own.length > 1 ? own : [])])).filter((v) => !isZero(v));
  return vectors.length ? { text, vectors } : null;
}

/** A query of the federated search: situational items nearest to the story by meaning. */
export function storyQuery(indexUid: string, story: Story, base: string[], retrieve: string[]): MultiSearchQuery {
  return {
    indexUid,
    q: '',
    vector: story.vectors[0],
    hybrid: { embedder: EMBEDDER_NAME, semanticRatio: 1 },
    filter: [...base, anyOf('kind', ['situational'])],
    attributesToRetrieve: retrieve,
    federationOptions: { weight: 1 },
  };
}

export type SituationMatcher = ReturnType<typeof createSituationMatcher>;

/** What a situation match adds to an item's score, and the reason the rep reads. */
export function situationScore(m: SituationMatch): { weight: number; reason: string } {
  const weight = SITUATION_WEIGHT * (m.similarity - SITUATION_FLOOR);
  const sentence = m.sentence.length > 220 ? `${m.sentence.slice(0, 217)}…` : m.sentence;
  return { weight: Math.round(weight * 1000) / 1000, reason: `similar situation: “${sentence}”` };
}
