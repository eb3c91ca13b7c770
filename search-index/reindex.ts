import type { MeiliClient } from './client';
import type { DocumentSource } from './documents';

export interface ReindexReport {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export interface ReindexOptions<D extends { id: string; docHash: string }> {
  client: MeiliClient;
  indexUid: string;
  source: DocumentSource<D>;
  /** Pages through the ids that should be searchable, in a stable order. */
  searchableIds(afterId: string | null, limit: number): Promise<string[]>;
  progress?: (message: string) => void;
  batchSize?: number;
}

/**
 * Reconciles the index with the database: adds missing documents, replaces stale ones (by
 * comparing content hashes), deletes orphans. Running it twice in a row changes nothing.
 */
export async function reindex<D extends { id: string; docHash: string }>(options: ReindexOptions<D>): Promise<ReindexReport> {
  const { client, indexUid, source } = options;
  const progress = options.progress ?? (() => {});
  const batchSize = options.batchSize ?? 2000;
  const report: ReindexReport = { added: 0, updated: 0, deleted: 0, unchanged: 0 };

  progress('reading the index…');
  const indexed = new Map<string, string>();
  for (let offset = 0; ; offset += 10_000) {
    const page = await client.getDocuments<{ id: string; docHash?: string }>(indexUid, {
      offset,
      limit: 10_000,
      fields: ['id', 'docHash'],
    });
    for (const d of page.results) indexed.set(d.id, d.docHash ?? '');
    if (page.results.length < 10_000) break;
  }
  progress(`index holds ${indexed.size} documents; comparing with the database…`);

  const expected = new Set<string>();
  let after: string | null = null;
  const tasks: number[] = [];
  for (;;) {
    const ids = await options.searchableIds(after, batchSize);
    if (ids.length === 0) break;
    after = ids[ids.length - 1] as string;
    const docs = await source.load(ids);
    const upserts: D[] = [];
    for (const id of ids) {
      const doc = docs.get(id);
      if (!doc) continue;
      expected.add(id);
      const current = indexed.get(id);
      if (current === doc.docHash) report.unchanged++;
      else {
        upserts.push(doc);
        if (current === undefined) report.added++;
        else report.updated++;
      }
    }
    if (upserts.length) tasks.push((await client.addDocuments(indexUid, upserts)).taskUid);
    progress(`checked ${expected.size} items (${report.added} added, ${report.updated} updated so far)`);
  }

  const orphans = [...indexed.keys()].filter((id) => !expected.has(id));
  for (let i = 0; i < orphans.length; i += 5000) tasks.push((await client.deleteDocuments(indexUid, orphans.slice(i, i + 5000))).taskUid);
  report.deleted = orphans.length;
  for (const uid of tasks) await client.waitTask(uid, { timeoutMs: 600_000 });
  progress(`done: ${report.added} added, ${report.updated} updated, ${report.deleted} deleted, ${report.unchanged} unchanged`);
  return report;
}
