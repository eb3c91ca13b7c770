import type {
  ContentItemsTable,
  ContentAuthorsTable,
  ContentVersionsTable,
  SearchOutboxTable,
  ShareLinksTable,
  TaxonomyTermsTable,
  SearchSynonymsTable,
  FacetProposalsTable,
} from './tables/content';
import type {
  UsageEventsTable,
  CreditPendingTable,
  CreditPoliciesTable,
  CreditEntriesTable,
  LedgerCheckpointsTable,
} from './tables/credits';
import type { OpportunitiesTable, CrmSyncStateTable, CrmWritebackOutboxTable, OpportunityAttachmentsTable } from './tables/crm';
import type {
  SearchLogTable,
  ContentSearchHitsTable,
  ContentRequestsTable,
  ContentRequestAskersTable,
  FlowEventFactsTable,
  FlowItemStatsTable,
  FlowDailyPeopleTable,
  FlowWatermarkTable,
  FlowInfluenceTable,
  FlowInfluenceDealsTable,
  ExpertContactsTable,
} from './tables/flow';
import type { UsersTable, ApiTokensTable, RateLimitWindowsTable, AuditLogTable, NotificationsTable } from './tables/people';

/**
 * Table types as Kysely sees them. Portable across SQLite and PostgreSQL:
 * timestamps are ISO-8601 text, booleans are 0/1 integers, lists and objects are JSON text.
 *
 * One file per area under ./tables (people, content, crm, credits, flow), so a feature's tables
 * sit together; this module maps table names to them and re-exports every type, so importers
 * keep `from '../db/schema'`. test/migrations.test.ts checks them against a migrated database.
 */
export type * from './tables/content';
export type * from './tables/credits';
export type * from './tables/crm';
export type * from './tables/flow';
export type * from './tables/people';

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
  facet_proposals: FacetProposalsTable;
  expert_contacts: ExpertContactsTable;
}
