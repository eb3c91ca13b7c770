import { sameSalesforceId } from '../opportunities/salesforce/ids';
import { amountBand } from '../opportunities/schema';
import { canSee, teamsOf, type AccessSubject } from './access';
import type { Actor } from './schema';

/**
 * The object-level read policy, in one place: which items, deals and deal amounts a person may
 * see. Endpoints and read models (experts, flow metrics, dead content, gaps, credit statements)
 * all ask here, so a report never shows more than the objects it aggregates would show on
 * their own: an item that answers 404 is neither named nor listed, a deal the person may not open
 * is neither named nor counted, and an amount they may not see appears only as a size band.
 */

/** May the actor read this item? (404 otherwise.) The item rules themselves live in ./access.ts. */
export function canSeeItem(actor: Actor, item: AccessSubject): boolean {
  return canSee(actor, item);
}

/** Does the actor see every item (so read models may skip asking item by item)? */
export function seesAllItems(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** The facts about a deal that decide who may see it and its amount. */
export interface DealSubject {
  ownerId: string | null;
  /** The owner's team now (deals belong to their owner's team). */
  ownerTeam: string | null;
}

function ownsDeal(actor: Actor, deal: DealSubject): boolean {
  // A Salesforce owner id may reach here in its 15- or 18-character form: compare the 18-character ones.
  return !!deal.ownerId && (deal.ownerId === actor.id || sameSalesforceId(deal.ownerId, actor.salesforceUserId));
}

/**
 * May the actor see this deal at all (its name, id, that it exists)? As the embedded CRM shares
 * them: admins, the owner, and people in the owner's team or leading it. (With Salesforce, the
 * org's sharing decides what the CRM returns; read models over the hub's own tables use this.)
 */
export function canSeeDeal(actor: Actor, deal: DealSubject): boolean {
  if (actor.role === 'admin' || ownsDeal(actor, deal)) return true;
  return !!deal.ownerTeam && teamsOf(actor).includes(deal.ownerTeam);
}

/** Does the actor see every deal (so read models may skip asking deal by deal)? */
export function seesAllDeals(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** May the actor see the deal's exact amount? The owner, leaders of the owner's team, admins. */
export function canSeeAmount(actor: Actor, deal: DealSubject): boolean {
  if (actor.role === 'admin' || ownsDeal(actor, deal)) return true;
  return actor.role === 'leader' && !!deal.ownerTeam && actor.leadsTeams.includes(deal.ownerTeam);
}

/** A sum of deal amounts as a viewer may see it: exact only if every amount in it is theirs to see. */
export interface ShownAmount {
  /** Null when any amount in the sum is hidden from the viewer. */
  amount: number | null;
  /** The size band of the sum: what the viewer sees instead. */
  amountBand: string | null;
}

/**
 * Sums the deals' amounts for the viewer: the exact sum when they may see every amount, else
 * only its band (an exact partial sum would let them subtract their way to a hidden amount).
 */
export function shownSum(actor: Actor, deals: (DealSubject & { amount: number | null })[]): ShownAmount {
  // In cents: 987654.32 + 123456.79 is 1111111.1099999999 in floating point.
  const total = Math.round(deals.reduce((s, d) => s + (d.amount ?? 0), 0) * 100) / 100;
  const exact = deals.every((d) => d.amount === null || canSeeAmount(actor, d));
  return { amount: exact ? total : null, amountBand: deals.length ? amountBand(total) : null };
}
