import { currenciesOf } from './currency';
import { canSeeAmount, type DealSubject } from '../auth/policy';
import type { Actor, User } from '../auth/schema';
import type { UserStore } from '../auth/store';
import { AppError, Forbidden, NotFound } from '../errors';
import type { LocalCrm } from './local';
import type { CurrencyConfig } from '../config';
import {
  amountBandIn,
  UpsertOpportunity,
  type CrmCaller,
  type CrmPort,
  type ListOpportunitiesQuery,
  type Opportunity,
  type OpportunityListItem,
} from './schema';

export function callerOf(actor: Actor): CrmCaller {
  return { userId: actor.id, role: actor.role, salesforceUserId: actor.salesforceUserId };
}

/** Listeners run after a local opportunity changes (the credits issue reacts to closed-won). */
export type OpportunityListener = (change: { before: Opportunity | null; after: Opportunity; actor: Actor }) => Promise<void>;

export function createOpportunityService(deps: {
  crm: CrmPort;
  local: LocalCrm;
  users: UserStore;
  listeners?: OpportunityListener[];
  currencies?: CurrencyConfig | (() => CurrencyConfig);
}) {
  const { crm, local, users } = deps;
  // A function when the rates change while the hub runs (the org's DatedConversionRate).
  const currencies = currenciesOf(deps.currencies);
  /** Bands on the corporate currency's scale, whichever currency the deal is in. */
  const banded = (o: Opportunity): Opportunity => ({ ...o, amountBand: amountBandIn(o.amount, o.currency, currencies()) });
  const listeners = deps.listeners ?? [];

  /** Admins, and leaders of the owning team, maintain opportunities in the embedded CRM. */
  async function assertMayWrite(actor: Actor, ownerIds: (string | null)[]): Promise<void> {
    if (actor.role === 'admin') return;
    if (actor.role !== 'leader') throw new Forbidden('Only admins and the owner’s leader may change opportunities');
    const owners = await users.getMany(ownerIds.filter((x): x is string => !!x));
    for (const id of ownerIds) {
      const owner = id ? owners.get(id) : undefined;
      if (!owner || !actor.leadsTeams.includes(owner.team))
        throw new Forbidden('You may only change opportunities owned by people in the teams you lead');
    }
  }

  async function write(actor: Actor, input: UpsertOpportunity) {
    if (crm.name !== 'local') throw new AppError(409, 'managed_in_crm', 'Opportunities are managed in Salesforce; change them there');
    const before = await local.getAny(input.id);
    await assertMayWrite(actor, [input.ownerId, ...(before ? [before.ownerId] : [])]);
    if (input.ownerId && !(await users.get(input.ownerId)))
      throw new AppError(400, 'validation_failed', `ownerId: unknown user ${input.ownerId}`, {
        issues: [{ path: 'ownerId', message: `unknown user ${input.ownerId}` }],
      });
    const result = await local.upsert(input);
    for (const listener of listeners) await listener({ before: result.before, after: result.opportunity, actor });
    return result;
  }

  /**
   * The hub users owning these opportunities, keyed by the opportunity's `ownerId`: a hub user id in
   * the embedded CRM, an (18-character) Salesforce user id mapped through `salesforceUserId` otherwise.
   */
  async function ownersOf(opps: Opportunity[]): Promise<Map<string, User>> {
    const ids = opps.map((o) => o.ownerId).filter((x): x is string => !!x);
    return crm.name === 'salesforce' ? users.bySalesforceIds(ids) : users.getMany(ids);
  }

  /** The owner as the hub's rules see it: the mapped hub user and their team. */
  function dealSubject(o: Opportunity, owners: Map<string, User>): DealSubject {
    const owner = o.ownerId ? owners.get(o.ownerId) : undefined;
    return { ownerId: owner?.id ?? o.ownerId, ownerTeam: owner?.team ?? null };
  }

  /**
   * Deal amounts are for the owner, the leaders of the owner's team and admins; everyone else who
   * may see the deal sees its size band only. When the CRM answered as the caller (Salesforce with
   * per-user sessions), what the org returned is shown: its field-level security is the rule there.
   */
  async function maskAmounts(actor: Actor, opps: Opportunity[]): Promise<Opportunity[]> {
    if (actor.role === 'admin' || crm.amountVisibility === 'crm') return opps;
    const owners = await ownersOf(opps);
    return opps.map((o) => (canSeeAmount(actor, dealSubject(o, owners)) ? o : { ...o, amount: null }));
  }

  return {
    listeners,
    upsert: write,
    maskAmounts,
    ownersOf,
    dealSubject,

    async patch(actor: Actor, id: string, patch: Partial<UpsertOpportunity>): Promise<Opportunity> {
      const current = await crm.getOpportunity(id, callerOf(actor));
      if (!current) throw new NotFound('Opportunity');
      const { amountBand: _band, ...stored } = current;
      const merged = UpsertOpportunity.parse({ ...stored, ...patch, id });
      return (await write(actor, merged)).opportunity;
    },

    async get(actor: Actor, id: string): Promise<Opportunity> {
      const opp = await crm.getOpportunity(id, callerOf(actor));
      if (!opp) throw new NotFound('Opportunity');
      return (await maskAmounts(actor, [banded(opp)]))[0] as Opportunity;
    },

    async list(actor: Actor, query: ListOpportunitiesQuery): Promise<Opportunity[]> {
      return maskAmounts(actor, (await crm.listOpportunities(query, callerOf(actor))).map(banded));
    },

    /** The list view's rows: each deal with its owner's name (from the hub's users). */
    async listWithOwners(actor: Actor, query: ListOpportunitiesQuery): Promise<OpportunityListItem[]> {
      const opps = await this.list(actor, query);
      const owners = await ownersOf(opps);
      return opps.map((o) => ({ ...o, ownerName: (o.ownerId ? owners.get(o.ownerId)?.name : undefined) ?? null }));
    },

    /** One stage vocabulary for filters: the CRM's own, in pipeline order. */
    async stages(actor: Actor): Promise<string[]> {
      if (crm.stages) return crm.stages(callerOf(actor));
      // A CRM that cannot say: the stages of the deals the caller sees, in the order first met.
      return [...new Set((await crm.listOpportunities({ limit: 200 }, callerOf(actor))).map((o) => o.stage))];
    },
  };
}
export type OpportunityService = ReturnType<typeof createOpportunityService>;
