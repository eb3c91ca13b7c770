import crypto from 'node:crypto';
import { canArchive, canEdit, canSee } from '../auth/access';
import type { Actor } from '../auth/schema';
import { requireRole } from '../auth/service';
import type { UserStore } from '../auth/store';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/database';
import { Conflict, Forbidden, NotFound, ValidationFailed, type FieldIssue } from '../errors';
import { renderMarkdown } from './markdown';
import { CreateContent, type ContentItem, type UpdateContent } from './schema';
import { changedFields, type ContentRecord, type ContentStore } from './store';

export interface ContentServiceDeps {
  db: Db;
  store: ContentStore;
  users: UserStore;
  /** Tells the outbox relay there is work, so the index follows within milliseconds. */
  onIndexChange?: () => void;
  clock?: () => Date;
  /** Content types that need a reviewer's approval before they publish. */
  reviewTypes?: readonly string[];
}

export const DEFAULT_REVIEW_TYPES = ['win_loss_analysis'];

const DEFAULT_VERIFY_DAYS_CAPABILITY = 90;

/**
 * The freshness badge. `flaggedAt` is the latest "outdated" flag by a reader; it counts until the
 * owner verifies the item again.
 */
export function freshnessOf(record: Pick<ContentRecord, 'verifiedAt' | 'verifyEveryDays' | 'expiresAt'>, now: Date, flaggedAt?: string | null): ContentItem['freshness'] {
  if (record.expiresAt && Date.parse(record.expiresAt) <= now.getTime()) return 'expired';
  if (flaggedAt && (!record.verifiedAt || flaggedAt > record.verifiedAt)) return 'outdated';
  if (!record.verifiedAt) return 'unverified';
  if (record.verifyEveryDays && Date.parse(record.verifiedAt) + record.verifyEveryDays * 86_400_000 < now.getTime()) return 'due';
  return 'verified';
}

function accessSubject(r: ContentRecord) {
  return {
    status: r.status,
    visibility: r.visibility,
    ownerId: r.ownerId,
    authorIds: r.authors.filter((a) => a.role !== 'contributor').map((a) => a.userId),
    editorIds: r.authors.filter((a) => a.role === 'editor').map((a) => a.userId),
    reviewTeam: r.reviewTeam,
  };
}

/** Does the change take away anyone's access? Then search double-checks the item until relayed. */
function narrowsAccess(before: ContentRecord, after: ContentRecord): boolean {
  if (before.status === 'published' && after.status !== 'published') return true;
  if (JSON.stringify(before.visibility) !== JSON.stringify(after.visibility) && after.visibility.scope !== 'everyone') return true;
  // The people authorship lets in (as canSee counts them: contributors are not among them).
  const beforeIds = new Set([...accessSubject(before).authorIds, before.ownerId]);
  const afterIds = new Set([...accessSubject(after).authorIds, after.ownerId]);
  return after.visibility.scope !== 'everyone' && [...beforeIds].some((id) => !afterIds.has(id));
}

