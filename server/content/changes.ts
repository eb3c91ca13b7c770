import { canArchive, canEdit, canRestore, canSee, mayPublish, mayReview } from '../auth/access';
import type { Actor } from '../auth/schema';
import type { UserStore } from '../auth/store';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/database';
import { Conflict, Forbidden, ValidationFailed, type FieldIssue } from '../errors';
import type { EventType } from '../events/schema';
import { insertUsageEvents } from '../events/store';
import { notify } from '../notifications/store';
import { notificationsOf } from './changeNotices';
import { CreateContent } from './schema';
import { accessSubject, narrowsAccess } from './subject';
import { changedFields, type ContentRecord, type ContentStore } from './store';

/**
 * Every way content changes, named. The action decides which rules apply: who may do it, which
 * status transitions it may make, and what the audit log says.
 */
export type ChangeAction =
  | 'create'
  | 'import'
  | 'edit'
  | 'publish'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'request_changes'
  | 'archive'
  | 'restore'
  | 'verify'
  | 'derive'
  | 'winloss';

/** A usage event raised by the change itself (a derivation reuses its source). */
export interface DomainEvent {
  type: EventType;
  contentId: string;
  opportunityId?: string | null;
  note?: string | null;
  idempotencyKey: string;
}

export interface ChangeRequest {
  action: ChangeAction;
  /** The stored record the change starts from; null for a new item. */
  before: ContentRecord | null;
  /** The record as the caller wants it; the write path may still send it back to draft. */
  after: ContentRecord;
  note?: string | null;
  events?: DomainEvent[];
  /** Users already looked up (an import group's): saves a lookup per line. */
  knownUsers?: ReadonlyMap<string, unknown>;
}

/** A change that passed every rule and is ready to be written. */
export interface PreparedChange {
  actor: Actor;
  action: ChangeAction;
  before: ContentRecord | null;
  after: ContentRecord;
  fields: string[];
  note: string | null;
  events: DomainEvent[];
  audits: { action: string; details: Record<string, unknown> }[];
}

const CREATE_ROLES: readonly Actor['role'][] = ['author', 'leader', 'admin'];

/**
 * The single write path for content. Every change, from any door (POST, PATCH, import, publish,
 * submit, approve, reject, request changes, archive, verify, derive, win/loss), is prepared here, where the policy
 * is asked who may do it, the whole item is validated, and review cannot be gamed; then it is
 * written here, with its version entry, audit entries, search outbox row and domain events, in
 * one transaction. A new door calls `apply` and inherits all of it.
 */
