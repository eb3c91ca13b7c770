import { IN_CHUNK, type ContentRecord, type ContentStore } from '../content/store';
import type { Db } from '../db/database';
import { markdownToText } from '../content/markdown';

/** A candidate's stored record with what the panel derives from its body, computed once per version. */
export interface Candidate {
  record: ContentRecord;
  /**
   * The body as plain text, a line per paragraph, heading or list item (what the deal's story is
   * compared with, sentence by sentence: a heading such as "Deal snapshot" must not run into the
   * sentence after it and be shown as part of it).
   */
  plainBody: string;
  /** The body lowercased (where the deal's competitors and products are looked for). */
  lowerBody: string;
}

const plainLines = (markdown: string) => markdown.split(/\n+/).map(markdownToText).filter(Boolean).join('\n');

/** Candidate records kept between views: at ~2 KB each, 10,000 are ~20 MB. */
export const CANDIDATE_CACHE = 10_000;

/**
 * The records of a deal panel's candidates, current to the database. Reading every candidate's
 * full row (35 columns with its body, and its authors) on every view was the largest share of the
 * panel's database time; the rows change far less often than panels are opened. So the database
 * is asked only each candidate's version and last change (it keeps the last word: a record is
 * reused only when both are what it holds now), and the full record is read for the others.
 * Every change to an item goes through the single write path, which bumps its version and
 * `updated_at` (server/content/records.ts), so an entry that matches both is the stored item, on
 * every instance. Access is still decided per request, from these records and the viewer.
 */
export function createCandidateRecords(deps: { db: Db; store: ContentStore; max?: number }) {
  const max = deps.max ?? CANDIDATE_CACHE;
  const cache = new Map<string, Candidate>();

  const keep = (c: Candidate) => {
    cache.delete(c.record.id);
    cache.set(c.record.id, c);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
  };

  return async function current(ids: string[]): Promise<Map<string, Candidate>> {
    const out = new Map<string, Candidate>();
    const unique = [...new Set(ids)];
    const stale: string[] = [];
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const rows = await deps.db
        .selectFrom('content_items')
        .select(['id', 'version', 'updated_at'])
        .where('id', 'in', unique.slice(i, i + IN_CHUNK))
        .execute();
      for (const row of rows) {
        const hit = cache.get(row.id);
        if (hit && hit.record.version === Number(row.version) && hit.record.updatedAt === row.updated_at) {
          keep(hit);
          out.set(row.id, hit);
        } else stale.push(row.id);
      }
    }
    if (stale.length) {
      for (const record of (await deps.store.getMany(stale)).values()) {
        const c = { record, plainBody: plainLines(record.body), lowerBody: record.body.toLowerCase() };
        keep(c);
        out.set(record.id, c);
      }
    }
    return out;
  };
}
export type CandidateRecords = ReturnType<typeof createCandidateRecords>;
