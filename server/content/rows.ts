import { json } from '../db/database';
import type { ContentItemsTable } from '../db/schema';
import type { Visibility } from './schema';
import type { AuthorShare, ContentRecord } from './store';

/*
 * The mapping between a content record and its content_items row: list and object fields are
 * JSON text in the row (both engines), counts come back from PostgreSQL as strings. The authors
 * live in content_authors and are read with the row.
 */

/** The row that stores a record (its authors are written separately). */
export function toRow(r: ContentRecord): ContentItemsTable {
  return {
    id: r.id,
    external_id: r.externalId,
    kind: r.kind,
    content_type: r.contentType,
    title: r.title,
    summary: r.summary,
    body: r.body,
    links: json.write(r.links),
    products: json.write(r.products),
    industries: json.write(r.industries),
    segments: json.write(r.segments),
    regions: json.write(r.regions),
    competitors: json.write(r.competitors),
    stages: json.write(r.stages),
    personas: json.write(r.personas),
    audience: r.audience,
    visibility: json.write(r.visibility),
    status: r.status,
    version: r.version,
    derived_from: r.derivedFrom,
    owner_id: r.ownerId,
    verify_every_days: r.verifyEveryDays,
    verified_at: r.verifiedAt,
    expires_at: r.expiresAt,
    structure: r.structure ? json.write(r.structure) : null,
    opportunity_id: r.opportunityId,
    review_team: r.reviewTeam,
    review_comment: r.reviewComment,
    submitted_at: r.submittedAt,
    created_by: r.createdBy,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    published_at: r.publishedAt,
  };
}

/** The record a row and its authors stand for. */
export function fromRow(row: ContentItemsTable, authors: AuthorShare[]): ContentRecord {
  return {
    id: row.id,
    externalId: row.external_id,
    kind: row.kind as ContentRecord['kind'],
    contentType: row.content_type as ContentRecord['contentType'],
    title: row.title,
    summary: row.summary,
    body: row.body,
    links: json.read(row.links, []),
    products: json.read(row.products, []),
    industries: json.read(row.industries, []),
    segments: json.read(row.segments, []),
    regions: json.read(row.regions, []),
    competitors: json.read(row.competitors, []),
    stages: json.read(row.stages, []),
    personas: json.read(row.personas, []),
    audience: row.audience as ContentRecord['audience'],
    visibility: json.read<Visibility>(row.visibility, { scope: 'everyone' }),
    authors,
    status: row.status as ContentRecord['status'],
    version: Number(row.version),
    derivedFrom: row.derived_from,
    ownerId: row.owner_id,
    verifyEveryDays: row.verify_every_days === null ? null : Number(row.verify_every_days),
    verifiedAt: row.verified_at,
    expiresAt: row.expires_at,
    structure: json.read<Record<string, unknown> | null>(row.structure, null),
    opportunityId: row.opportunity_id,
    reviewTeam: row.review_team,
    reviewComment: row.review_comment,
    submittedAt: row.submitted_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}