export function createContentChanges(deps: {
  db: Db;
  store: ContentStore;
  users: UserStore;
  reviewTypes: ReadonlySet<string>;
  /** Tells the outbox relay there is work. */
  onIndexChange?: () => void;
  /** Tells the credit relay there are events to credit. */
  onEvents?: () => void;
}) {
  const { db, store, users, reviewTypes } = deps;
  const needsReview = (contentType: string) => reviewTypes.has(contentType);

  /**
   * Everyone who took part in the item since it last entered review: the submitter, whoever
   * changed it meanwhile, and every owner and author, co-author or contributor listed at any of
   * those versions. None of them may approve or reject it.
   */
  async function reviewParticipants(record: ContentRecord): Promise<Set<string>> {
    const people = new Set<string>([record.ownerId, ...record.authors.map((a) => a.userId)]);
    if (record.status !== 'in_review') return people;
    for (const v of await store.versions(record.id)) {
      const snap = v.snapshot as { status?: string; ownerId?: string; authors?: { userId: string }[] };
      if (snap.status !== 'in_review') break;
      people.add(v.changedBy);
      if (snap.ownerId) people.add(snap.ownerId);
      for (const a of snap.authors ?? []) people.add(a.userId);
    }
    return people;
  }

  async function checkReferences(
    actor: Actor,
    after: ContentRecord,
    before: ContentRecord | null,
    known?: ReadonlyMap<string, unknown>,
  ): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    const ids = [...after.authors.map((a) => a.userId), after.ownerId];
    const found = known && ids.every((id) => known.has(id)) ? known : await users.getMany(ids);
    after.authors.forEach((a, i) => {
      if (!found.has(a.userId)) issues.push({ path: `authors.${i}.userId`, message: `unknown user ${a.userId}` });
    });
    if (!found.has(after.ownerId)) issues.push({ path: 'owner', message: `unknown user ${after.ownerId}` });
    if (after.derivedFrom && after.derivedFrom !== before?.derivedFrom) {
      const source = await store.get(after.derivedFrom);
      if (!source || !canSee(actor, accessSubject(source)))
        issues.push({ path: 'derivedFrom', message: `unknown item ${after.derivedFrom}` });
    }
    return issues;
  }

  /** The whole item must be one a POST would accept, whatever door it came through. */
  function validateWhole(after: ContentRecord): FieldIssue[] {
    const whole = CreateContent.safeParse({
      kind: after.kind,
      contentType: after.contentType,
      title: after.title,
      summary: after.summary,
      body: after.body,
      links: after.links,
      products: after.products,
      industries: after.industries,
      segments: after.segments,
      regions: after.regions,
      competitors: after.competitors,
      stages: after.stages,
      personas: after.personas,
      audience: after.audience,
      visibility: after.visibility,
      authors: after.authors,
      ...(after.externalId ? { externalId: after.externalId } : {}),
    });
    return whole.success ? [] : ValidationFailed.fromZod(whole.error).issues;
  }

  /** Publishing without a reviewer: allowed for types that need none, and for admins (audited). */
  function checkDirectPublish(actor: Actor, record: ContentRecord, how: string): void {
    if (!mayPublish(actor)) throw new Forbidden('Only authors, leaders and admins may publish; submit it for review');
    if (needsReview(record.contentType) && actor.role !== 'admin') {
      throw new Conflict(`A ${record.contentType} needs a reviewer's approval: ${how}`, { code: 'review_required' });
    }
  }

  /** Who may take this action on this item, and which status transition it may make. */
  async function authorize(actor: Actor, req: ChangeRequest): Promise<void> {
    const { action, before, after } = req;
    if (!before) {
      // New items: authors, leaders and admins; a deal's owner may start its win/loss analysis.
      if (action !== 'winloss' && !CREATE_ROLES.includes(actor.role))
        throw new Forbidden('Only authors, leaders and admins may create content');
      if (after.status === 'published') checkDirectPublish(actor, after, 'create it as a draft and submit it for review');
      else if (after.status !== 'draft') throw new Conflict(`A new item starts as a draft or published, not ${after.status}`);
      return;
    }
    const subject = accessSubject(before);
    switch (action) {
      case 'approve':
      case 'reject':
      case 'request_changes': {
        if (before.status !== 'in_review') throw new Conflict(`The item is ${before.status}, not in review`);
        const participants = await reviewParticipants(before);
        if (!mayReview(actor, before.reviewTeam, participants)) {
          throw new Forbidden(
            "Only a leader of the deal's team or an admin who has not submitted, owned or written this item may review it",
          );
        }
        return;
      }
      case 'archive':
        if (!canArchive(actor, subject)) throw new Forbidden('Only editors, leaders and admins may archive this item');
        return;
      case 'restore':
        // Restoring returns the item to the status it had before it was archived (the service reads
        // it from the history): a published item was approved once, so no new review is needed.
        if (before.status !== 'archived') throw new Conflict(`The item is ${before.status}, not archived`);
        if (!canRestore(actor, subject))
          throw new Forbidden('Only the owner, the authors, leaders who may see it and admins may restore this item');
        return;
      default:
        if (!canEdit(actor, subject)) throw new Forbidden('Only the authors, the owner and admins may change this item');
    }
    if (after.status === before.status) return;
    if (before.status === 'archived' && action !== 'import' && action !== 'edit')
      throw new Conflict('An archived item cannot be changed this way');
    if (after.status === 'published') {
      checkDirectPublish(actor, after, 'submit it for review');
    } else if (after.status === 'in_review' && action !== 'submit') {
      throw new Conflict('Only submitting puts an item in review');
    }
  }

  /** Runs every rule; returns the change ready to write, or throws the first refusal. */
  async function prepare(actor: Actor, req: ChangeRequest): Promise<PreparedChange> {
    const { action, before } = req;
    let after = req.after;
    await authorize(actor, req);
    const issues = [...validateWhole(after), ...(await checkReferences(actor, after, before, req.knownUsers))];
    if (issues.length) throw new ValidationFailed(`${issues[0]?.path}: ${issues[0]?.message}`, issues);

    let note = req.note ?? null;
    // Changing who wrote or owns an item in review would change who may approve it: back to draft.
    if (
      before?.status === 'in_review' &&
      after.status === 'in_review' &&
      (before.ownerId !== after.ownerId || JSON.stringify(before.authors) !== JSON.stringify(after.authors))
    ) {
      after = { ...after, status: 'draft', reviewTeam: null, submittedAt: null };
      note = [note, 'back to draft: authors or owner changed during review'].filter(Boolean).join('; ');
    }
    const fields = before ? changedFields(before, after) : ['created'];
    const audits: PreparedChange['audits'] = [];
    if (before && (fields.includes('visibility') || fields.includes('authors') || fields.includes('ownerId'))) {
      audits.push({
        action: fields.includes('visibility')
          ? 'content.visibility_change'
          : fields.includes('authors')
            ? 'content.authors_change'
            : 'content.owner_change',
        details: {
          via: action,
          from: { visibility: before.visibility, authors: before.authors, owner: before.ownerId },
          to: { visibility: after.visibility, authors: after.authors, owner: after.ownerId },
        },
      });
    }
    if (after.status === 'published' && before?.status !== 'published' && action !== 'approve' && needsReview(after.contentType)) {
      audits.push({
        action: 'content.published_without_review',
        details: {
          via: action,
          contentType: after.contentType,
          note: 'an admin published a type that needs review (e.g. a migration of approved history)',
        },
      });
    }
    // Bringing back an archived item makes it readable and searchable again: who did it is recorded.
    // Archiving takes an item out of search and recommendations for everyone: who did it is audited.
    if (action === 'archive' && after.status === 'archived' && before?.status !== 'archived')
      audits.push({ action: 'content.archive', details: { from: before?.status ?? null, version: after.version } });
    if (action === 'restore')
      audits.push({ action: 'content.restore', details: { from: before?.status ?? null, to: after.status, version: after.version } });
    if (action === 'approve' || action === 'reject' || action === 'request_changes')
      audits.push({ action: `content.${action}`, details: { version: after.version, note } });
    return { actor, action, before, after, fields, note, events: req.events ?? [], audits };
  }

  /** Writes prepared changes in one transaction; a stale version aborts it with a 409. */
  async function commit(changes: PreparedChange[]): Promise<void> {
    if (changes.length === 0) return;
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const inserts = changes.filter((c) => !c.before);
      await store.insertMany(
        trx,
        inserts.map((c) => c.after),
      );
      for (const c of changes) {
        if (!c.before) continue;
        if (!(await store.update(trx, c.after, c.before.version, c.fields.includes('authors')))) {
          const current = await store.get(c.before.id, trx);
          throw new Conflict(`Item was changed by someone else (now at version ${current?.version ?? '?'}); reload and retry`, {
            currentVersion: current?.version ?? null,
            id: c.before.id,
          });
        }
      }
      await store.addVersions(
        trx,
        changes.map((c) => ({ record: c.after, changedBy: c.actor.id, changedFields: c.fields, note: c.note })),
      );
      const indexed = changes.filter((c) => c.before?.status === 'published' || c.after.status === 'published');
      await store.enqueueOutbox(
        trx,
        indexed.filter((c) => !c.before || !narrowsAccess(c.before, c.after)).map((c) => c.after.id),
      );
      await store.enqueueOutbox(
        trx,
        indexed.filter((c) => c.before && narrowsAccess(c.before, c.after)).map((c) => c.after.id),
        true,
      );
      for (const c of changes) {
        for (const a of c.audits)
          await recordAudit(trx, {
            actorId: c.actor.id,
            action: a.action,
            targetType: 'content',
            targetId: c.after.id,
            details: a.details,
          });
      }
      await notify(trx, changes.flatMap(notificationsOf), now);
      const events = changes.flatMap((c) =>
        c.events.map((e) => ({
          actorId: c.actor.id,
          idempotencyKey: e.idempotencyKey,
          requestHash: e.type,
          type: e.type,
          contentId: e.contentId,
          opportunityId: e.opportunityId ?? null,
          note: e.note ?? null,
        })),
      );
      await insertUsageEvents(trx, events, now);
    });
    // Searches stop reusing their list of pending narrowings from now on (server/search/service.ts).
    if (
      changes.some(
        (c) => c.before && (c.before.status === 'published' || c.after.status === 'published') && narrowsAccess(c.before, c.after),
      )
    )
      store.noteNarrowingCommitted();
    if (changes.some((c) => c.before?.status === 'published' || c.after.status === 'published')) deps.onIndexChange?.();
    if (changes.some((c) => c.events.length)) deps.onEvents?.();
  }

  /** Prepare and write one change; returns the record as stored. */
  async function apply(actor: Actor, req: ChangeRequest): Promise<ContentRecord> {
    const prepared = await prepare(actor, req);
    if (prepared.before && prepared.fields.length === 0 && prepared.events.length === 0) return prepared.before;
    await commit([prepared]);
    return prepared.after;
  }

  return { needsReview, reviewParticipants, prepare, commit, apply };
}
export type ContentChanges = ReturnType<typeof createContentChanges>;
