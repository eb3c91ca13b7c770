import type { CurrencyConfig } from '../config';
import { toCorporate } from '../opportunities/currency';
import { sql } from 'kysely';
import type { z } from 'zod';
import { canSeeAmount } from '../auth/policy';
import type { Actor } from '../auth/schema';
import { json, type Db } from '../db/database';
import type { PipelineGapsReport, SearchGapsReport } from './schema';
import { num, sqlList, type FlowScope } from './scope';

const DAY = 86_400_000;
const MAX_GAPS = 200;
const DEALS_LISTED = 20;

/** The report period: `to` defaults to now, `from` to 90 days before `to`. */
export function periodOf(query: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * DAY);
  return { from: from.toISOString(), to: to.toISOString() };
}

/**
 * Searches that found nothing, or found something nobody opened: a search "has a click" when the
 * same person viewed an item within 10 minutes after it (click_deadline is stored with the row).
 */
export async function searchGaps(
  db: Db,
  scope: FlowScope,
  period: { from: string; to: string },
): Promise<z.infer<typeof SearchGapsReport>> {
  const team = scope.teams ? sql`AND s.actor_id IN (SELECT id FROM users WHERE team IN ${sqlList(scope.teams)})` : sql``;
  const { rows } = await sql<{
    query: string;
    actor_role: string;
    searches: unknown;
    no_results: unknown;
    no_click: unknown;
    last_at: string;
  }>`
    SELECT s.query, s.actor_role, COUNT(*) AS searches,
      SUM(CASE WHEN s.total = 0 THEN 1 ELSE 0 END) AS no_results,
      SUM(CASE WHEN s.total > 0 AND NOT EXISTS (
        SELECT 1 FROM usage_events e WHERE e.actor_id = s.actor_id AND e.type = 'view' AND e.at >= s.at AND e.at <= s.click_deadline
      ) THEN 1 ELSE 0 END) AS no_click,
      MAX(s.at) AS last_at
    FROM search_log s
    WHERE s.at >= ${period.from} AND s.at < ${period.to} AND s.query <> '' ${team}
    GROUP BY s.query, s.actor_role`.execute(db);

  const byQuery = new Map<string, z.infer<typeof SearchGapsReport>['gaps'][number]>();
  for (const r of rows) {
    const g = byQuery.get(r.query) ?? { query: r.query, searches: 0, noResults: 0, noClick: 0, roles: {}, lastSearchedAt: r.last_at };
    g.searches += num(r.searches);
    g.noResults += num(r.no_results);
    g.noClick += num(r.no_click);
    g.roles[r.actor_role] = (g.roles[r.actor_role] ?? 0) + num(r.searches);
    if (r.last_at > g.lastSearchedAt) g.lastSearchedAt = r.last_at;
    byQuery.set(r.query, g);
  }
  const gaps = [...byQuery.values()]
    .filter((g) => g.noResults + g.noClick > 0)
    .sort((a, b) => b.noResults + b.noClick - (a.noResults + a.noClick) || a.query.localeCompare(b.query))
    .slice(0, MAX_GAPS);
  return { ...period, gaps };
}

type Dimension = 'competitor' | 'industry' | 'product';

/**
 * Competitors, industries and products of open deals that no fresh knowledge covers: no
 * published situational or capability item names them that is unexpired and not overdue for
 * verification. Weighted by the deals' amounts in the corporate currency.
 */
export async function pipelineGaps(
  db: Db,
  scope: FlowScope,
  now: Date,
  actor: Actor,
  currencies: CurrencyConfig = { corporate: 'USD', rates: {} },
): Promise<z.infer<typeof PipelineGapsReport>> {
  let opps = db
    .selectFrom('opportunities as o')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .select(['o.id', 'o.name', 'o.amount', 'o.currency', 'o.industry', 'o.products', 'o.competitors', 'o.owner_id', 'u.team'])
    .where('o.is_closed', '=', 0);
  if (scope.teams) opps = opps.where('u.team', 'in', scope.teams.length ? scope.teams : ['']);
  if (scope.ownerId) opps = opps.where('o.owner_id', '=', scope.ownerId);
  // Weighted by amount: only deals whose amounts the reader may see take part (server/auth/policy.ts).
  // A leader's scope is the teams they lead, so today this drops nothing; it keeps it that way.
  const open = (await opps.execute()).filter((o) => canSeeAmount(actor, { ownerId: o.owner_id, ownerTeam: o.team ?? null }));

  const nowIso = now.toISOString();
  const items = await db
    .selectFrom('content_items')
    .select(['products', 'industries', 'competitors', 'verified_at', 'verify_every_days', 'published_at'])
    .where('status', '=', 'published')
    .where('kind', 'in', ['situational', 'capability'])
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso)]))
    .execute();
  const covered: Record<Dimension, Set<string>> = { competitor: new Set(), industry: new Set(), product: new Set() };
  for (const it of items) {
    const verifiedFrom = it.verified_at ?? it.published_at;
    if (it.verify_every_days && verifiedFrom && Date.parse(verifiedFrom) + it.verify_every_days * DAY < now.getTime()) continue;
    for (const v of json.read<string[]>(it.competitors, [])) covered.competitor.add(v.toLowerCase());
    for (const v of json.read<string[]>(it.industries, [])) covered.industry.add(v.toLowerCase());
    for (const v of json.read<string[]>(it.products, [])) covered.product.add(v.toLowerCase());
  }

  const gaps = new Map<string, z.infer<typeof PipelineGapsReport>['gaps'][number]>();
  const add = (dimension: Dimension, value: string, o: (typeof open)[number]) => {
    if (covered[dimension].has(value.toLowerCase())) return;
    const key = `${dimension}\u0000${value.toLowerCase()}`;
    const g = gaps.get(key) ?? { dimension, value, weight: 0, deals: 0, opportunities: [] };
    // In the corporate currency: a deal without a rate for its currency counts, but weighs nothing.
    g.weight += toCorporate(o.amount === null ? null : Number(o.amount), o.currency, currencies) ?? 0;
    g.deals++;
    g.opportunities.push({ id: o.id, name: o.name, amount: o.amount === null ? null : Number(o.amount), ownerId: o.owner_id });
    gaps.set(key, g);
  };
  for (const o of open) {
    for (const c of new Set(json.read<string[]>(o.competitors, []))) add('competitor', c, o);
    if (o.industry) add('industry', o.industry, o);
    for (const p of new Set(json.read<{ name: string }[]>(o.products, []).map((x) => x.name))) add('product', p, o);
  }
  return {
    generatedAt: nowIso,
    openOpportunities: open.length,
    gaps: [...gaps.values()]
      .sort((a, b) => b.weight - a.weight || b.deals - a.deals)
      .slice(0, MAX_GAPS)
      .map((g) => ({
        ...g,
        weight: Number(g.weight),
        opportunities: g.opportunities.sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0)).slice(0, DEALS_LISTED),
      })),
  };
}
