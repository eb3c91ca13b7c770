import type { Db } from '../../db/database';
import type { UsageEvent } from '../../events/schema';
import type { SalesforceCrm } from './adapter';
import type { LinkResult } from './links';
import { toSalesforceId18 } from './ids';

/*
 * Write-back: the org learns which hub knowledge is linked to a deal, as Knowledge_Link__c records
 * (a related list on the Opportunity). Each link the hub owes the org is a row of an outbox keyed
 * by the link's external id (Hub_Link_Id__c): enqueueing twice is one link, and sending is an
 * upsert by that id, so a retry after an outage or a crash never duplicates a record. Rows go out
 * in batches of up to 200 through the composite API; a failed row waits with exponential backoff
 * (5 s doubling to an hour) and keeps its error for the status.
 *
 * What is owed: an attach usage event on a Salesforce deal (kind "Attached"), and a published
 * win/loss analysis of a deal (kind "Win/Loss Analysis"). A detach turns the item's row into a
 * delete (action "delete"): the record the upsert made is deleted by its Salesforce id through the
 * same outbox, with the same retries; attaching again turns it back into an upsert. Attach events are enqueued as they are
 * recorded and, once at start, by a scan that catches any a crash lost between the event and its
 * outbox row; published analyses are found by a scan before each flush.
 */

const BATCH = 200;
const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 3_600_000;

export interface WriteBackDeps {
  db: Db;
  crm: SalesforceCrm;
  /** The hub's address as users reach it, for Hub_Url__c. */
  publicUrl: string;
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  clock?: () => Date;
  /** How often due rows are sent; 0 turns the timer off (tests flush by hand). */
  intervalMs?: number;
}

export interface WriteBackStatus {
  pending: number;
  failing: { linkId: string; attempts: number; lastError: string | null; nextAttemptAt: string }[];
  sent: number;
}

type Kind = 'Attached' | 'Win/Loss Analysis';

/** A link the hub owes the org: one outbox row. */
interface OwedLink {
  linkId: string;
  kind: Kind;
  contentId: string;
  /** The deal's 18-character Salesforce id. */
  opportunityId: string;
  actorId: string;
  at: string;
}

/** One attach link per item per deal, whoever attached it and however often; one link per analysis. */
const linkIdOf = (kind: Kind, contentId: string, opportunityId: string) =>
  kind === 'Attached' ? `attach:${contentId}:${opportunityId}` : `winloss:${contentId}`;

/** The link an item on a deal owes the org; none when the deal has no Salesforce id (the embedded CRM's). */
function owedLinks(kind: Kind, contentId: string, opportunityId: string | null, actorId: string, at: string): OwedLink[] {
  const id18 = opportunityId ? toSalesforceId18(opportunityId) : null;
  return id18 ? [{ linkId: linkIdOf(kind, contentId, id18), kind, contentId, opportunityId: id18, actorId, at }] : [];
}

