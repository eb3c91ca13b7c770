import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { EventType, UsageEvent } from './schema';

type Executor = Db | Transaction<Database>;

/** What a caller stores; the event id and time are the store's. */
export interface NewUsageEvent {
  actorId: string;
  idempotencyKey: string;
  requestHash: string;
  type: EventType;
  contentId: string;
  opportunityId: string | null;
  note: string | null;
}

/**
 * The one place usage events are written. Each event gets its row in `credit_pending` in the same
 * transaction, so crediting cannot be lost between the two: the credit relay drains those rows.
 * Callers pass their transaction when the event belongs to a larger change (a derivation).
 */
const INSERT_CHUNK = 1000;

export async function insertUsageEvents(ex: Executor, events: NewUsageEvent[], at: string): Promise<UsageEvent[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({
    event_id: `ev-${crypto.randomUUID()}`,
    actor_id: e.actorId,
    idempotency_key: e.idempotencyKey,
    request_hash: e.requestHash,
    type: e.type,
    content_id: e.contentId,
    opportunity_id: e.opportunityId,
    note: e.note,
    at,
  }));
  // Chunks keep each statement within SQLite's 32,766 bound parameters (9 columns a row).
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await ex.insertInto('usage_events').values(chunk).execute();
    await ex
      .insertInto('credit_pending')
      .values(chunk.map((r) => ({ event_id: r.event_id, created_at: at })))
      .execute();
  }
  return rows.map(toUsageEvent);
}

export function toUsageEvent(r: {
  event_id: string;
  type: string;
  content_id: string;
  opportunity_id: string | null;
  note: string | null;
  actor_id: string;
  at: string;
}): UsageEvent {
  return {
    id: r.event_id,
    type: r.type as UsageEvent['type'],
    contentId: r.content_id,
    opportunityId: r.opportunity_id,
    note: r.note,
    actorId: r.actor_id,
    at: r.at,
  };
}

/**
 * Someone contacted an expert: knowledge flowing between people. Not a usage event (those are
 * about one content item and feed credits), but written here with them so events have one home.
 */
export async function insertExpertContact(
  ex: Executor,
  contact: { actorId: string; actorTeam: string | null; expertId: string; opportunityId: string | null; channel: string },
  at: string,
): Promise<{ id: string; at: string }> {
  const row = await ex
    .insertInto('expert_contacts')
    .values({
      actor_id: contact.actorId,
      actor_team: contact.actorTeam,
      expert_id: contact.expertId,
      opportunity_id: contact.opportunityId,
      channel: contact.channel,
      at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: String(row.id), at };
}
