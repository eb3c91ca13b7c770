import { sql } from 'kysely';
import type { Actor } from '../auth/schema';
import type { UserStore } from '../auth/store';
import type { Db } from '../db/database';
import type { Dialect } from '../db/migrations';
import { AppError, Forbidden } from '../errors';
import { EVENT_TYPES, type UsageEvent } from '../events/schema';
import { toUsageEvent } from '../events/store';
import { currenciesOf, type Currencies } from '../opportunities/currency';
import type { Opportunity } from '../opportunities/schema';
import type { CheckpointLog } from './checkpoints';
import { createLedger, DUE_AGE_MS, splitMilliPoints, type NewEntry } from './ledger';
import { verifyLedger } from './ledgerVerify';
import { signStatement } from './proof';
import type { PublicKeys, VerifyResult } from './schema';
import { createPolicyStore, type CreditPolicy, type CreditPolicyRules } from './policy';
import { createStatements } from './statements';
import type { ReadPolicy } from '../auth/readPolicy';
import { authorsOf, createInfluence } from './influence';

/** The once-per-item types the ledger indexes (migration 0027): the default policy's. */
const ONCE_PER_ITEM_INDEXED: readonly string[] = ['helpful', 'derive'];

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/**
 * Contribution credits: turns usage events and won deals into append-only ledger entries under
 * the current policy, and answers statements, leaderboards, exports and the chain check.
 */
