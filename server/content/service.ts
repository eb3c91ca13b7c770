import { canSee } from '../auth/access';
import type { Actor } from '../auth/schema';
import type { UserStore } from '../auth/store';
import type { Db } from '../db/database';
import { AppError, Conflict, NotFound, ValidationFailed } from '../errors';
import type { ContentChanges } from './changes';
import { renderMarkdown } from './markdown';
import { applyChanges, newRecord, nextVersion, requireVersion } from './records';
import type { ContentItem, CreateContent, ImportLine, UpdateContent } from './schema';
import { accessSubject } from './subject';
import { facetsOf, type ContentRecord, type ContentStore } from './store';

export interface ContentServiceDeps {
  db: Db;
  store: ContentStore;
  users: UserStore;
  /** The single write path: every change below goes through it. */
  changes: ContentChanges;
  clock?: () => Date;
}

export const DEFAULT_REVIEW_TYPES = ['win_loss_analysis'];

/**
 * The freshness badge. `flaggedAt` is the latest "outdated" flag by a reader; it counts until the
 * owner verifies the item again.
 */
export function freshnessOf(
  record: Pick<ContentRecord, 'verifiedAt' | 'verifyEveryDays' | 'expiresAt'>,
  now: Date,
  flaggedAt?: string | null,
): ContentItem['freshness'] {
  if (record.expiresAt && Date.parse(record.expiresAt) <= now.getTime()) return 'expired';
  if (flaggedAt && (!record.verifiedAt || flaggedAt > record.verifiedAt)) return 'outdated';
  if (!record.verifiedAt) return 'unverified';
  if (record.verifyEveryDays && Date.parse(record.verifiedAt) + record.verifyEveryDays * 86_400_000 < now.getTime()) return 'due';
  return 'verified';
}

/** One import line's outcome, reported by line number. */
export interface ImportFailure {
  line: number;
  externalId?: string;
  error: string;
}

/** The most lines written in one transaction during an import. */
const IMPORT_CHUNK = 500;

