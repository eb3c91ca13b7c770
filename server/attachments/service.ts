import crypto from 'node:crypto';
import { canSeeAmount } from '../auth/policy';
import type { Actor } from '../auth/schema';
import type { UserStore } from '../auth/store';
import type { ContentService } from '../content/service';
import type { Db } from '../db/database';
import { Forbidden, NotFound } from '../errors';
import type { EventService } from '../events/service';
import type { UsageEvent } from '../events/schema';
import type { OpportunityService } from '../opportunities/service';
import type { Attachment, DealAttachments } from './schema';

/** Told when an item leaves a deal (the Salesforce write-back removes its link). */
export type DetachListener = (detached: { contentId: string; opportunityId: string; actorId: string; at: string }) => Promise<void>;

/** A viewer's helpful marks listed with a deal: enough for any panel, bounded for a heavy marker. */
const HELPFUL_LIMIT = 1000;

/**
 * Knowledge used on a deal. The attach usage event stays the record that credits authors (through
 * the events service, so the credits relay and the Salesforce write-back see it like any other);
 * `opportunity_attachments` is the current state built from those events, which a detach changes.
 * Both doors (this resource and POST /api/events with type attach) end in the same row, because
 * the row is written by the events listener below.
 */
export function createAttachmentService(deps: {
  db: Db;
  content: ContentService;
  opportunities: OpportunityService;
  events: EventService;
  users: UserStore;
  /** The CRM's one spelling of a deal id (Salesforce: the 18-character form). */
  canonicalOpportunityId: (id: string) => string;
  listeners?: DetachListener[];
  clock?: () => Date;
}) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const listeners = deps.listeners ?? [];

  /** Records the attachment an attach event made; a detached row comes back with its new attacher. */
  async function store(event: UsageEvent, revive = true): Promise<void> {
    if (event.type !== 'attach' || !event.opportunityId) return;
    const opportunityId = deps.canonicalOpportunityId(event.opportunityId);
    await db
      .insertInto('opportunity_attachments')
      .values({ opportunity_id: opportunityId, content_id: event.contentId, attached_by: event.actorId, attached_at: event.at })
      .onConflict((oc) => {
        const pair = oc.columns(['opportunity_id', 'content_id']);
        // An old event found by the start-up scan never brings back what was detached since.
        return revive
          ? pair
              .doUpdateSet({ attached_by: event.actorId, attached_at: event.at, detached_by: null, detached_at: null })
              .where('opportunity_attachments.detached_at', 'is not', null)
          : pair.doNothing();
      })
      .execute();
  }

  async function activeRow(opportunityId: string, contentId: string) {
    return db
      .selectFrom('opportunity_attachments')
      .selectAll()
      .where('opportunity_id', '=', opportunityId)
      .where('content_id', '=', contentId)
      .where('detached_at', 'is', null)
      .executeTakeFirst();
  }

  /** The attacher, the deal's owner and whoever may see its amount (the owner's leaders, admins) may detach. */
  async function mayDetachOn(actor: Actor, opportunityId: string) {
    const opp = await deps.opportunities.get(actor, opportunityId);
    const deal = deps.opportunities.dealSubject(opp, await deps.opportunities.ownersOf([opp]));
    const manages = canSeeAmount(actor, deal);
    return { opp, mayDetach: (attachedBy: string) => manages || attachedBy === actor.id };
  }

  async function toAttachments(
    actor: Actor,
    rows: { content_id: string; attached_by: string; attached_at: string }[],
    mayDetach: (by: string) => boolean,
  ): Promise<Attachment[]> {
    const names = await deps.users.getMany([...new Set(rows.map((r) => r.attached_by))]);
    return (await deps.content.visibleRows(actor, rows)).map(({ row: r, item }) => ({
      contentId: item.id,
      title: item.title,
      contentType: item.contentType,
      audience: item.audience,
      status: item.status,
      attachedBy: { id: r.attached_by, name: names.get(r.attached_by)?.name ?? r.attached_by },
      attachedAt: r.attached_at,
      mayDetach: mayDetach(r.attached_by),
    }));
  }

  return {
    listeners,
    onUsageEvent: (event: UsageEvent) => store(event),

    async list(actor: Actor, opportunityId: string): Promise<DealAttachments> {
      const { opp, mayDetach } = await mayDetachOn(actor, opportunityId);
      const rows = await db
        .selectFrom('opportunity_attachments')
        .select(['content_id', 'attached_by', 'attached_at'])
        .where('opportunity_id', '=', opp.id)
        .where('detached_at', 'is', null)
        .orderBy('attached_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      const helpful = await db
        .selectFrom('usage_events')
        .select('content_id')
        .distinct()
        .where('actor_id', '=', actor.id)
        .where('type', '=', 'helpful')
        .limit(HELPFUL_LIMIT)
        .execute();
      return { attachments: await toAttachments(actor, rows, mayDetach), helpfulContentIds: helpful.map((h) => h.content_id) };
    },

    /** Attaches an item; `created` is false when it was attached already (nothing is recorded twice). */
    async attach(actor: Actor, opportunityId: string, contentId: string): Promise<{ attachment: Attachment; created: boolean }> {
      const { opp, mayDetach } = await mayDetachOn(actor, opportunityId);
      if (!(await deps.content.findVisible(actor, contentId))) throw new NotFound('Content item');
      let row = await activeRow(opp.id, contentId);
      const created = !row;
      if (!row) {
        // A fresh key: attaching again after a detach is a new event (crediting stays once per item and deal).
        const { event } = await deps.events.record(actor, `attach:${crypto.randomUUID()}`, {
          type: 'attach',
          contentId,
          opportunityId: opp.id,
        });
        await store(event);
        row = await activeRow(opp.id, contentId);
      }
      const [attachment] = await toAttachments(actor, row ? [row] : [], mayDetach);
      if (!attachment) throw new NotFound('Content item');
      return { attachment, created };
    },

    async detach(actor: Actor, opportunityId: string, contentId: string): Promise<void> {
      const { opp, mayDetach } = await mayDetachOn(actor, opportunityId);
      const row = await activeRow(opp.id, contentId);
      if (!row || !(await deps.content.findVisible(actor, contentId))) throw new NotFound('Attachment');
      if (!mayDetach(row.attached_by))
        throw new Forbidden('Only the person who attached it, the deal’s owner or their leader may detach it');
      const at = clock().toISOString();
      const done = await db
        .updateTable('opportunity_attachments')
        .set({ detached_by: actor.id, detached_at: at })
        .where('id', '=', row.id)
        .where('detached_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) return; // Someone else detached it a moment ago.
      for (const l of listeners) await l({ contentId, opportunityId: opp.id, actorId: actor.id, at });
    },

    /** Attach events a crash left without their row (between the event and its listener), recorded. */
    async catchUp(): Promise<void> {
      const missing = await db
        .selectFrom('usage_events as e')
        .select(['e.event_id', 'e.type', 'e.content_id', 'e.opportunity_id', 'e.note', 'e.actor_id', 'e.at'])
        .where('e.type', '=', 'attach')
        .where('e.opportunity_id', 'is not', null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('opportunity_attachments as a')
                .select('a.id')
                .whereRef('a.content_id', '=', 'e.content_id')
                .whereRef('a.opportunity_id', '=', 'e.opportunity_id'),
            ),
          ),
        )
        .orderBy('e.id')
        .limit(10_000)
        .execute();
      for (const e of missing)
        await store(
          {
            id: e.event_id,
            type: 'attach',
            contentId: e.content_id,
            opportunityId: e.opportunity_id,
            note: e.note,
            actorId: e.actor_id,
            at: e.at,
          },
          false,
        );
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;
