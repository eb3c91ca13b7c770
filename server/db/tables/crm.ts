import type { Generated } from 'kysely';

/**
 * Opportunities from the CRM (local or Salesforce), their sync state, write-back outbox and attached items.
 * Column conventions and the table map are in ../schema.ts.
 */

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

export interface OpportunityAttachmentsTable {
  id: Generated<number>;
  opportunity_id: string;
  content_id: string;
  attached_by: string;
  attached_at: string;
  detached_by: string | null;
  detached_at: string | null;
}