export function createContentService(deps: ContentServiceDeps) {
  const { store, users, changes } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function toView(record: ContentRecord): Promise<ContentItem> {
    const names = await users.getMany(record.authors.map((a) => a.userId));
    const flags = await store.latestOutdatedFlags([record.id]);
    return {
      id: record.id,
      externalId: record.externalId,
      kind: record.kind,
      contentType: record.contentType,
      title: record.title,
      summary: record.summary,
      body: record.body,
      bodyHtml: renderMarkdown(record.body),
      links: record.links,
      products: record.products,
      ...facetsOf(record),
      audience: record.audience,
      visibility: record.visibility,
      authors: record.authors.map((a) => ({ ...a, name: names.get(a.userId)?.name ?? a.userId })),
      status: record.status,
      version: record.version,
      derivedFrom: record.derivedFrom,
      owner: record.ownerId,
      verifyEveryDays: record.verifyEveryDays,
      verifiedAt: record.verifiedAt,
      expiresAt: record.expiresAt,
      freshness: freshnessOf(record, clock(), flags.get(record.id)),
      opportunityId: record.opportunityId,
      reviewComment: record.reviewComment,
      submittedAt: record.submittedAt,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      publishedAt: record.publishedAt,
    };
  }

  async function loadVisible(actor: Actor, id: string): Promise<ContentRecord> {
    const record = await store.get(id);
    // 404 rather than 403: whether an item exists is itself confidential.
    if (!record || !canSee(actor, accessSubject(record))) throw new NotFound('Content item');
    return record;
  }

  /**
   * Loads an item the actor may see, checks the version the caller read, applies `build` and sends
   * the result through the write path: every change here and in server/content/workflow.ts.
   */
  async function change(
    actor: Actor,
    id: string,
    version: number | undefined,
    action: Parameters<ContentChanges['apply']>[1]['action'],
    build: (before: ContentRecord, now: string) => ContentRecord | Promise<ContentRecord>,
    note?: string,
  ): Promise<ContentItem> {
    const before = await loadVisible(actor, id);
    requireVersion(before, version);
    return toView(await changes.apply(actor, { action, before, after: await build(before, clock().toISOString()), note }));
  }

  /** An error a line failed with, as the import reports it (the same text POST/PATCH would give). */
  function lineError(err: unknown): string {
    if (err instanceof ValidationFailed) return err.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    if (err instanceof AppError) return err.message;
    throw err;
  }

  return {
    toView,
    loadVisible,
    change,
    accessSubject,

    async create(actor: Actor, input: CreateContent): Promise<ContentItem> {
      const existing = input.externalId ? (await store.byExternalIds([input.externalId])).get(input.externalId) : undefined;
      if (existing)
        throw new Conflict(`An item with externalId ${input.externalId} already exists`, { field: 'externalId', id: existing.id });
      return toView(await changes.apply(actor, { action: 'create', before: null, after: newRecord(actor, input, clock().toISOString()) }));
    },

    async get(actor: Actor, id: string): Promise<ContentItem> {
      return toView(await loadVisible(actor, id));
    },

    async findVisible(actor: Actor, id: string): Promise<ContentRecord | null> {
      const record = await store.get(id);
      return record && canSee(actor, accessSubject(record)) ? record : null;
    },

    /**
     * The rows whose item the actor may see, each with its record, in their order, in one read. A
     * row whose item is gone or not visible is left out: a list never shows a title its reader may
     * not open.
     */
    async visibleRows<R extends { content_id: string }>(actor: Actor, rows: R[]): Promise<{ row: R; item: ContentRecord }[]> {
      const records = await store.getMany(rows.map((r) => r.content_id));
      return rows.flatMap((row) => {
        const item = records.get(row.content_id);
        return item && canSee(actor, accessSubject(item)) ? [{ row, item }] : [];
      });
    },

    update(actor: Actor, id: string, patch: UpdateContent): Promise<ContentItem> {
      const { version, note, ...fields } = patch;
      return change(actor, id, version, 'edit', (before, now) => applyChanges(before, fields, now), note);
    },

    // A repeat (publishing what is published) still passes the policy: the write path finds nothing to write.
    publish(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      return change(actor, id, version, 'publish', (b, now) => applyChanges(b, { status: 'published' }, now), 'published');
    },

    archive(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      // A reviewer's comment on a draft is done with: My content reads a comment on an archived item as a rejection.
      return change(
        actor,
        id,
        version,
        'archive',
        (b, now) => nextVersion(b, now, { status: 'archived', reviewComment: null }),
        'archived',
      );
    },

    /**
     * Undo an archive: the item goes back to the status it had before (published, or draft for
     * anything else: a review cannot resume where it stopped), which the history tells.
     */
    async restore(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      const history = await store.versions(id);
      const previous = history.find((v) => v.snapshot.status !== 'archived')?.snapshot.status;
      const status = previous === 'published' ? 'published' : 'draft';
      return change(
        actor,
        id,
        version,
        'restore',
        (b, now) => nextVersion(b, now, { status, reviewTeam: null, submittedAt: null }),
        'restored',
      );
    },

    async versions(actor: Actor, id: string) {
      await loadVisible(actor, id);
      return { versions: await store.versions(id) };
    },

    /**
     * The import: a loop over the write path, line by line, with the rules and errors of POST and
     * PATCH (reported per line). A line creates an item or updates the one with its externalId; a
     * later line with an externalId already seen in this request fails, whatever chunk it is in.
     * Prepared lines are written in chunks, one transaction each; a chunk that meets a concurrent
     * change is written line by line so only the stale line fails.
     */
    async importLines(actor: Actor, lines: Iterable<{ line: number; input: ImportLine } | ImportFailure>) {
      const result = { created: 0, updated: 0, unchanged: 0, failed: [] as ImportFailure[] };
      const seen = new Map<string, number>();
      const fail = (line: number, externalId: string, err: unknown) => {
        // An existing item the importer may not see is reported like any refusal, without its id.
        const error = err instanceof NotFound ? 'an item with this externalId exists and is not visible to you' : lineError(err);
        result.failed.push({ line, externalId, error });
      };

      /** One group: lookups for all its lines at once, each line prepared alone, written together. */
      const runGroup = async (group: { line: number; input: ImportLine }[]) => {
        const existing = await store.byExternalIds(group.map((g) => g.input.externalId));
        const knownUsers = await users.getMany([
          ...group.flatMap((g) => [...g.input.authors.map((a) => a.userId), ...(g.input.owner ? [g.input.owner] : [])]),
          ...[...existing.values()].map((r) => r.ownerId),
          actor.id,
        ]);
        const prepared: { line: number; externalId: string; change: Awaited<ReturnType<ContentChanges['prepare']>> }[] = [];
        for (const { line, input } of group) {
          const before = existing.get(input.externalId) ?? null;
          try {
            if (before && !canSee(actor, accessSubject(before))) throw new NotFound('Content item');
            const now = clock().toISOString();
            const after = before
              ? applyChanges(before, { ...input, status: input.status ?? (before.status === 'published' ? 'published' : 'draft') }, now)
              : newRecord(actor, input, now);
            const change = await changes.prepare(actor, { action: 'import', before, after, note: 'imported', knownUsers });
            if (before && change.fields.length === 0) result.unchanged++;
            else prepared.push({ line, externalId: input.externalId, change });
          } catch (err) {
            fail(line, input.externalId, err);
          }
        }
        const count = (c: { before: ContentRecord | null }) => (c.before ? result.updated++ : result.created++);
        try {
          await changes.commit(prepared.map((p) => p.change));
          prepared.forEach((p) => count(p.change));
        } catch {
          // Someone changed an item meanwhile: write line by line so only the stale line fails.
          for (const p of prepared) {
            try {
              await changes.commit([p.change]);
              count(p.change);
            } catch (err) {
              fail(p.line, p.externalId, err);
            }
          }
        }
      };

      let group: { line: number; input: ImportLine }[] = [];
      for (const entry of lines) {
        if (!('input' in entry)) {
          result.failed.push(entry);
          continue;
        }
        const ext = entry.input.externalId;
        const earlier = seen.get(ext);
        if (earlier !== undefined) {
          result.failed.push({ line: entry.line, externalId: ext, error: `externalId ${ext} already appears on line ${earlier}` });
          continue;
        }
        seen.set(ext, entry.line);
        group.push(entry);
        if (group.length >= IMPORT_CHUNK) {
          await runGroup(group);
          group = [];
        }
      }
      if (group.length) await runGroup(group);
      result.failed.sort((a, b) => a.line - b.line);
      return result;
    },
  };
}
export type ContentService = ReturnType<typeof createContentService>;
