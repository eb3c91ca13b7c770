import type { Generated } from 'kysely';

/**
 * Usage events and the contribution credits made from them: the policy, the append-only ledger and its checkpoints.
 * Column conventions and the table map are in ../schema.ts.
 */

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
