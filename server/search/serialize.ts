import type { HitCard } from './hitCards';
import type { SearchHit, SearchResult } from './schema';

/**
 * The JSON of a search answer, built from fragments: each hit card's display fields are
 * serialised once, when the card is first shown, and reused by every later search that returns it
 * (cards are cached by document hash: server/search/hitCards.ts). Only a hit's freshness and
 * highlights, and the facets and totals, are serialised per search. JSON.stringify of the whole
 * answer was the largest single CPU cost of a search in the hub after its database reads.
 * The route checks in tests that the text equals the value (server/http/route.ts SerializedJson).
 */

/** The card each hit object was built from (set by the search service as it builds them). */
const cardOfHit = new WeakMap<SearchHit, HitCard>();
/** `"id":…,"title":…,…,"verifiedAt":…` of a card, in SearchHit's field order. */
const fragments = new WeakMap<HitCard, string>();

export function rememberCard(hit: SearchHit, card: HitCard): SearchHit {
  cardOfHit.set(hit, card);
  return hit;
}

function cardFragment(card: HitCard): string {
  let fragment = fragments.get(card);
  if (fragment === undefined) {
    const fields: Omit<SearchHit, 'freshness' | 'highlight'> = {
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
    };
    fragment = JSON.stringify(fields).slice(1, -1);
    fragments.set(card, fragment);
  }
  return fragment;
}

function hitJson(hit: SearchHit): string {
  const card = cardOfHit.get(hit);
  // A hit not built from a card (or changed since) is serialised whole.
  if (!card || card.id !== hit.id || card.title !== hit.title || card.summary !== hit.summary) return JSON.stringify(hit);
  return `{${cardFragment(card)},"freshness":${JSON.stringify(hit.freshness)},"highlight":${JSON.stringify(hit.highlight)}}`;
}

export function serializeSearchResult(result: SearchResult): string {
  const { hits, ...rest } = result;
  const tail = JSON.stringify(rest);
  return `{"hits":[${hits.map(hitJson).join(',')}],${tail.slice(1)}`;
}
