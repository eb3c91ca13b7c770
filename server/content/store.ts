import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import { json } from '../db/database';
import type { Database } from '../db/schema';
import { fromRow, toRow } from './rows';
import type { Visibility } from './schema';
import { AUTHOR_ROLES, AUDIENCES, CONTENT_TYPES, FACET_FIELDS, KIND, STATUSES } from './schema';

type Executor = Db | Transaction<Database>;

export interface AuthorShare {
  userId: string;
  role: (typeof AUTHOR_ROLES)[number];
  share: number;
}

/** A content item as stored: the domain record services work with. */
export interface ContentRecord extends FacetFields {
  id: string;
  externalId: string | null;
  kind: (typeof KIND)[number];
  contentType: (typeof CONTENT_TYPES)[number];
  title: string;
  summary: string;
  body: string;
  links: { title: string; url: string }[];
  products: string[];
  audience: (typeof AUDIENCES)[number];
  visibility: Visibility;
  authors: AuthorShare[];
  status: (typeof STATUSES)[number];
  version: number;
  derivedFrom: string | null;
  ownerId: string;
  verifyEveryDays: number | null;
  verifiedAt: string | null;
  expiresAt: string | null;
  structure: Record<string, unknown> | null;
  opportunityId: string | null;
  reviewTeam: string | null;
  reviewComment: string | null;
  submittedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** The tag lists an item is faceted by besides products (which carry families), in display order. */
export interface FacetFields {
  industries: string[];
  segments: string[];
  regions: string[];
  competitors: string[];
  stages: string[];
  personas: string[];
}

/** The facet lists of a record, for the views built from it (API answer, search document). */
export function facetsOf(r: FacetFields): FacetFields {
  return {
    industries: r.industries,
    segments: r.segments,
    regions: r.regions,
    competitors: r.competitors,
    stages: r.stages,
    personas: r.personas,
  };
}

/** The fields whose change is recorded in the history and compared on import. */
export const TRACKED_FIELDS = [
  'externalId',
  'kind',
  'contentType',
  'title',
  'summary',
  'body',
  'links',
  ...FACET_FIELDS,
  'audience',
  'visibility',
  'authors',
  'status',
  'derivedFrom',
  'ownerId',
  'verifyEveryDays',
  'verifiedAt',
  'expiresAt',
  'structure',
  'opportunityId',
  'reviewComment',
] as const satisfies readonly (keyof ContentRecord)[];

/** The most ids in one `IN (…)` list (SQLite binds at most 32,766 parameters). */
export const IN_CHUNK = 500;

export function createContentStore(db: Db) {
  let narrowings = 0;
  async function authorsFor(ex: Executor, ids: string[]): Promise<Map<string, AuthorShare[]>> {
    const out = new Map<string, AuthorShare[]>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await ex
        .selectFrom('content_authors')
        .selectAll()
        .where('content_id', 'in', ids.slice(i, i + IN_CHUNK))
        .orderBy('content_id')
        .orderBy('position')
        .execute();
      for (const r of rows) {
        const list = out.get(r.content_id) ?? [];
        list.push({ userId: r.user_id, role: r.role as AuthorShare['role'], share: Number(r.share) });
        out.set(r.content_id, list);
      }
    }
    return out;
  }

