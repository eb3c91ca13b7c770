import type { ContentSearchDocument } from '../content/searchDocument';

/** The index fields a card holds: what a search hit shows besides its highlights (what `/documents/fetch` is asked for). */
export const CARD_FIELDS = [
  'id',
  'docHash',
  'title',
  'summary',
  'kind',
  'contentType',
  'authors',
  'products',
  'industries',
  'competitors',
  'stages',
  'personas',
  'updatedAt',
  'verifiedAt',
  'verifyEveryDays',
  'expiresAt',
] as const satisfies readonly (keyof ContentSearchDocument)[];

export type HitCard = Pick<ContentSearchDocument, (typeof CARD_FIELDS)[number]>;

/**
 * Search asks Meilisearch only for each hit's id, document hash and highlights, and shows the rest
 * of the hit from these cards. Retrieving every display field made Meilisearch format and return
 * each of them twice (plain and in `_formatted`); producing and parsing that was the largest share
 * of a search's CPU, in the engine and in the hub.
 *
 * A card is keyed by the document hash the index holds, so a cached card is exactly the indexed
 * document's fields, in every process, without invalidation: a hit shows what the index holds,
 * as it did when Meilisearch returned every field. Misses are fetched from the index by id in one
 * request (a document changed in between is cached under its own, newer hash). Bounded LRU.
 */
export function createHitCards(deps: { fetch: (ids: string[]) => Promise<HitCard[]>; max?: number }) {
  const max = deps.max ?? 10_000;
  const cache = new Map<string, HitCard>();

  const remember = (card: HitCard) => {
    cache.delete(card.id);
    cache.set(card.id, card);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
  };

  return {
    /** Cards for the hits, in no particular order; ids no longer in the index are absent. */
    async resolve(hits: { id: string; docHash?: string }[]): Promise<Map<string, HitCard>> {
      const out = new Map<string, HitCard>();
      const missing: string[] = [];
      for (const hit of hits) {
        const card = cache.get(hit.id);
        if (card && hit.docHash !== undefined && card.docHash === hit.docHash) {
          out.set(hit.id, card);
          remember(card);
        } else missing.push(hit.id);
      }
      if (missing.length) {
        for (const card of await deps.fetch(missing)) {
          out.set(card.id, card);
          remember(card);
        }
      }
      return out;
    },
  };
}
export type HitCards = ReturnType<typeof createHitCards>;
