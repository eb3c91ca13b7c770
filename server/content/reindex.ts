import { reindex, type ReindexReport } from '../../search-index/reindex';
import type { Hub } from '../hub';

/** Reconciles the content index with the database (used by `npm run reindex` and the admin API). */
export async function reindexContent(hub: Pick<Hub, 'search' | 'contentStore' | 'relay' | 'documentSource'>, progress?: (m: string) => void): Promise<ReindexReport> {
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
