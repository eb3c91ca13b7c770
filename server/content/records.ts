import crypto from 'node:crypto';
import type { Actor } from '../auth/schema';
import { Conflict } from '../errors';
import { FACET_FIELDS, type CreateContent } from './schema';
import type { ContentRecord } from './store';

/** Capability knowledge goes stale: it is due for verification every 90 days unless told otherwise. */
const DEFAULT_VERIFY_DAYS_CAPABILITY = 90;

/**
 * Pure builders of content records: what a request turns an item into. They decide nothing about
 * who may do it; content/changes.ts does, and writes the result.
 */
/** A new record from a create request (or an import line); nothing is stored yet. */
export function newRecord(actor: Actor, input: CreateContent, now: string): ContentRecord {
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
    verifyEveryDays:
      input.verifyEveryDays === undefined ? (input.kind === 'capability' ? DEFAULT_VERIFY_DAYS_CAPABILITY : null) : input.verifyEveryDays,
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

/**
 * The record's next version, stamped `now`, with `fields` set as given: a workflow step (archive,
 * review, verification) that sets its own fields. Status set here stamps nothing; a change to
 * "published" that should date the publication goes through applyChanges.
 */
export function nextVersion(before: ContentRecord, now: string, fields: Partial<ContentRecord> = {}): ContentRecord {
  return { ...before, ...fields, version: before.version + 1, updatedAt: now };
}

/** Applies a PATCH (or an import line) to a record; returns the new record, not yet stored. */
export function applyChanges(before: ContentRecord, patch: Partial<CreateContent> & { note?: string }, now: string): ContentRecord {
  const next = nextVersion(before, now);
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
  for (const f of FACET_FIELDS) assign(f, patch[f]);
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
  return next;
}

/** A request that names the version it read gets a 409 when the item moved on since. */
export function requireVersion(record: ContentRecord, version: number | undefined): void {
  if (version !== undefined && version !== record.version) {
    throw new Conflict(`Item is at version ${record.version}, not ${version}; reload and retry`, { currentVersion: record.version });
  }
}
