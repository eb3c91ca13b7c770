import crypto from 'node:crypto';
import type { Actor } from '../auth/schema';
import type { ContentService } from '../content/service';
import type { Db } from '../db/database';
import { AppError, Conflict, NotFound } from '../errors';
import type { OpportunityService } from '../opportunities/service';
import type { RecordEvent, UsageEvent } from './schema';
import { insertUsageEvents, toUsageEvent } from './store';
import { notify, peopleOf } from '../notifications/store';

/** Listeners run after a new event is stored (credits build on this). */
export type EventListener = (event: UsageEvent) => Promise<void>;

function hashOf(event: RecordEvent): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([event.type, event.contentId, event.opportunityId ?? null, event.note ?? null]))
    .digest('hex');
}

/**
 * Usage events: views, shares, attachments, helpful marks, outdated flags, derivations.
 * Idempotent per (user, Idempotency-Key): a replay returns the first answer, the same key with a
 * different body is a 409. Events are only accepted on items (and opportunities) the user can see.
 */
export function createEventService(deps: {
  db: Db;
  content: ContentService;
  opportunities: OpportunityService;
  listeners?: EventListener[];
  clock?: () => Date;
}) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const listeners = deps.listeners ?? [];

  const toEvent = toUsageEvent;

  async function replay(actor: Actor, key: string, hash: string): Promise<UsageEvent | null> {
    const row = await db
      .selectFrom('usage_events')
      .selectAll()
      .where('actor_id', '=', actor.id)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (!row) return null;
    if (row.request_hash !== hash)
      throw new Conflict('This Idempotency-Key was already used with a different request', { idempotencyKey: key });
    return toEvent(row);
  }

  return {
    listeners,

    /** Returns the event and whether it was created now (false for a replay). */
    async record(actor: Actor, key: string, input: RecordEvent): Promise<{ event: UsageEvent; created: boolean }> {
      const hash = hashOf(input);
      const earlier = await replay(actor, key, hash);
      if (earlier) return { event: earlier, created: false };

      const item = await deps.content.findVisible(actor, input.contentId);
      if (!item) throw new NotFound('Content item');
      if (input.type === 'share_external' && item.audience !== 'client_facing') {
        throw new AppError(422, 'not_client_facing', 'Only client-facing items may be shared outside the company');
      }
      if (input.opportunityId) await deps.opportunities.get(actor, input.opportunityId);

      let event: UsageEvent;
      try {
        // The event and its crediting-outbox row commit together (server/events/store.ts).
        const at = clock().toISOString();
        [event] = (await db.transaction().execute(async (trx) => {
          const stored = await insertUsageEvents(
            trx,
            [
              {
                actorId: actor.id,
                idempotencyKey: key,
                requestHash: hash,
                type: input.type,
                contentId: input.contentId,
                opportunityId: input.opportunityId ?? null,
                note: input.note ?? null,
              },
            ],
            at,
          );
          if (input.type === 'flag_outdated') {
            const note = input.note ? `: "${input.note}"` : '';
            await notify(
              trx,
              peopleOf(item).map((userId) => ({
                userId,
                kind: 'flagged_outdated',
                contentId: item.id,
                actorId: actor.id,
                message: `${actor.name} flagged "${item.title}" as out of date${note}`,
              })),
              at,
            );
          }
          return stored;
        })) as [UsageEvent];
      } catch (err) {
        // A concurrent request with the same key won the insert: answer as its replay.
        const again = await replay(actor, key, hash);
        if (again) return { event: again, created: false };
        throw err;
      }
      for (const l of listeners) await l(event);
      return { event, created: true };
    },

    async forContent(contentId: string, limit = 100): Promise<UsageEvent[]> {
      const rows = await db
        .selectFrom('usage_events')
        .selectAll()
        .where('content_id', '=', contentId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
  };
}
export type EventService = ReturnType<typeof createEventService>;