export function createCreditService(deps: {
  db: Db;
  dialect: Dialect;
  users: UserStore;
  /** Signs checkpoints and statements; server/credits/checkpoints.ts `openCheckpointLog`. */
  checkpoints: CheckpointLog;
  log?: (message: string, fields: Record<string, unknown>) => void;
  clock?: () => Date;
  /** What a statement's reader may see of the items and deals behind its lines. */
  readPolicy?: ReadPolicy;
  /** Told how many ledger entries each committed transaction wrote (metrics). */
  onEntriesWritten?: (count: number) => void;
  /** Influence pools are banded on the corporate currency's scale: a deal's amount is converted first. */
  currencies?: Currencies;
}) {
  const { db, users, checkpoints } = deps;
  const clock = deps.clock ?? (() => new Date());
  const currencies = currenciesOf(deps.currencies);
  const ledger = countingCommits(createLedger(db, deps.dialect, checkpoints, clock), deps.onEntriesWritten);
  const policies = createPolicyStore(db, clock);
  const statements = createStatements({
    db,
    users,
    clock,
    readPolicy: deps.readPolicy,
    covering: () => ledger.checkpointNow(),
    sign: (statement, checkpoint) => signStatement(statement, checkpoint, checkpoints.signer, clock().toISOString()),
  });

  // Single events sign only when a checkpoint is due; this timer signs the tail they leave.
  let tailTimer: NodeJS.Timeout | undefined;
  const coverTail = () => {
    if (tailTimer) return;
    tailTimer = setTimeout(() => {
      tailTimer = undefined;
      ledger.checkpointNow().catch((err: unknown) => report('checkpointing the ledger tail', err, {}));
    }, DUE_AGE_MS);
    tailTimer.unref();
  };

  /**
   * Credits stored usage events, in order. Nothing is credited when the actor is an author of the
   * item, when a leader acts on items by people in the teams they lead (policy `noLeaderFarming`),
   * for a repeat within the policy's once-per-day / once-per-item types, for a second attach of the
   * item to the same opportunity, or beyond the viewer's daily cap (the last credit is cut to fit).
   *
   * One rule set for a single event (the events listener) and for batches (bulk ingestion): the
   * entries that decide repeats and caps are read once for the batch's actors, items and days,
   * then updated in memory as the batch is walked. Batches are meant to be chronological (a
   * day or a few), as ingestion is.
   */
  async function creditEvents(events: UsageEvent[], drained: string[] = []): Promise<number> {
    if (events.length === 0) return 0;
    const contentIds = [...new Set(events.map((e) => e.contentId))];
    const actorIds = [...new Set(events.map((e) => e.actorId))];
    const authors = new Map<string, { userId: string; share: number }[]>();
    for (let i = 0; i < contentIds.length; i += 500)
      for (const [k, v] of await authorsOf(db, contentIds.slice(i, i + 500))) authors.set(k, v);
    const actors = await users.getMany(actorIds);
    const authorUsers = await users.getMany([...authors.values()].flatMap((list) => list.map((a) => a.userId)));
    const days = events.map((e) => e.at.slice(0, 10)).sort();
    const rangeStart = `${days[0]}T00:00:00.000Z`;
    const rangeEnd = nextDay(days[days.length - 1] as string);

    return ledger
      .locked(
        async (trx, append) => {
          const policy = await policies.current(trx);
          const { rules } = policy;
          const credited = new Set<string>();
          const dayKeys = new Set<string>();
          const itemKeys = new Set<string>();
          const attachKeys = new Set<string>();
          const used = new Map<string, number>();
          const dayKey = (type: string, actor: string, content: string, day: string) => `${type}|${actor}|${content}|${day}`;
          for (let i = 0; i < actorIds.length; i += 500) {
            const chunk = actorIds.slice(i, i + 500);
            const prior = await trx
              .selectFrom('credit_entries')
              .select(['event_id', 'type', 'actor_id', 'content_id', 'milli_points', 'at'])
              .where('actor_id', 'in', chunk)
              .where('type', 'in', [...EVENT_TYPES])
              .where('at', '>=', rangeStart)
              .where('at', '<', rangeEnd)
              .execute();
            for (const p of prior) {
              // An event's entries carry its actor, type and time, so every event of this batch
              // that is in the ledger already is among these rows: no lookup by event id needed.
              credited.add(p.event_id);
              const day = p.at.slice(0, 10);
              dayKeys.add(dayKey(p.type, p.actor_id, p.content_id, day));
              used.set(`${p.actor_id}|${day}`, (used.get(`${p.actor_id}|${day}`) ?? 0) + Number(p.milli_points));
            }
          }
          // The once-per-item and once-per-deal rules look up exactly the pairs this batch touches.
          const oncePairs = [
            ...new Map(
              events.filter((e) => rules.oncePerItem.includes(e.type)).map((e) => [`${e.type}|${e.actorId}|${e.contentId}`, e]),
            ).values(),
          ];
          // The default once-per-item types have an index of their own (migration 0027); the type
          // list is a literal so that both engines can prove the query stays inside it.
          const indexed = oncePairs.filter((e) => ONCE_PER_ITEM_INDEXED.includes(e.type));
          for (let i = 0; i < indexed.length; i += 300) {
            const rows = await trx
              .selectFrom('credit_entries')
              .select(['type', 'actor_id', 'content_id'])
              .where(sql<boolean>`type in ('helpful', 'derive')`)
              .where(
                sql<boolean>`(actor_id, content_id, type) in (values ${sql.join(indexed.slice(i, i + 300).map((e) => sql`(${e.actorId}, ${e.contentId}, ${e.type})`))})`,
              )
              .execute();
            for (const o of rows) itemKeys.add(`${o.type}|${o.actor_id}|${o.content_id}`);
          }
          // A policy that makes another type once-per-item: the actors' entries of that type.
          const others = oncePairs.filter((e) => !ONCE_PER_ITEM_INDEXED.includes(e.type));
          const otherActors = [...new Set(others.map((e) => e.actorId))];
          const otherTypes = [...new Set(others.map((e) => e.type))];
          for (let i = 0; i < otherActors.length; i += 500) {
            const rows = await trx
              .selectFrom('credit_entries')
              .select(['type', 'actor_id', 'content_id'])
              .where('actor_id', 'in', otherActors.slice(i, i + 500))
              .where('type', 'in', otherTypes)
              .execute();
            for (const o of rows) itemKeys.add(`${o.type}|${o.actor_id}|${o.content_id}`);
          }
          const attachPairs = [
            ...new Map(events.filter((e) => e.type === 'attach').map((e) => [`${e.contentId}|${e.opportunityId}`, e])).values(),
          ];
          for (let i = 0; i < attachPairs.length; i += 300) {
            const rows = await trx
              .selectFrom('credit_entries')
              .select(['content_id', 'opportunity_id'])
              // A literal, not a parameter: it is what lets both engines use the attach-only index.
              .where(sql<boolean>`type = 'attach'`)
              .where(
                sql<boolean>`(content_id, opportunity_id) in (values ${sql.join(attachPairs.slice(i, i + 300).map((e) => sql`(${e.contentId}, ${e.opportunityId})`))})`,
              )
              .execute();
            for (const a of rows) attachKeys.add(`${a.content_id}|${a.opportunity_id}`);
          }
          const entries: NewEntry[] = [];
          for (const event of events) {
            const itemAuthors = authors.get(event.contentId) ?? [];
            if (itemAuthors.length === 0 || itemAuthors.some((a) => a.userId === event.actorId)) continue;
            let points = rules.pointsPerEvent[event.type];
            if (points <= 0 || credited.has(event.id)) continue;
            const actor = actors.get(event.actorId);
            if (
              rules.noLeaderFarming &&
              actor?.role === 'leader' &&
              itemAuthors.some((a) => actor.leadsTeams.includes(authorUsers.get(a.userId)?.team ?? ''))
            )
              continue;
            const day = event.at.slice(0, 10);
            const dk = dayKey(event.type, event.actorId, event.contentId, day);
            if (rules.oncePerDay.includes(event.type) && dayKeys.has(dk)) continue;
            const ik = `${event.type}|${event.actorId}|${event.contentId}`;
            if (rules.oncePerItem.includes(event.type) && itemKeys.has(ik)) continue;
            const ak = `${event.contentId}|${event.opportunityId}`;
            if (event.type === 'attach' && attachKeys.has(ak)) continue;
            const uk = `${event.actorId}|${day}`;
            const remaining = rules.dailyCapPerViewer - (used.get(uk) ?? 0);
            if (remaining <= 0) continue;
            const capped = points > remaining;
            points = Math.min(points, remaining);

            credited.add(event.id);
            dayKeys.add(dk);
            itemKeys.add(ik);
            if (event.type === 'attach') attachKeys.add(ak);
            used.set(uk, (used.get(uk) ?? 0) + points);
            const parts = splitMilliPoints(
              points,
              itemAuthors.map((a) => a.share),
            );
            const reason = `${event.type} by ${event.actorId}: ${points} milli-points${capped ? ' (cut to the daily cap)' : ''} split by author shares (policy v${policy.version})`;
            itemAuthors.forEach((a, i) => {
              const milliPoints = parts[i] ?? 0;
              if (milliPoints === 0) return;
              entries.push({
                eventId: event.id,
                userId: a.userId,
                actorId: event.actorId,
                contentId: event.contentId,
                opportunityId: event.opportunityId,
                type: event.type,
                share: a.share,
                milliPoints,
                policyVersion: policy.version,
                reverses: null,
                reason,
                at: event.at,
              });
            });
          }
          await append(entries);
          // Crediting-outbox rows leave in the transaction that credited their events.
          for (let i = 0; i < drained.length; i += 500)
            await trx
              .deleteFrom('credit_pending')
              .where('event_id', 'in', drained.slice(i, i + 500))
              .execute();
          return entries.length;
        },
        events.length > 1 ? 'now' : 'due',
      )
      .finally(() => {
        if (events.length === 1) coverTail();
      });
  }

  const creditEvent = async (event: UsageEvent): Promise<void> => {
    await creditEvents([event]);
  };

  /**
   * The credit relay: credits every stored event still in `credit_pending`, oldest first, in
   * batches. Crediting is idempotent (an event already in the ledger is skipped, and the rules
   * decide the same way twice), so two drains racing, or a drain after a crash, never double-credit.
   */
  async function creditPending(batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const pending = await db
        .selectFrom('credit_pending')
        .select('event_id')
        .orderBy('created_at')
        .orderBy('event_id')
        .limit(batch)
        .execute();
      if (pending.length === 0) return total;
      const ids = pending.map((p) => p.event_id);
      const rows = [];
      for (let i = 0; i < ids.length; i += 500)
        rows.push(
          ...(await db
            .selectFrom('usage_events')
            .selectAll()
            .where('event_id', 'in', ids.slice(i, i + 500))
            .execute()),
        );
      rows.sort((a, b) => Number(a.id) - Number(b.id));
      total += await creditEvents(rows.map(toUsageEvent), ids);
      if (pending.length < batch) return total;
    }
  }

  // One drain at a time per process; a caller arriving during a drain waits for the next one,
  // which is sure to include the event it just stored.
  let draining: Promise<number> | null = null;
  let queued: Promise<number> | null = null;
  function drainPending(): Promise<number> {
    if (!draining) {
      draining = creditPending().finally(() => {
        draining = null;
      });
      return draining;
    }
    queued ??= draining.then(
      () => {
        queued = null;
        return drainPending();
      },
      () => {
        queued = null;
        return drainPending();
      },
    );
    return queued;
  }

  const { influenceOnChange } = createInfluence({ ledger, policies, clock, currencies });

  const report = (what: string, err: unknown, fields: Record<string, unknown>) =>
    deps.log?.(`credits: ${what} failed`, { ...fields, error: err instanceof Error ? err.message : String(err) });

  return {
    creditEvent,
    creditEvents,
    drainPending,
    influenceOnChange,
    ...statements,

    /**
     * For `events.listeners`: the event and its pending row are stored, so a crediting failure is
     * logged, not returned to the client; the row stays and the next drain credits the event.
     */
    onUsageEvent: async (event: UsageEvent): Promise<void> => {
      try {
        await drainPending();
      } catch (err) {
        report('crediting an event', err, { eventId: event.id });
      }
    },

    /** For `opportunities.listeners`. */
    onOpportunityChange: async (change: { before: Opportunity | null; after: Opportunity }): Promise<void> => {
      if (change.before && change.before.isClosed === change.after.isClosed && change.before.isWon === change.after.isWon) return;
      try {
        await influenceOnChange(change.after);
      } catch (err) {
        report('influence', err, { opportunityId: change.after.id });
      }
    },

    currentPolicy: (): Promise<CreditPolicy> => policies.current(),

    async publishPolicy(actor: Actor, rules: CreditPolicyRules): Promise<CreditPolicy> {
      if (actor.role !== 'admin') throw new Forbidden('Only admins publish credit policies');
      const published = await policies.publish(actor.id, rules);
      if (!published)
        throw new AppError(409, 'conflict', 'Another policy version was published at the same time; read the current one and try again');
      return published;
    },

    /** The chain, and every checkpoint in the file outside the database and in its table copy. */
    async verify(actor: Actor): Promise<VerifyResult> {
      if (actor.role !== 'admin') throw new Forbidden('Only admins verify the ledger');
      return verifyLedger(db, {
        ring: checkpoints.ring,
        keyIds: [checkpoints.keyId, ...[...checkpoints.ring.keys()].filter((k) => k !== checkpoints.keyId)],
        checkpointFile: checkpoints.file,
      });
    },

    publicKeys: (): PublicKeys => checkpoints.publicKeys(),

    /** Signs the head if no checkpoint covers it yet (at start, and before shutting down). */
    checkpointNow: () => ledger.checkpointNow(),

    async close(): Promise<void> {
      if (tailTimer) clearTimeout(tailTimer);
      tailTimer = undefined;
      await ledger.checkpointNow();
    },
  };
}
export type CreditService = ReturnType<typeof createCreditService>;

/** Reports the entries a ledger transaction wrote once it has committed (a rolled-back one wrote none). */
function countingCommits(ledger: ReturnType<typeof createLedger>, onWritten?: (count: number) => void): ReturnType<typeof createLedger> {
  if (!onWritten) return ledger;
  return {
    ...ledger,
    async locked(work, ...rest) {
      let written = 0;
      const result = await ledger.locked(
        (trx, append) =>
          work(trx, async (entries) => {
            const count = await append(entries);
            written += count;
            return count;
          }),
        ...rest,
      );
      if (written > 0) onWritten(written);
      return result;
    },
  };
}
