import type { Config } from '../config';
import type { ContentSearchDocument } from '../content/searchDocument';
import { reindexContent } from '../content/reindex';
import type { ContentService } from '../content/service';
import type { ContentStore } from '../content/store';
import type { Db } from '../db/database';
import { createEmbedder, EMBEDDER_NAME, type Embedder } from '../embeddings/embedder';
import { createSearchLog } from '../flow/searchLog';
import type { Logger } from '../log';
import type { HubMetrics } from '../ops/metrics';
import type { IndexVectors } from './contentIndex';
import { CARD_FIELDS, createHitCards, type HitCard } from './hitCards';
import { createReindexJobs } from './reindexJob';
import type { DocumentSource, OutboxRelay } from './relay';
import { openSearch, type SearchRuntime } from './runtime';
import { createSemanticSearch } from './semantic';
import { createSearchService, type SearchService } from './service';
import { createSynonymService, storedSynonymGroups } from './synonyms';

/*
 * The search side of the composition root (server/hub.ts): the embedder and the engine at start,
 * the search service with its content-gap log once the content side exists, and the admin jobs
 * (synonyms, reindex).
 */

/** The index's vector settings for an embedder; none when search is keyword only. */
export function indexVectorsOf(embedder: Embedder | null): IndexVectors | undefined {
  return embedder ? { embedder: EMBEDDER_NAME, dimensions: embedder.dimensions } : undefined;
}

/**
 * The embedder and the search runtime. `search` and `embedder` are what a test hands in (a shared
 * engine, a fixed embedder); otherwise both are built from the config.
 */
export async function openHubSearch(deps: {
  config: Config;
  db: Db;
  logger: Logger;
  search?: SearchRuntime;
  embedder?: Embedder | null;
}): Promise<{ search: SearchRuntime; embedder: Embedder | null }> {
  const { config, logger } = deps;
  // Synonyms an admin saved replace the file's from the first settings call on (no second settings task at each start).
  const synonymGroups = (await storedSynonymGroups(deps.db)) ?? undefined;
  // The default loads its word vectors in about a second (converted from the package on first start).
  const embedder = deps.embedder !== undefined ? deps.embedder : createEmbedder(config.embedder, (m) => logger.info(m));
  const search =
    deps.search ??
    (await openSearch({
      url: config.search.url,
      masterKey: config.search.masterKey,
      dataDir: config.dataDir,
      indexPrefix: config.search.indexPrefix,
      synonymsFile: config.search.synonymsFile,
      synonymGroups,
      vectors: indexVectorsOf(embedder),
      log: (m, level = 'info') => logger[level](m),
    }));
  return { search, embedder };
}

/** The search service, timed for /metrics, and the buffered log of its searches (content gaps). */
export function wireSearchService(deps: {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: HubMetrics;
  search: SearchRuntime;
  embedder: Embedder | null;
  contentStore: ContentStore;
  content: ContentService;
}) {
  const { logger, metrics, search } = deps;
  const searchLog = createSearchLog({ db: deps.db, onError: (err) => logger.warn(`search log flush failed: ${(err as Error).message}`) });
  const service = createSearchService({
    client: search.client,
    indexUid: search.contentIndex,
    store: deps.contentStore,
    content: deps.content,
    cards: createHitCards({
      fetch: async (ids) =>
        (await search.client.getDocuments<HitCard>(search.contentIndex, { ids, fields: [...CARD_FIELDS], offset: 0, limit: ids.length }))
          .results,
    }),
    pendingCacheMs: deps.config.http.accessCacheMs,
    semantic: createSemanticSearch(deps.embedder, (m) => logger.warn(m)),
    onSearch: (e) => searchLog.record(e),
  });
  const searchService: SearchService = { ...service, search: metrics.timed(metrics.searchSeconds, service.search) };
  return { searchService, searchLog };
}

/** The synonym service and the reindex jobs behind the search admin routes. */
export async function wireSearchAdmin(deps: {
  config: Config;
  db: Db;
  logger: Logger;
  search: SearchRuntime;
  /** True when the runtime was handed in (tests share one engine across databases). */
  sharedRuntime: boolean;
  embedder: Embedder | null;
  contentStore: ContentStore;
  relay: OutboxRelay<ContentSearchDocument>;
  documentSource: DocumentSource<ContentSearchDocument>;
}) {
  const { db, search, contentStore, relay, documentSource } = deps;
  const synonyms = createSynonymService({
    db,
    synonymsFile: deps.config.search.synonymsFile,
    client: search.client,
    indexUid: search.contentIndex,
    vectors: indexVectorsOf(deps.embedder),
  });
  // A runtime handed in (tests share one engine) was opened without this database's synonyms.
  if (deps.sharedRuntime) await synonyms.apply();
  const reindexJobs = createReindexJobs({
    db,
    run: async (progress) => {
      await synonyms.apply();
      return reindexContent({ search, contentStore, relay, documentSource }, progress);
    },
    log: (m) => deps.logger.error(m),
  });
  return { synonyms, reindexJobs };
}
