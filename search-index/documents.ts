/**
 * What indexing needs to know about the hub's documents, without knowing the content model: the
 * outbox relay (server/search/relay.ts) and a full reindex (reindex.ts) both read through it.
 */
export interface DocumentSource<D extends { id: string }> {
  /** Current searchable state of each id: a document, or null when it must not be searchable. */
  load(ids: string[]): Promise<Map<string, D | null>>;
}
