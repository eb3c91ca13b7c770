import { sql } from 'kysely';
import type { Actor } from '../auth/schema';
import { teamsOf } from '../auth/access';
import type { Db } from '../db/database';
import { json } from '../db/database';
import type { OpportunitiesTable } from '../db/schema';
import {
  amountBand,
  LOCAL_PIPELINE_STAGES,
  type CrmCaller,
  type CrmPort,
  type ListOpportunitiesQuery,
  type Opportunity,
  type UpsertOpportunity,
} from './schema';

export function rowToOpportunity(r: OpportunitiesTable): Opportunity {
  return {
    id: r.id,
    name: r.name,
    accountName: r.account_name,
    industry: r.industry,
    segment: r.segment,
    region: r.region,
    amount: r.amount === null ? null : Number(r.amount),
    amountBand: amountBand(r.amount === null ? null : Number(r.amount)),
    currency: r.currency,
    stage: r.stage,
    closeDate: r.close_date,
    isClosed: r.is_closed === 1,
    isWon: r.is_won === 1,
    products: json.read(r.products, []),
    competitors: json.read(r.competitors, []),
    contactRoles: json.read(r.contact_roles, []),
    ownerId: r.owner_id,
    description: r.description,
  };
}

/** LIKE patterns treat % and _ as wildcards; a user's text must match literally. */
function likeLiteral(text: string): string {
  return '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

/**
 * The embedded CRM: opportunities live in the hub's own database. Access mirrors a typical
 * Salesforce sharing set-up: you see your team's opportunities; leaders see the teams they lead.
 */
export function createLocalCrm(db: Db, actorOf: (caller: CrmCaller) => Promise<Actor | null>) {
  async function visibleTeams(caller: CrmCaller): Promise<string[] | 'all'> {
    if (caller.role === 'admin') return 'all';
    const actor = await actorOf(caller);
    return actor ? teamsOf(actor) : [];
  }

  let families: { at: number; map: Map<string, string> } | null = null;

  const port: CrmPort & {
    /** Product name → family, as the CRM's line items know it (cached for a minute). */
    productFamilies(): Promise<Map<string, string>>;
    upsert(input: UpsertOpportunity): Promise<{ opportunity: Opportunity; created: boolean; before: Opportunity | null }>;
    getAny(id: string): Promise<Opportunity | null>;
  } = {
    name: 'local',

    /** The fixed pipeline, then any other stage a deal was given (so every deal can be filtered). */
    async stages() {
      const used = await db.selectFrom('opportunities').select('stage').distinct().execute();
      const known = new Set<string>(LOCAL_PIPELINE_STAGES);
      return [
        ...LOCAL_PIPELINE_STAGES,
        ...used
          .map((r) => r.stage)
          .filter((s) => !known.has(s))
          .sort(),
      ];
    },

    async productFamilies() {
      if (families && Date.now() - families.at < 60_000) return families.map;
      const map = new Map<string, string>();
      for (const row of await db.selectFrom('opportunities').select('products').execute()) {
        for (const p of json.read<{ name: string; family: string }[]>(row.products, []))
          if (p.family) map.set(p.name.toLowerCase(), p.family);
      }
      families = { at: Date.now(), map };
      return map;
    },

    async getAny(id) {
      const row = await db.selectFrom('opportunities').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? rowToOpportunity(row) : null;
    },

    async getOpportunity(id, caller) {
      const teams = await visibleTeams(caller);
      const row = await db
        .selectFrom('opportunities')
        .leftJoin('users', 'users.id', 'opportunities.owner_id')
        .selectAll('opportunities')
        .where('opportunities.id', '=', id)
        .$if(teams !== 'all', (q) =>
          q.where((eb) =>
            eb.or([
              eb('users.team', 'in', teams === 'all' || teams.length === 0 ? [''] : teams),
              eb('opportunities.owner_id', '=', caller.userId),
            ]),
          ),
        )
        .executeTakeFirst();
      return row ? rowToOpportunity(row) : null;
    },

    async listOpportunities(query: ListOpportunitiesQuery, caller) {
      const teams = await visibleTeams(caller);
      let q = db
        .selectFrom('opportunities')
        .leftJoin('users', 'users.id', 'opportunities.owner_id')
        .selectAll('opportunities')
        .orderBy('opportunities.is_closed')
        .orderBy('opportunities.close_date')
        .orderBy('opportunities.id')
        .limit(query.limit);
      if (teams !== 'all')
        q = q.where((eb) => eb.or([eb('users.team', 'in', teams.length ? teams : ['']), eb('opportunities.owner_id', '=', caller.userId)]));
      if (query.owner) q = q.where('opportunities.owner_id', '=', query.owner);
      if (query.stage) q = q.where('opportunities.stage', '=', query.stage);
      if (query.q) {
        const pattern = likeLiteral(query.q.toLowerCase());
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(opportunities.name)`, 'like', sql`${pattern} escape '\\'`),
            eb(sql`lower(opportunities.account_name)`, 'like', sql`${pattern} escape '\\'`),
          ]),
        );
      }
      return (await q.execute()).map(rowToOpportunity);
    },

    async upsert(input) {
      const before = await port.getAny(input.id);
      const now = new Date().toISOString();
      const row = {
        name: input.name,
        account_name: input.accountName,
        industry: input.industry,
        segment: input.segment,
        region: input.region,
        amount: input.amount,
        currency: input.currency,
        stage: input.stage,
        close_date: input.closeDate,
        is_closed: input.isClosed ? 1 : 0,
        is_won: input.isWon ? 1 : 0,
        products: json.write(input.products),
        competitors: json.write(input.competitors),
        contact_roles: json.write(input.contactRoles),
        owner_id: input.ownerId,
        description: input.description,
        updated_at: now,
      };
      await db
        .insertInto('opportunities')
        .values({ id: input.id, created_at: now, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      families = null;
      return { opportunity: (await port.getAny(input.id)) as Opportunity, created: !before, before };
    },
  };
  return port;
}
export type LocalCrm = ReturnType<typeof createLocalCrm>;
