import type { Db } from '../db/database';
import type { CurrencyConfig } from '../config';
import { toCorporate } from '../opportunities/currency';
import type { Opportunity } from '../opportunities/schema';
import { notify } from '../notifications/store';
import { splitMilliPoints, type Ledger, type LedgerTx, type NewEntry } from './ledger';
import { influencePool, type PolicyStore } from './policy';

/**
 * Influence credit on won deals, apart from the per-event crediting in service.ts: it reacts to
 * opportunity changes rather than usage events, and shares only the ledger, the policy store and
 * the item authors with it.
 */

export const INFLUENCE = 'influence';
export const INFLUENCE_REVERSAL = 'influence_reversal';

/** The authors of each item with their shares, in byline order. */
export async function authorsOf(ex: Db | LedgerTx, contentIds: string[]): Promise<Map<string, { userId: string; share: number }[]>> {
  const out = new Map<string, { userId: string; share: number }[]>();
  if (contentIds.length === 0) return out;
  const rows = await ex
    .selectFrom('content_authors')
    .select(['content_id', 'user_id', 'share'])
    .where('content_id', 'in', contentIds)
    .orderBy('content_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.set(r.content_id, [...(out.get(r.content_id) ?? []), { userId: r.user_id, share: Number(r.share) }]);
  return out;
}

export function createInfluence(deps: { ledger: Ledger; policies: PolicyStore; clock: () => Date; currencies: () => CurrencyConfig }) {
  const { ledger, policies, clock, currencies } = deps;

  /**
   * Influence on won deals. When a local opportunity becomes closed-won, the items that helped it
   * earn a pool set by the policy's amount bands (defaults: under 50k → 10,000 milli-points,
   * 50k–250k → 25,000, 250k–1M → 50,000, 1M and above → 100,000). An item helped when it was
   * attached to the deal, or viewed by the deal's owner from the deal (a view event naming the
   * opportunity), by someone who is not one of its authors. The pool is split equally across those
   * items, then each item's part across its authors by share (largest remainder, exact); an author
   * who owns the deal earns nothing from it (that part is forfeited, not redistributed). When the
   * deal is reopened or changed to lost, every influence entry not yet reversed gets a reversal
   * entry with the negated amount; winning again awards a fresh pool under the then-current policy.
   */
  async function influenceOnChange(after: Opportunity): Promise<void> {
    await ledger.locked(async (trx, append) => {
      const active = await trx
        .selectFrom('credit_entries as e')
        .selectAll('e')
        .where('e.opportunity_id', '=', after.id)
        .where('e.type', '=', INFLUENCE)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('credit_entries as r').select('r.id').whereRef('r.reverses', '=', 'e.id'))),
        )
        .orderBy('e.seq')
        .execute();
      const now = clock().toISOString();

      if (!(after.isClosed && after.isWon)) {
        const why = after.isClosed ? 'changed to lost' : 'reopened';
        await append(
          active.map((e) => ({
            eventId: e.event_id,
            userId: e.user_id,
            actorId: e.actor_id,
            contentId: e.content_id,
            opportunityId: e.opportunity_id,
            type: INFLUENCE_REVERSAL,
            share: Number(e.share),
            milliPoints: -Number(e.milli_points),
            policyVersion: Number(e.policy_version),
            reverses: Number(e.id),
            reason: `reverses entry ${e.id}: opportunity ${after.id} ${why}`,
            at: now,
          })),
        );
        return;
      }
      if (active.length > 0) return;

      const events = await trx
        .selectFrom('usage_events')
        .select(['event_id', 'actor_id', 'content_id'])
        .where('opportunity_id', '=', after.id)
        .where((eb) => eb.or([eb('type', '=', 'attach'), eb.and([eb('type', '=', 'view'), eb('actor_id', '=', after.ownerId ?? '')])]))
        .orderBy('id')
        .execute();
      const authors = await authorsOf(trx, [...new Set(events.map((e) => e.content_id))]);
      const firstByItem = new Map<string, { event_id: string; actor_id: string }>();
      for (const e of events) {
        const itemAuthors = authors.get(e.content_id) ?? [];
        if (itemAuthors.length === 0 || itemAuthors.some((a) => a.userId === e.actor_id) || firstByItem.has(e.content_id)) continue;
        firstByItem.set(e.content_id, e);
      }
      if (firstByItem.size === 0) return;

      const policy = await policies.current(trx);
      // A deal in a currency without a rate earns the smallest pool: its size on our scale is unknown.
      const pool = influencePool(policy.rules, toCorporate(after.amount, after.currency, currencies()));
      const items = [...firstByItem.entries()];
      const itemParts = splitMilliPoints(
        pool,
        items.map(() => 1),
      );
      const entries: NewEntry[] = [];
      items.forEach(([contentId, ev], i) => {
        const itemAuthors = authors.get(contentId) ?? [];
        const parts = splitMilliPoints(
          itemParts[i] ?? 0,
          itemAuthors.map((a) => a.share),
        );
        itemAuthors.forEach((a, j) => {
          const milliPoints = parts[j] ?? 0;
          if (milliPoints === 0 || a.userId === after.ownerId) return;
          entries.push({
            eventId: ev.event_id,
            userId: a.userId,
            actorId: ev.actor_id,
            contentId,
            opportunityId: after.id,
            type: INFLUENCE,
            share: a.share,
            milliPoints,
            policyVersion: policy.version,
            reverses: null,
            at: now,
            reason: `opportunity ${after.id} closed won: pool ${pool} milli-points over ${items.length} item(s), split by author shares (policy v${policy.version})`,
          });
        });
      });
      await append(entries);
      // The deal may be one the author cannot see: the message names their item and points only.
      const earned = new Map<string, { points: number; contentId: string }>();
      for (const e of entries) {
        const prior = earned.get(e.userId);
        earned.set(e.userId, { points: (prior?.points ?? 0) + e.milliPoints, contentId: prior?.contentId ?? e.contentId });
      }
      await notify(
        trx,
        [...earned].map(([userId, { points, contentId }]) => ({
          userId,
          kind: 'credit_won_deal',
          contentId,
          message: `A deal your work was used on closed won: ${(points / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} points of influence credit`,
        })),
        now,
      );
    });
  }

  return { influenceOnChange };
}
