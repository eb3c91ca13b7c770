import type { Generated } from 'kysely';

/**
 * The knowledge-flow read model (server/flow): the search log, content requests and the derived facts and statistics.
 * Column conventions and the table map are in ../schema.ts.
 */

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
