import type { Generated } from 'kysely';

/**
 * The library: items, their authors and versions, the search relay, share links and the admin-edited vocabularies.
 * Column conventions and the table map are in ../schema.ts.
 */

export interface ContentItemsTable {
  id: string;
  external_id: string | null;
  kind: string;
  content_type: string;
  title: string;
  summary: string;
  body: string;
  links: string;
  products: string;
  industries: string;
  segments: string;
  regions: string;
  competitors: string;
  stages: string;
  personas: string;
  audience: string;
  visibility: string;
  status: string;
  version: number;
  derived_from: string | null;
  owner_id: string;
  verify_every_days: number | null;
  verified_at: string | null;
  expires_at: string | null;
  /** JSON of type-specific structure (win/loss analyses); null for plain items. */
  structure: string | null;
  /** The CRM opportunity a win/loss analysis is about. */
  opportunity_id: string | null;
  /** The team whose leaders may approve the item while it is in review. */
  review_team: string | null;
  review_comment: string | null;
  submitted_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface ContentAuthorsTable {
  content_id: string;
  user_id: string;
  role: string;
  share: number;
  position: number;
}

export interface ContentVersionsTable {
  content_id: string;
  version: number;
  changed_by: string;
  changed_at: string;
  /** JSON list of changed field names. */
  changed_fields: string;
  /** JSON snapshot of the item as it was after this version. */
  snapshot: string;
  note: string | null;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  content_id: string;
  /** 1 when the change narrowed who may see the item: search hides it until relayed. */
  narrows_visibility: number;
  created_at: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  done_at: string | null;
  /** The hub instance relaying this row and until when (PostgreSQL with several instances). */
  claimed_by: string | null;
  claimed_until: string | null;
}

export interface ShareLinksTable {
  id: string;
  token_hash: string;
  content_id: string;
  opportunity_id: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  open_count: Generated<number>;
  first_opened_at: string | null;
  last_opened_at: string | null;
}

export interface TaxonomyTermsTable {
  kind: string;
  value: string;
  /** For products: the product family. */
  parent: string | null;
  position: number;
}

/** 0021: admin-edited synonym groups per index (server/search/synonyms.ts); `groups` is JSON. */
export interface SearchSynonymsTable {
  index_name: string;
  groups: string;
  updated_at: string;
  updated_by: string;
}

/** 0025: facet values authors proposed, pending until an admin decides (server/taxonomies/proposals.ts). */
export interface FacetProposalsTable {
  id: Generated<number>;
  kind: string;
  value: string;
  value_key: string;
  content_id: string | null;
  proposed_by: string;
  proposed_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}
