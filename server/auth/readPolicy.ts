import type { ContentRecord, ContentStore } from '../content/store';
import type { Db } from '../db/database';
import { canSeeAmount, canSeeDeal, canSeeItem, seesAllDeals, seesAllItems, type DealSubject } from './policy';
import type { AccessSubject } from './access';
import type { Actor } from './schema';

/** Ids read per round trip when asking about many objects at once. */
const CHUNK = 500;

/**
 * The read policy applied to many objects at once: loads the facts the rules in ./policy.ts need
 * (an item's visibility and authors, a deal's owner and the owner's team) and asks them. Read
 * models use this instead of deciding visibility themselves.
 */
export function createReadPolicy(deps: { db: Db; store: ContentStore; accessSubject: (record: ContentRecord) => AccessSubject }) {
  return {
    /** The ids among these that the actor may open (the rest answer 404). */
    async openableItems(actor: Actor, ids: string[]): Promise<Set<string>> {
      if (seesAllItems(actor)) return new Set(ids);
      const open = new Set<string>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        for (const r of (await deps.store.getMany(ids.slice(i, i + CHUNK))).values())
          if (canSeeItem(actor, deps.accessSubject(r))) open.add(r.id);
      }
      return open;
    },

    /** Per deal id: may the actor see the deal, and its exact amount? Unknown deals are not visible. */
    async dealAccess(actor: Actor, ids: string[]): Promise<Map<string, { visible: boolean; amount: boolean }>> {
      const out = new Map<string, { visible: boolean; amount: boolean }>();
      const unique = [...new Set(ids)];
      if (seesAllDeals(actor)) {
        for (const id of unique) out.set(id, { visible: true, amount: true });
        return out;
      }
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await deps.db
          .selectFrom('opportunities as o')
          .leftJoin('users as u', 'u.id', 'o.owner_id')
          .select(['o.id', 'o.owner_id', 'u.team'])
          .where('o.id', 'in', unique.slice(i, i + CHUNK))
          .execute();
        for (const r of rows) {
          const deal: DealSubject = { ownerId: r.owner_id, ownerTeam: r.team ?? null };
          out.set(r.id, { visible: canSeeDeal(actor, deal), amount: canSeeAmount(actor, deal) });
        }
      }
      return out;
    },
  };
}
export type ReadPolicy = ReturnType<typeof createReadPolicy>;