  async function getMany(ids: string[], ex: Executor = db): Promise<Map<string, ContentRecord>> {
    const out = new Map<string, ContentRecord>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const chunk = unique.slice(i, i + IN_CHUNK);
      const rows = await ex.selectFrom('content_items').selectAll().where('id', 'in', chunk).execute();
      const authors = await authorsFor(
        ex,
        rows.map((r) => r.id),
      );
      for (const row of rows) out.set(row.id, fromRow(row, authors.get(row.id) ?? []));
    }
    return out;
  }

  return {
    getMany,

    async get(id: string, ex: Executor = db): Promise<ContentRecord | null> {
      return (await getMany([id], ex)).get(id) ?? null;
    },

    async byExternalIds(externalIds: string[], ex: Executor = db): Promise<Map<string, ContentRecord>> {
      const out = new Map<string, ContentRecord>();
      for (let i = 0; i < externalIds.length; i += IN_CHUNK) {
        const rows = await ex
          .selectFrom('content_items')
          .select(['id', 'external_id'])
          .where('external_id', 'in', externalIds.slice(i, i + IN_CHUNK))
          .execute();
        const records = await getMany(
          rows.map((r) => r.id),
          ex,
        );
        for (const rec of records.values()) if (rec.externalId) out.set(rec.externalId, rec);
      }
      return out;
    },

    async insert(ex: Executor, record: ContentRecord): Promise<void> {
      await ex.insertInto('content_items').values(toRow(record)).execute();
      await writeAuthors(ex, record.id, record.authors);
    },

    async insertMany(ex: Executor, records: ContentRecord[]): Promise<void> {
      // Multi-row inserts keep a 10,000-line import to a few round trips.
      for (let i = 0; i < records.length; i += 100) {
        const chunk = records.slice(i, i + 100);
        await ex.insertInto('content_items').values(chunk.map(toRow)).execute();
        const authorRows = chunk.flatMap((r) =>
          r.authors.map((a, position) => ({ content_id: r.id, user_id: a.userId, role: a.role, share: a.share, position })),
        );
        if (authorRows.length) await ex.insertInto('content_authors').values(authorRows).execute();
      }
    },

    /** Writes the record if its stored version is still `expectedVersion`; returns false otherwise. */
    async update(ex: Executor, record: ContentRecord, expectedVersion: number, authorsChanged: boolean): Promise<boolean> {
      const { id: _id, ...row } = toRow(record);
      const result = await ex
        .updateTable('content_items')
        .set(row)
        .where('id', '=', record.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (authorsChanged) {
        await ex.deleteFrom('content_authors').where('content_id', '=', record.id).execute();
        await writeAuthors(ex, record.id, record.authors);
      }
      return true;
    },

    async addVersion(ex: Executor, record: ContentRecord, changedBy: string, changedFields: string[], note: string | null): Promise<void> {
      await ex
        .insertInto('content_versions')
        .values({
          content_id: record.id,
          version: record.version,
          changed_by: changedBy,
          changed_at: record.updatedAt,
          changed_fields: json.write(changedFields),
          snapshot: json.write(snapshotOf(record)),
          note,
        })
        .execute();
    },

    async addVersions(
      ex: Executor,
      entries: { record: ContentRecord; changedBy: string; changedFields: string[]; note?: string | null }[],
    ): Promise<void> {
      for (let i = 0; i < entries.length; i += 200) {
        const chunk = entries.slice(i, i + 200);
        await ex
          .insertInto('content_versions')
          .values(
            chunk.map((e) => ({
              content_id: e.record.id,
              version: e.record.version,
              changed_by: e.changedBy,
              changed_at: e.record.updatedAt,
              changed_fields: json.write(e.changedFields),
              snapshot: json.write(snapshotOf(e.record)),
              note: e.note ?? null,
            })),
          )
          .execute();
      }
    },

    async versions(id: string) {
      const rows = await db.selectFrom('content_versions').selectAll().where('content_id', '=', id).orderBy('version', 'desc').execute();
      return rows.map((r) => ({
        version: Number(r.version),
        changedBy: r.changed_by,
        changedAt: r.changed_at,
        changedFields: json.read<string[]>(r.changed_fields, []),
        note: r.note,
        snapshot: json.read<Record<string, unknown>>(r.snapshot, {}),
      }));
    },

    /** Records that the item's searchable state changed, in the caller's transaction. */
    async enqueueOutbox(ex: Executor, contentIds: string[], narrowsVisibility = false): Promise<void> {
      if (narrowsVisibility && contentIds.length) narrowings++;
      const now = new Date().toISOString();
      for (let i = 0; i < contentIds.length; i += IN_CHUNK) {
        await ex
          .insertInto('search_outbox')
          .values(
            contentIds
              .slice(i, i + IN_CHUNK)
              .map((content_id) => ({ content_id, narrows_visibility: narrowsVisibility ? 1 : 0, created_at: now, attempts: 0 })),
          )
          .execute();
      }
    },

    /**
     * Counts narrowing changes made by this process: bumped when one is written and again when its
     * transaction has committed (noteNarrowingCommitted), so a cache of pendingNarrowedIds read in
     * between is never reused (server/search/service.ts).
     */
    narrowingGeneration: () => narrowings,
    noteNarrowingCommitted(): void {
      narrowings++;
    },

    /** Ids whose visibility was narrowed but not yet relayed: search double-checks them. */
    async pendingNarrowedIds(limit = 5000): Promise<string[]> {
      const rows = await db
        .selectFrom('search_outbox')
        .select('content_id')
        .distinct()
        .where('done_at', 'is', null)
        .where('narrows_visibility', '=', 1)
        .limit(limit)
        .execute();
      return rows.map((r) => r.content_id);
    },

    /** Latest "flag_outdated" event per item (a reader's report that it is out of date). */
    async latestOutdatedFlags(ids: string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        const rows = await db
          .selectFrom('usage_events')
          .select(['content_id', (eb) => eb.fn.max('at').as('at')])
          .where('type', '=', 'flag_outdated')
          .where('content_id', 'in', ids.slice(i, i + IN_CHUNK))
          .groupBy('content_id')
          .execute();
        for (const r of rows) if (r.at) out.set(r.content_id, String(r.at));
      }
      return out;
    },

    /** Every id that should be searchable, in pages (reindex). */
    async publishedIds(afterId: string | null, limit: number): Promise<string[]> {
      let q = db.selectFrom('content_items').select('id').where('status', '=', 'published').orderBy('id').limit(limit);
      if (afterId) q = q.where('id', '>', afterId);
      return (await q.execute()).map((r) => r.id);
    },

    /** Every searchable id in the order the items were published (rebuilding an empty index). */
    async publishedIdsInPublicationOrder(): Promise<string[]> {
      const rows = await db
        .selectFrom('content_items')
        .select('id')
        .where('status', '=', 'published')
        .orderBy('published_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },
  };

  async function writeAuthors(ex: Executor, contentId: string, authors: AuthorShare[]): Promise<void> {
    if (authors.length === 0) return;
    await ex
      .insertInto('content_authors')
      .values(authors.map((a, position) => ({ content_id: contentId, user_id: a.userId, role: a.role, share: a.share, position })))
      .execute();
  }
}
export type ContentStore = ReturnType<typeof createContentStore>;

export function snapshotOf(record: ContentRecord): Record<string, unknown> {
  const snap: Record<string, unknown> = { version: record.version, updatedAt: record.updatedAt };
  for (const f of TRACKED_FIELDS) snap[f] = record[f];
  return snap;
}

export function changedFields(before: ContentRecord, after: ContentRecord): string[] {
  return TRACKED_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}