export function createSalesforceWriteBack(deps: WriteBackDeps) {
  const { db, crm } = deps;
  const clock = deps.clock ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<number> | null = null;

  async function enqueue(rows: OwedLink[]): Promise<void> {
    if (rows.length === 0) return;
    const now = clock().toISOString();
    await db
      .insertInto('crm_writeback_outbox')
      .values(
        rows.map((r) => ({
          link_id: r.linkId,
          kind: r.kind,
          content_id: r.contentId,
          opportunity_id: r.opportunityId,
          actor_id: r.actorId,
          at: r.at,
          next_attempt_at: now,
        })),
      )
      // A link being deleted (its item was detached) is owed again when the item is attached again.
      .onConflict((oc) =>
        oc
          .column('link_id')
          .doUpdateSet((eb) => ({
            action: 'upsert',
            actor_id: eb.ref('excluded.actor_id'),
            at: eb.ref('excluded.at'),
            done_at: null,
            attempts: 0,
            last_error: null,
            next_attempt_at: now,
          }))
          .where('crm_writeback_outbox.action', '=', 'delete'),
      )
      .execute();
  }

  /** Sends one kind of call for its rows; a failure of the whole call fails each row with its message. */
  async function outcomes(count: number, call: () => Promise<LinkResult[]>): Promise<LinkResult[]> {
    if (count === 0) return [];
    try {
      return await call();
    } catch (err) {
      // The whole call failed (outage, limit, session): every row waits and tries again.
      const message = err instanceof Error ? err.message : String(err);
      return Array.from({ length: count }, () => ({ ok: false, id: null, error: message }));
    }
  }

  /** Attach events on Salesforce deals that have no outbox row (a crash between the two), enqueued. */
  async function catchUpAttachments(): Promise<void> {
    const rows = await db
      .selectFrom('usage_events as e')
      .select(['e.content_id', 'e.opportunity_id', 'e.actor_id', 'e.at'])
      .where('e.type', '=', 'attach')
      .where('e.opportunity_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('crm_writeback_outbox as o')
              .select('o.id')
              .whereRef('o.content_id', '=', 'e.content_id')
              .whereRef('o.opportunity_id', '=', 'e.opportunity_id')
              .where('o.kind', '=', 'Attached'),
          ),
        ),
      )
      .orderBy('e.id')
      .execute();
    await enqueue(rows.flatMap((r) => owedLinks('Attached', r.content_id, r.opportunity_id, r.actor_id, r.at)));
  }

  /** Published analyses of Salesforce deals without a link yet. */
  async function catchUpAnalyses(): Promise<void> {
    const rows = await db
      .selectFrom('content_items as c')
      .select(['c.id', 'c.opportunity_id', 'c.owner_id', 'c.updated_at'])
      .where('c.content_type', '=', 'win_loss_analysis')
      .where('c.status', '=', 'published')
      .where('c.opportunity_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('crm_writeback_outbox as o')
              .select('o.id')
              .whereRef('o.content_id', '=', 'c.id')
              .where('o.kind', '=', 'Win/Loss Analysis'),
          ),
        ),
      )
      .execute();
    await enqueue(rows.flatMap((r) => owedLinks('Win/Loss Analysis', r.id, r.opportunity_id, r.owner_id, r.updated_at)));
  }

  /** Sends due rows, batch by batch; returns how many were stored in Salesforce. */
  async function flushDue(now: Date): Promise<number> {
    await catchUpAnalyses();
    let sent = 0;
    for (;;) {
      const due = await db
        .selectFrom('crm_writeback_outbox as o')
        .leftJoin('content_items as c', 'c.id', 'o.content_id')
        .leftJoin('users as u', 'u.id', 'o.actor_id')
        .select([
          'o.id',
          'o.link_id',
          'o.kind',
          'o.action',
          'o.salesforce_id',
          'o.content_id',
          'o.opportunity_id',
          'o.at',
          'o.attempts',
          'c.title',
          'u.name as actor_name',
        ])
        .where('o.done_at', 'is', null)
        .where('o.next_attempt_at', '<=', now.toISOString())
        .orderBy('o.id')
        .limit(BATCH)
        .execute();
      if (due.length === 0) return sent;
      const upserts = due.filter((r) => r.action !== 'delete');
      // A link deleted before its upsert ever reached the org has nothing to delete there.
      const deletes = due.filter((r) => r.action === 'delete' && r.salesforce_id);
      const records = upserts.map((r) => ({
        Hub_Link_Id__c: r.link_id,
        Opportunity__c: r.opportunity_id,
        Title__c: (r.title ?? r.content_id).slice(0, 255),
        Kind__c: r.kind,
        Hub_Url__c: `${deps.publicUrl}/?content=${encodeURIComponent(r.content_id)}`,
        Attached_By__c: (r.actor_name ?? '').slice(0, 121),
        Attached_At__c: r.at,
      }));
      const byRow = new Map<number, LinkResult>();
      (await outcomes(upserts.length, () => crm.upsertLinks(records))).forEach((r, i) => byRow.set(Number(upserts[i]?.id), r));
      (await outcomes(deletes.length, () => crm.deleteLinks(deletes.map((d) => d.salesforce_id as string)))).forEach((r, i) =>
        byRow.set(Number(deletes[i]?.id), { ...r, id: null }),
      );
      const results = due.map((r) => byRow.get(Number(r.id)) ?? { ok: true, id: null, error: null });
      let failed = 0;
      for (const [i, row] of due.entries()) {
        const result = results[i] as { ok: boolean; id: string | null; error: string | null };
        if (result.ok) {
          sent += 1;
          // A delete keeps the id it deleted, for the record; an upsert stores the one it made.
          await db
            .updateTable('crm_writeback_outbox')
            .set({ done_at: now.toISOString(), salesforce_id: row.action === 'delete' ? row.salesforce_id : result.id, last_error: null })
            .where('id', '=', row.id)
            .execute();
        } else {
          failed += 1;
          const attempts = Number(row.attempts) + 1;
          const wait = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempts - 1));
          await db
            .updateTable('crm_writeback_outbox')
            .set({
              attempts,
              last_error: (result.error ?? 'failed').slice(0, 1000),
              next_attempt_at: new Date(now.getTime() + wait).toISOString(),
            })
            .where('id', '=', row.id)
            .execute();
        }
      }
      if (failed > 0) {
        deps.log('warn', 'salesforce write-back: links not stored; they are retried with backoff', {
          failed,
          error: results.find((r) => !r.ok)?.error,
        });
        return sent;
      }
      if (due.length < BATCH) return sent;
    }
  }

  const api = {
    /** The events-service listener: an attach on a Salesforce deal owes the org a link. */
    async onUsageEvent(event: UsageEvent): Promise<void> {
      if (event.type !== 'attach') return;
      const links = owedLinks('Attached', event.contentId, event.opportunityId, event.actorId, event.at);
      if (links.length === 0) return;
      try {
        await enqueue(links);
        api.kick();
      } catch (err) {
        // The start-up scan enqueues it later; the attach itself has succeeded.
        deps.log('error', 'salesforce write-back: enqueueing a link failed', { error: (err as Error).message, eventId: event.id });
      }
    },

    /** The attachments-service listener: a detached item's link is deleted from the org. */
    async onDetach(detached: { contentId: string; opportunityId: string }): Promise<void> {
      const opportunityId = toSalesforceId18(detached.opportunityId);
      if (!opportunityId) return;
      await db
        .updateTable('crm_writeback_outbox')
        .set({ action: 'delete', done_at: null, attempts: 0, last_error: null, next_attempt_at: clock().toISOString() })
        .where('link_id', '=', linkIdOf('Attached', detached.contentId, opportunityId))
        .execute();
      api.kick();
    },

    /** Sends what is due now (or at `now`, which tests move past the backoff); one flush at a time. */
    async flush(now: Date = clock()): Promise<number> {
      while (flushing) await flushing.catch(() => 0);
      const current = flushDue(now).finally(() => {
        flushing = null;
      });
      flushing = current;
      return current;
    },

    /** A flush soon, without waiting for it. */
    kick(): void {
      if (!timer && deps.intervalMs === 0) return;
      void api.flush().catch((err: unknown) => deps.log('error', 'salesforce write-back failed', { error: (err as Error).message }));
    },

    async status(): Promise<WriteBackStatus> {
      // One pass over the outbox: count(done_at) counts the rows sent, the others are pending.
      const counts = await db
        .selectFrom('crm_writeback_outbox')
        .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('done_at').as('sent')])
        .executeTakeFirstOrThrow();
      const failing = await db
        .selectFrom('crm_writeback_outbox')
        .select(['link_id', 'attempts', 'last_error', 'next_attempt_at'])
        .where('done_at', 'is', null)
        .where('attempts', '>', 0)
        .orderBy('id')
        .limit(20)
        .execute();
      return {
        pending: Number(counts.rows) - Number(counts.sent),
        sent: Number(counts.sent),
        failing: failing.map((f) => ({
          linkId: f.link_id,
          attempts: Number(f.attempts),
          lastError: f.last_error,
          nextAttemptAt: f.next_attempt_at,
        })),
      };
    },

    async start(): Promise<void> {
      await catchUpAttachments();
      const interval = deps.intervalMs ?? 10_000;
      if (interval <= 0) return;
      timer = setInterval(() => api.kick(), interval);
      timer.unref();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await flushing?.catch(() => 0);
    },
  };
  return api;
}
export type SalesforceWriteBack = ReturnType<typeof createSalesforceWriteBack>;
