import crypto from 'node:crypto';
import os from 'node:os';
import type { UserStore } from '../auth/store';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/database';
import type { Embedder } from '../embeddings/embedder';
import type { Logger } from '../log';
import { OutboxRelay } from '../search/relay';
import type { SearchRuntime } from '../search/runtime';
import { createContentChanges } from './changes';
import { createContentDocumentSource, type ContentSearchDocument } from './searchDocument';
import { createContentService } from './service';
import { createContentStore } from './store';
import { createContentWorkflow } from './workflow';

/*
 * The content side of the composition root (server/hub.ts): the store, the one write path, the
 * services on top of it, and the relay that carries its changes to the search index.
 */
export function wireContent(deps: {
  config: Config;
  db: DatabaseHandle;
  logger: Logger;
  search: SearchRuntime;
  embedder: Embedder | null;
  users: UserStore;
  /** Product → family, for the search documents' productFamilies. */
  productFamilies: () => Promise<Map<string, string>>;
  /** Tells the credit relay there are events to credit (content changes raise usage events). */
  onEvents: () => void;
}) {
  const { config, db, logger, search, users } = deps;
  const contentStore = createContentStore(db.db);
  const documentSource = createContentDocumentSource({
    content: contentStore,
    users,
    productFamilies: deps.productFamilies,
    reuseCounts: (ids) => reuseCounts(db, ids),
    embedder: deps.embedder,
    onEmbedderError: (err) => logger.warn(`embedder: ${err.message}; items are indexed without vectors until the next reindex`),
  });
  const relay = new OutboxRelay<ContentSearchDocument>({
    db: db.db,
    client: search.client,
    indexUid: search.contentIndex,
    source: documentSource,
    log: (level, message) => logger[level](message),
    batchSize: 10000,
    // On PostgreSQL any number of instances may share the outbox: each claims rows with a lease.
    claims:
      db.dialect === 'postgres' ? { instanceId: `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}` } : undefined,
  });
  const changes = createContentChanges({
    db: db.db,
    store: contentStore,
    users,
    reviewTypes: new Set(config.reviewTypes),
    onIndexChange: () => relay.kick(),
    onEvents: deps.onEvents,
  });
  const content = createContentService({ db: db.db, store: contentStore, users, changes });
  const workflow = createContentWorkflow({ db: db.db, content, changes, store: contentStore, users });
  return { contentStore, documentSource, relay, changes, content, workflow };
}

/** Reuse by others (folded from usage events by the flow facts) orders the "most reused" sort. */
async function reuseCounts(db: DatabaseHandle, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.db
      .selectFrom('flow_item_stats')
      .select(['content_id', 'reuse_count'])
      .where('content_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.content_id, Number(r.reuse_count));
  }
  return out;
}
