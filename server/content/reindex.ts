import { reindex, type ReindexReport } from '../../search-index/reindex';
import type { Hub } from '../hub';

/** Reconciles the content index with the database (used by `npm run reindex` and the admin API). */
export async function reindexContent(
  hub: Pick<Hub, 'search' | 'contentStore' | 'relay' | 'documentSource'>,
  progress?: (m: string) => void,
): Promise<ReindexReport> {
  // Pending outbox rows first, so the comparison starts from the relay's latest state.
  await hub.relay.drain(600_000).catch(() => undefined);
  return reindex({
    client: hub.search.client,
    indexUid: hub.search.contentIndex,
    source: hub.documentSource,
    searchableIds: (after, limit) => hub.contentStore.publishedIds(after, limit),
    progress,
  });
}

/**
 * Builds an empty index from the database (after a restore). Equally relevant hits are ordered by
 * the order Meilisearch first received their documents, so the documents go in the order the
 * items were published, as the outbox relay sent them to the original index: the rebuilt index
 * then answers like the original, ties included (an item unpublished and published again went to
 * the end of the original's order, and may rank differently among its ties).
 */
export async function rebuildContentIndex(
  hub: Pick<Hub, 'search' | 'contentStore' | 'relay' | 'documentSource'>,
  progress?: (m: string) => void,
): Promise<ReindexReport> {
  await hub.relay.drain(600_000).catch(() => undefined);
  const ordered = await hub.contentStore.publishedIdsInPublicationOrder();
  const position = new Map(ordered.map((id, i) => [id, i]));
  return reindex({
    client: hub.search.client,
    indexUid: hub.search.contentIndex,
    source: hub.documentSource,
    // Pages through the list in publication order; `after` is the last id of the previous page.
    searchableIds: async (after, limit) => {
      const from = after === null ? 0 : (position.get(after) ?? ordered.length) + 1;
      return ordered.slice(from, from + limit);
    },
    progress,
  });
}
