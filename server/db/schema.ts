import type { Generated } from 'kysely';

/**
 * Table types as Kysely sees them. Portable across SQLite and PostgreSQL:
 * timestamps are ISO-8601 text, booleans are 0/1 integers, lists and objects are JSON text.
 */
export interface UsersTable {
  id: string;
  name: string;
  email: string;
  role: string;
  team: string;
  salesforce_user_id: string | null;
  /** JSON array of team names this user leads (leaders). */
  leads_teams: string;
  active: number;
  /** 1 for the Salesforce integration user, which acts for the Salesforce user named in X-Salesforce-User-Id. */
  integration: Generated<number>;
  created_at: string;
  updated_at: string;
  /** 'slack' or 'teams': where `chat_user_id` lives (0026). */
  chat_provider: string | null;
  /** The Slack member id (U…/W…) or the Teams sign-in name (UPN) chat deep links open. */
  chat_user_id: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  /** sha256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

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

export interface RateLimitWindowsTable {
  key: string;
  /** Start of the fixed one-minute window, in ms since the epoch. */
  window_start: number;
  hits: number;
}

export interface OpportunitiesTable {
  id: string;
  name: string;
  account_name: string;
  industry: string | null;
  segment: string | null;
  region: string | null;
  amount: number | null;
  currency: string;
  stage: string;
  close_date: string | null;
  is_closed: number;
  is_won: number;
  products: string;
  competitors: string;
  contact_roles: string;
  owner_id: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface CrmSyncStateTable {
  source: string;
  watermark: string | null;
  watermark_id: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_records: Generated<number>;
  last_api_calls: Generated<number>;
  total_api_calls: Generated<number | string>;
  api_used: number | null;
  api_limit: number | null;
  updated_at: string;
}

export interface CrmWritebackOutboxTable {
  id: Generated<number>;
  link_id: string;
  kind: string;
  content_id: string;
  opportunity_id: string;
  actor_id: string;
  at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  salesforce_id: string | null;
  done_at: string | null;
  /** 'upsert' sends the link, 'delete' removes it from the org (a detach). */
  action: Generated<string>;
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

export interface OpportunityAttachmentsTable {
  id: Generated<number>;
  opportunity_id: string;
  content_id: string;
  attached_by: string;
  attached_at: string;
  detached_by: string | null;
  detached_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  details: string;
}

export interface UsageEventsTable {
  id: Generated<number>;
  event_id: string;
  actor_id: string;
  idempotency_key: string;
  /** sha256 of the request body: the same key with another body is a conflict. */
  request_hash: string;
  type: string;
  content_id: string;
  opportunity_id: string | null;
  note: string | null;
  at: string;
}

/** Usage events stored but not yet credited (server/credits/service.ts drains them). */
export interface CreditPendingTable {
  event_id: string;
  created_at: string;
}

export interface TaxonomyTermsTable {
  kind: string;
  value: string;
  /** For products: the product family. */
  parent: string | null;
  position: number;
}

export interface CreditPoliciesTable {
  version: number;
  published_at: string;
  published_by: string;
  /** JSON of the policy rules (server/credits/policy.ts). */
  rules: string;
}

/** The append-only credit ledger: the database refuses updates, deletes and replacing inserts (triggers). */
export interface CreditEntriesTable {
  id: Generated<number>;
  /** Position in the hash chain: 1, 2, 3, … with no gaps. */
  seq: number;
  /** The usage event behind the entry (for influence: the event that tied the item to the deal). */
  event_id: string;
  /** The credited author. */
  user_id: string;
  /** The person whose action earned the credit. */
  actor_id: string;
  content_id: string;
  opportunity_id: string | null;
  type: string;
  /** The author's share of the item when the entry was computed. */
  share: number;
  /** Integer milli-points; negative for reversals. */
  milli_points: number;
  policy_version: number;
  /** For a reversal: the id of the entry it cancels. */
  reverses: number | null;
  reason: string;
  at: string;
  prev_hash: string;
  hash: string;
}

/**
 * Table copy of the signed ledger checkpoints (server/credits/checkpoints.ts); the file in the data
 * folder is the copy outside the database. Append-only like the ledger.
 */
export interface LedgerCheckpointsTable {
  id: Generated<number>;
  /** The ledger's head when signed: the chain of entries 1…seq ends in head_hash. */
  seq: number;
  head_hash: string;
  count: number;
  total_milli_points: number;
  at: string;
  key_id: string;
  /** Ed25519 signature, base64. */
  signature: string;
}

/** One logged /api/search (server/flow/searchLog.ts). */
export interface SearchLogTable {
  id: Generated<number>;
  /** Normalised: lowercased, trimmed, spaces collapsed. */
  query: string;
  /** JSON object of the facet filters that were set. */
  filters: string;
  total: number;
  /** JSON array of the first 20 hit ids. */
  hit_ids: string;
  actor_id: string;
  actor_role: string;
  at: string;
  /** at + 10 minutes: a view by the same person before then is a click. */
  click_deadline: string;
}

/** Times each item was returned by a search, incremented by each search-log flush. */
export interface ContentSearchHitsTable {
  content_id: string;
  times_returned: number;
  last_returned_at: string;
}

export interface ContentRequestsTable {
  id: string;
  query: string;
  /** Null until an admin assigns a request someone filed from an empty search. */
  assignee: string | null;
  created_by: string;
  status: string;
  note: string | null;
  created_at: string;
  /** The normalised query: open requests for the same thing are one request. */
  query_key: string | null;
}

/** Who asked for a content request (once each), from a search that found nothing. */
export interface ContentRequestAskersTable {
  request_id: string;
  user_id: string;
  asked_at: string;
}

/** One row per usage event, derived by server/flow/facts.ts (teams and authorship as at the event). */
export interface FlowEventFactsTable {
  event_id: number;
  at: string;
  type: string;
  content_id: string;
  actor_id: string;
  owner_team: string | null;
  actor_team: string | null;
  /** 1 when the actor was neither the item's owner nor one of its authors. */
  by_other: number;
}

export interface FlowItemStatsTable {
  content_id: string;
  /** Reuse events (attach, derive, helpful, shares) by others. */
  reuse_count: number;
  first_reuse_at: string | null;
  /** The last view, attach or derive by others. */
  last_use_at: string | null;
}

/** Per person and UTC day (YYYY-MM-DD): sharing and participating events. */
export interface FlowDailyPeopleTable {
  day: string;
  actor_id: string;
  actor_team: string | null;
  sharing: number;
  participating: number;
}

export interface FlowWatermarkTable {
  name: string;
  /** The last usage_events.id folded into the facts. */
  last_event_id: number;
}

/** One (won deal, item) pair: the item was attached to the deal or viewed by its owner while it was open. */
export interface FlowInfluenceTable {
  opportunity_id: string;
  content_id: string;
  /** The earliest usage event that tied the item to the deal. */
  event_id: number;
  /** The item owner's team as at that event. */
  owner_team: string | null;
  /** The deal's close date and amount (copied from opportunities). */
  close_date: string | null;
  amount: number | null;
}

/** The state of a won deal when its influence pairs were computed (server/flow/influence.ts). */
export interface FlowInfluenceDealsTable {
  opportunity_id: string;
  owner_id: string | null;
  created_at: string;
  close_date: string | null;
  amount: number | null;
}

/** 0016: the in-hub inbox (server/notifications). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  content_id: string | null;
  actor_id: string | null;
  message: string;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

/** 0021: admin-edited synonym groups per index (server/search/synonyms.ts); `groups` is JSON. */
export interface SearchSynonymsTable {
  index_name: string;
  groups: string;
  updated_at: string;
  updated_by: string;
}

/** Someone contacted an expert (server/flow/expertProfile.ts), from a deal or not: knowledge flow between people. */
export interface ExpertContactsTable {
  id: Generated<number>;
  actor_id: string;
  expert_id: string;
  opportunity_id: string | null;
  /** 'email', 'chat' or 'chatter'. */
  channel: string;
  actor_team: string | null;
  at: string;
}

export interface Database {
  flow_event_facts: FlowEventFactsTable;
  flow_influence: FlowInfluenceTable;
  flow_influence_deals: FlowInfluenceDealsTable;
  flow_item_stats: FlowItemStatsTable;
  flow_watermark: FlowWatermarkTable;
  flow_daily_people: FlowDailyPeopleTable;
  search_log: SearchLogTable;
  content_search_hits: ContentSearchHitsTable;
  content_requests: ContentRequestsTable;
  content_request_askers: ContentRequestAskersTable;
  credit_policies: CreditPoliciesTable;
  credit_entries: CreditEntriesTable;
  credit_pending: CreditPendingTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  taxonomy_terms: TaxonomyTermsTable;
  usage_events: UsageEventsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  content_items: ContentItemsTable;
  content_authors: ContentAuthorsTable;
  content_versions: ContentVersionsTable;
  search_outbox: SearchOutboxTable;
  rate_limit_windows: RateLimitWindowsTable;
  opportunities: OpportunitiesTable;
  crm_sync_state: CrmSyncStateTable;
  crm_writeback_outbox: CrmWritebackOutboxTable;
  opportunity_attachments: OpportunityAttachmentsTable;
  share_links: ShareLinksTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  search_synonyms: SearchSynonymsTable;
  expert_contacts: ExpertContactsTable;
}
