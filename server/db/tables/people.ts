import type { Generated } from 'kysely';

/**
 * Who uses the hub: accounts, API tokens, request limits, the audit trail and the in-hub inbox.
 * Column conventions and the table map are in ../schema.ts.
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

export interface RateLimitWindowsTable {
  key: string;
  /** Start of the fixed one-minute window, in ms since the epoch. */
  window_start: number;
  hits: number;
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