export function createContentService(deps: ContentServiceDeps) {
  const { db, store, users } = deps;
  const clock = deps.clock ?? (() => new Date());
  const notify = () => deps.onIndexChange?.();
  const reviewTypes = new Set(deps.reviewTypes ?? DEFAULT_REVIEW_TYPES);
  const needsReview = (contentType: string) => reviewTypes.has(contentType);

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
      industries: record.industries,
      segments: record.segments,
      regions: record.regions,
      competitors: record.competitors,
      stages: record.stages,
      personas: record.personas,
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

  /** Checks that referenced users and items exist; one 400 naming every wrong field. */
  async function checkReferences(
    actor: Actor,
    input: { authors?: { userId: string }[]; owner?: string; derivedFrom?: string | null; visibility?: ContentRecord['visibility'] },
    known?: Map<string, unknown>,
  ): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    const ids = [...(input.authors ?? []).map((a) => a.userId), ...(input.owner ? [input.owner] : [])];
    const found = known ?? (await users.getMany(ids));
    (input.authors ?? []).forEach((a, i) => {
      if (!found.has(a.userId)) issues.push({ path: `authors.${i}.userId`, message: `unknown user ${a.userId}` });
    });
    if (input.owner && !found.has(input.owner)) issues.push({ path: 'owner', message: `unknown user ${input.owner}` });
    if (input.derivedFrom) {
      const source = await store.get(input.derivedFrom);
      if (!source || !canSee(actor, accessSubject(source))) issues.push({ path: 'derivedFrom', message: `unknown item ${input.derivedFrom}` });
    }
    return issues;
  }

  function newRecord(actor: Actor, input: CreateContent, now: string): ContentRecord {
    const status = input.status ?? 'draft';
    return {
      id: `ci-${crypto.randomUUID()}`,
      externalId: input.externalId ?? null,
      kind: input.kind,
      contentType: input.contentType,
      title: input.title,
      summary: input.summary,
      body: input.body,
      links: input.links,
      products: input.products,
      industries: input.industries,
      segments: input.segments,
      regions: input.regions,
      competitors: input.competitors,
      stages: input.stages,
      personas: input.personas,
      audience: input.audience,
      visibility: input.visibility,
      authors: input.authors,
      status,
      version: 1,
      derivedFrom: input.derivedFrom ?? null,
      ownerId: input.owner ?? input.authors[0]?.userId ?? actor.id,
      verifyEveryDays: input.verifyEveryDays === undefined ? (input.kind === 'capability' ? DEFAULT_VERIFY_DAYS_CAPABILITY : null) : input.verifyEveryDays,
      // Publishing is the author's statement that the content is right as of now.
      verifiedAt: status === 'published' ? now : null,
      expiresAt: input.expiresAt ?? null,
      structure: null,
      opportunityId: null,
      reviewTeam: null,
      reviewComment: null,
      submittedAt: null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
      publishedAt: status === 'published' ? now : null,
    };
  }

  /** Applies a PATCH (or an import line) to a record; returns the new record, not yet stored. */
  function applyChanges(before: ContentRecord, patch: Partial<CreateContent> & { note?: string }, now: string): ContentRecord {
    const next: ContentRecord = { ...before };
    const assign = <K extends keyof ContentRecord>(key: K, value: ContentRecord[K] | undefined) => {
      if (value !== undefined) next[key] = value;
    };
    assign('externalId', patch.externalId);
    assign('kind', patch.kind);
    assign('contentType', patch.contentType);
    assign('title', patch.title);
    assign('summary', patch.summary);
    assign('body', patch.body);
    assign('links', patch.links);
    for (const f of ['products', 'industries', 'segments', 'regions', 'competitors', 'stages', 'personas'] as const) assign(f, patch[f]);
    assign('audience', patch.audience);
    assign('visibility', patch.visibility);
    assign('authors', patch.authors);
    assign('ownerId', patch.owner);
    if (patch.verifyEveryDays !== undefined) next.verifyEveryDays = patch.verifyEveryDays;
    if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
    if (patch.derivedFrom !== undefined) next.derivedFrom = patch.derivedFrom;
    if (patch.status && patch.status !== before.status) {
      next.status = patch.status;
      if (patch.status === 'published') {
        next.publishedAt = before.publishedAt ?? now;
        next.verifiedAt = now;
      }
    }
    next.version = before.version + 1;
    next.updatedAt = now;
    return next;
  }

  async function loadVisible(actor: Actor, id: string): Promise<ContentRecord> {
    const record = await store.get(id);
    // 404 rather than 403: whether an item exists is itself confidential.
    if (!record || !canSee(actor, accessSubject(record))) throw new NotFound('Content item');
    return record;
  }

  async function commitChange(actor: Actor, before: ContentRecord, after: ContentRecord, note: string | null): Promise<ContentRecord> {
    const fields = changedFields(before, after);
    const authorsChanged = fields.includes('authors');
    await db.transaction().execute(async (trx) => {
      const ok = await store.update(trx, after, before.version, authorsChanged);
      if (!ok) {
        const current = await store.get(before.id, trx);
        throw new Conflict(`Item was changed by someone else (now at version ${current?.version ?? '?'}); reload and retry`, { currentVersion: current?.version ?? null });
      }
      await store.addVersion(trx, after, actor.id, fields, note);
      if (before.status === 'published' || after.status === 'published') await store.enqueueOutbox(trx, [after.id], narrowsAccess(before, after));
      if (fields.includes('visibility') || fields.includes('authors')) {
        await recordAudit(trx, {
          actorId: actor.id,
          action: fields.includes('visibility') ? 'content.visibility_change' : 'content.authors_change',
          targetType: 'content',
          targetId: after.id,
          details: { from: { visibility: before.visibility, authors: before.authors }, to: { visibility: after.visibility, authors: after.authors } },
        });
      }
    });
    notify();
    return after;
  }

  function requireVersion(record: ContentRecord, version: number | undefined) {
    if (version !== undefined && version !== record.version) {
      throw new Conflict(`Item is at version ${record.version}, not ${version}; reload and retry`, { currentVersion: record.version });
    }
  }

  async function insertNew(actor: Actor, record: ContentRecord, input: CreateContent): Promise<ContentRecord> {
    if (record.status === 'published' && needsReview(record.contentType) && actor.role !== 'admin') {
      throw new Conflict(`A ${record.contentType} needs a reviewer's approval: create it as a draft and submit it for review`, { code: 'review_required' });
    }
    const issues = await checkReferences(actor, input);
    if (issues.length) throw new ValidationFailed(`${issues[0]?.path}: ${issues[0]?.message}`, issues);
    if (input.externalId) {
      const existing = await store.byExternalIds([input.externalId]);
      if (existing.size) throw new Conflict(`An item with externalId ${input.externalId} already exists`, { field: 'externalId', id: existing.get(input.externalId)?.id });
    }
    await db.transaction().execute(async (trx) => {
      await store.insert(trx, record);
      await store.addVersion(trx, record, actor.id, ['created'], null);
      if (record.status === 'published') await store.enqueueOutbox(trx, [record.id]);
    });
    notify();
    return record;
  }

  return {
    toView,
    accessSubject,
    needsReview,

    async create(actor: Actor, input: CreateContent): Promise<ContentItem> {
      requireRole(actor, 'author', 'leader', 'admin');
      return toView(await insertNew(actor, newRecord(actor, input, clock().toISOString()), input));
    },

    /** The shared building blocks for the review workflow and win/loss analyses. */
    internals: { loadVisible, commitChange, requireVersion, applyChanges, newRecord, insertNew, checkReferences, toView },

    async get(actor: Actor, id: string): Promise<ContentItem> {
      return toView(await loadVisible(actor, id));
    },

    async findVisible(actor: Actor, id: string): Promise<ContentRecord | null> {
      const record = await store.get(id);
      return record && canSee(actor, accessSubject(record)) ? record : null;
    },

    async update(actor: Actor, id: string, patch: UpdateContent): Promise<ContentItem> {
      const before = await loadVisible(actor, id);
      if (!canEdit(actor, accessSubject(before))) throw new Forbidden('Only the authors, the owner and admins may edit this item');
      requireVersion(before, patch.version);
      const { version: _v, note, ...changes } = patch;
      const issues = await checkReferences(actor, changes);
      const after = applyChanges(before, changes, clock().toISOString());
      // Re-validate the whole item so a PATCH cannot produce a state a POST would refuse.
      const whole = CreateContent.safeParse({
        kind: after.kind, contentType: after.contentType, title: after.title, summary: after.summary, body: after.body, links: after.links,
        products: after.products, industries: after.industries, segments: after.segments, regions: after.regions, competitors: after.competitors,
        stages: after.stages, personas: after.personas, audience: after.audience, visibility: after.visibility, authors: after.authors,
      });
      if (!whole.success) issues.push(...ValidationFailed.fromZod(whole.error).issues);
      if (issues.length) throw new ValidationFailed(`${issues[0]?.path}: ${issues[0]?.message}`, issues);
      if (changedFields(before, after).length === 0) return toView(before);
      return toView(await commitChange(actor, before, after, note ?? null));
    },

    async publish(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      const before = await loadVisible(actor, id);
      if (!canEdit(actor, accessSubject(before))) throw new Forbidden('Only the authors, the owner and admins may publish this item');
      requireVersion(before, version);
      if (before.status === 'published') return toView(before);
      if (needsReview(before.contentType) && actor.role !== 'admin') {
        throw new Conflict(`A ${before.contentType} needs a reviewer's approval: submit it for review`, { code: 'review_required' });
      }
      requireRole(actor, 'author', 'leader', 'admin');
      return toView(await commitChange(actor, before, applyChanges(before, { status: 'published' }, clock().toISOString()), 'published'));
    },

    async archive(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      const before = await loadVisible(actor, id);
      if (!canArchive(actor, accessSubject(before))) throw new Forbidden('Only editors, leaders and admins may archive this item');
      requireVersion(before, version);
      if (before.status === 'archived') return toView(before);
      const now = clock().toISOString();
      const after = { ...applyChanges(before, {}, now), status: 'archived' as const };
      return toView(await commitChange(actor, before, after, 'archived'));
    },

    async versions(actor: Actor, id: string) {
      await loadVisible(actor, id);
      return { versions: await store.versions(id) };
    },

    /** Shared by the import: creates or updates many items in one transaction. */
    async upsertMany(actor: Actor, lines: { line: number; input: CreateContent }[]) {
      const result = { created: 0, updated: 0, unchanged: 0, failed: [] as { line: number; externalId?: string; error: string }[] };
      const externalIds = lines.map((l) => l.input.externalId).filter((x): x is string => !!x);
      const existing = await store.byExternalIds(externalIds);
      const known = await users.getMany(lines.flatMap((l) => [...l.input.authors.map((a) => a.userId), ...(l.input.owner ? [l.input.owner] : [])]));
      const now = clock().toISOString();
      const inserts: ContentRecord[] = [];
      const updates: { before: ContentRecord; after: ContentRecord }[] = [];
      const seen = new Map<string, number>();
      for (const { line, input } of lines) {
        const ext = input.externalId as string;
        const fail = (error: string) => result.failed.push({ line, externalId: ext, error });
        if (seen.has(ext)) {
          fail(`externalId ${ext} already appears on line ${seen.get(ext)}`);
          continue;
        }
        seen.set(ext, line);
        const issues = await checkReferences(actor, input, known);
        if (issues.length) {
          fail(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
          continue;
        }
        const before = existing.get(ext);
        if (!before) {
          inserts.push(newRecord(actor, input, now));
          continue;
        }
        if (!canEdit(actor, accessSubject(before))) {
          fail(`you may not edit the existing item ${before.id}`);
          continue;
        }
        const after = applyChanges(before, { ...input, status: input.status ?? before.status as 'draft' | 'published' }, now);
        if (changedFields(before, after).length === 0) result.unchanged++;
        else updates.push({ before, after });
      }
      await db.transaction().execute(async (trx) => {
        await store.insertMany(trx, inserts);
        await store.addVersions(trx, inserts.map((record) => ({ record, changedBy: actor.id, changedFields: ['created'] })));
        for (const { before, after } of updates) {
          if (!(await store.update(trx, after, before.version, true))) throw new Conflict(`Item ${before.id} changed during the import; retry`);
        }
        await store.addVersions(trx, updates.map(({ before, after }) => ({ record: after, changedBy: actor.id, changedFields: changedFields(before, after) })));
        await store.enqueueOutbox(trx, inserts.filter((r) => r.status === 'published').map((r) => r.id));
        const touched = updates.filter(({ before, after }) => before.status === 'published' || after.status === 'published');
        await store.enqueueOutbox(trx, touched.filter((u) => !narrowsAccess(u.before, u.after)).map((u) => u.after.id));
        await store.enqueueOutbox(trx, touched.filter((u) => narrowsAccess(u.before, u.after)).map((u) => u.after.id), true);
      });
      result.created += inserts.length;
      result.updated += updates.length;
      notify();
      return result;
    },
  };
}
export type ContentService = ReturnType<typeof createContentService>;
