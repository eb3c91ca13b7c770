import { canSeeAmount, canSeeDeal, type DealSubject } from '../auth/policy';
import type { Actor } from '../auth/schema';
import type { CurrencyConfig } from '../config';
import { amountBand } from '../opportunities/schema';
import { sqlToCorporate, toCorporate } from '../opportunities/currency';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { Dialect } from '../db/migrations';
import { num, sqlList } from './scope';

/**
 * Won-deal influence: an item influenced a won deal if it was attached to the deal, or viewed by
 * the deal's owner while the deal was open (from its creation to the end of its close date).
 *
 * The pairs are kept in flow_influence by the flow facts refresh (server/flow/facts.ts), so the
 * reports read a small table instead of joining every won deal to a million events:
 * - each folded batch of events adds the pairs its attach and view events create for the won
 *   deals already tracked (`foldInfluence`), with the deals' state as tracked;
 * - after folding, deals whose state changed (won or no longer won, another owner, creation or
 *   close date, amount) have their pairs computed again from scratch (`reconcileInfluence`);
 * - attach events not folded yet (younger than the facts' settling delay) add their pairs too,
 *   so an attach followed at once by a close-won shows in the reports, as before the table.
 * Each pair keeps its earliest event (an upsert that only ever lowers it), so the table does not
 * depend on how the events were batched: test/flow.test.ts compares it with a from-scratch query.
 */

/** Deals whose pairs are computed again per statement (bounded IN lists). */
const RECOMPUTE_CHUNK = 500;

/** The deal `d` was open when the view fact `f` happened (close dates are whole UTC days). */
const openAtView = sql`f.at >= d.created_at AND f.at <= d.close_date || 'T23:59:59.999Z'`;

interface PairSource {
  /** Only these tracked deals (their pairs are computed again); otherwise every tracked deal. */
  deals?: string[];
  /** Events after this id. */
  after?: number;
  /** Events up to this id. */
  upTo?: number;
  /** Views count only once folded into facts; the unfolded tail contributes its attach events alone. */
  views: boolean;
}

/**
 * (deal, item, event) candidates from attach events and owners' view facts, for tracked deals.
 * SQLite joins a CROSS JOIN in the order written: from the named deals when there are a few,
 * otherwise from the batch of events (a refresh with one new event must not scan every deal's
 * window). PostgreSQL plans both as the inner joins they are.
 */
function candidates(dialect: Dialect, src: PairSource): RawBuilder<unknown> {
  const dealIn = src.deals ? sql`AND d.opportunity_id IN ${sqlList(src.deals)}` : sql``;
  const range = (column: 'e.id' | 'f.event_id') =>
    sql`${src.after === undefined ? sql`` : sql`AND ${sql.ref(column)} > ${src.after}`} ${src.upTo === undefined ? sql`` : sql`AND ${sql.ref(column)} <= ${src.upTo}`}`;
  // By id range over the events: without statistics SQLite would rather walk the whole
  // opportunity index when the range has no upper bound (the unfolded tail).
  const byId = dialect === 'sqlite' ? sql`NOT INDEXED` : sql``;
  const attachFrom = src.deals
    ? sql`flow_influence_deals d CROSS JOIN usage_events e`
    : sql`usage_events e ${byId} CROSS JOIN flow_influence_deals d`;
  const attach = sql`SELECT e.opportunity_id, e.content_id, e.id AS event_id FROM ${attachFrom}
    WHERE e.opportunity_id = d.opportunity_id AND e.type = 'attach' ${range('e.id')} ${dealIn}`;
  if (!src.views) return attach;
  const viewFrom = src.deals
    ? sql`flow_influence_deals d CROSS JOIN flow_event_facts f`
    : sql`flow_event_facts f CROSS JOIN flow_influence_deals d`;
  return sql`${attach} UNION ALL SELECT d.opportunity_id, f.content_id, f.event_id FROM ${viewFrom}
    WHERE f.actor_id = d.owner_id AND f.type = 'view' AND ${openAtView} ${range('f.event_id')} ${dealIn}`;
}

/**
 * Inserts the earliest candidate per (deal, item), or lowers a stored pair's event to it. The
 * owner's team comes from the event's fact, or, for events not folded yet, from the item's owner now.
 */
async function upsertPairs(tx: Db, from: RawBuilder<unknown>, team: 'fact' | 'current'): Promise<void> {
  const teamJoin =
    team === 'fact'
      ? sql`JOIN flow_event_facts t ON t.event_id = p.event_id`
      : sql`LEFT JOIN content_items c ON c.id = p.content_id LEFT JOIN users t ON t.id = c.owner_id`;
  const teamColumn = team === 'fact' ? sql`t.owner_team` : sql`t.team`;
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint.
  await sql`
    INSERT INTO flow_influence (opportunity_id, content_id, event_id, owner_team, close_date, amount)
    SELECT p.opportunity_id, p.content_id, p.event_id, ${teamColumn}, d.close_date, d.amount FROM (
      SELECT x.opportunity_id, x.content_id, MIN(x.event_id) AS event_id FROM (${from}) x GROUP BY x.opportunity_id, x.content_id
    ) p JOIN flow_influence_deals d ON d.opportunity_id = p.opportunity_id ${teamJoin}
    WHERE true
    ON CONFLICT (opportunity_id, content_id) DO UPDATE SET event_id = excluded.event_id, owner_team = excluded.owner_team
      WHERE excluded.event_id <= flow_influence.event_id`.execute(tx);
}

/** Adds the pairs that the events (after, upTo] create for the tracked won deals (called per folded batch). */
export async function foldInfluence(tx: Db, dialect: Dialect, after: number, upTo: number): Promise<void> {
  await upsertPairs(tx, candidates(dialect, { after, upTo, views: true }), 'fact');
}

/** Deals whose tracked state is missing or differs from opportunities, or that are no longer won. */
async function changedDeals(tx: Db): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT o.id FROM opportunities o LEFT JOIN flow_influence_deals d ON d.opportunity_id = o.id
    WHERE o.is_won = 1 AND (d.opportunity_id IS NULL OR d.owner_id IS DISTINCT FROM o.owner_id OR d.created_at <> o.created_at
      OR d.close_date IS DISTINCT FROM o.close_date OR d.amount IS DISTINCT FROM o.amount)
    UNION
    SELECT d.opportunity_id FROM flow_influence_deals d LEFT JOIN opportunities o ON o.id = d.opportunity_id
    WHERE o.id IS NULL OR o.is_won <> 1`.execute(tx);
  return rows.map((r) => r.id);
}

/**
 * Brings the pairs up to date with the deals as they are now, for the events folded up to `mark`
 * (the facts' watermark), then adds the attach events after it. The caller holds the watermark
 * (on PostgreSQL its row lock), so no batch is folded meanwhile.
 */
export async function reconcileInfluence(tx: Db, dialect: Dialect, mark: number): Promise<void> {
  const changed = await changedDeals(tx);
  for (let i = 0; i < changed.length; i += RECOMPUTE_CHUNK) {
    const ids = changed.slice(i, i + RECOMPUTE_CHUNK);
    await tx.deleteFrom('flow_influence').where('opportunity_id', 'in', ids).execute();
    await tx.deleteFrom('flow_influence_deals').where('opportunity_id', 'in', ids).execute();
    await sql`
      INSERT INTO flow_influence_deals (opportunity_id, owner_id, created_at, close_date, amount)
      SELECT o.id, o.owner_id, o.created_at, o.close_date, o.amount FROM opportunities o WHERE o.id IN ${sqlList(ids)} AND o.is_won = 1`.execute(
      tx,
    );
    await upsertPairs(tx, candidates(dialect, { deals: ids, upTo: mark, views: true }), 'fact');
  }
  // Few rows: the attach events younger than the settling delay (and any committed late).
  await upsertPairs(tx, candidates(dialect, { after: mark, views: false }), 'current');
}

export interface TeamInfluence {
  items: number;
  deals: number;
  amount: number;
  /** Deals in `amount` whose amount the viewer may not see (then only its band is shown). */
  hiddenAmounts: number;
}

/**
 * Which won deals a viewer may see, decided per deal by server/auth/policy.ts: only `visible`
 * deals are counted, and the amounts of `hiddenAmounts` only ever reach the viewer as a band.
 * Null: the viewer sees every deal and amount (admins).
 */
export interface DealView {
  visible: string[];
  hiddenAmounts: string[];
}

export interface PeriodInfluence {
  /** Per owner team (all teams; the caller keeps those in scope). */
  teams: Map<string | null, TeamInfluence>;
  /** Distinct items and deals over the teams in scope. */
  overall: TeamInfluence;
  /** Up to `TOP_CANDIDATES` items in scope with the largest won amount (the caller keeps those the viewer may see). */
  topItems: { id: string; wonDeals: number; wonAmount: number; hiddenAmounts: number }[];
}

/** Top items fetched before the viewer's item policy filters them down to 20. */
export const TOP_CANDIDATES = 100;

/** The won deals closed in the period that have kept influence pairs, with their owners' teams now. */
export async function influencedDealsInPeriod(
  db: Db,
  period: { from: string; to: string },
): Promise<{ id: string; ownerId: string | null; ownerTeam: string | null }[]> {
  const { rows } = await sql<{ id: string; owner_id: string | null; team: string | null }>`
    SELECT d.opportunity_id AS id, o.owner_id, u.team FROM (
      SELECT DISTINCT i.opportunity_id FROM flow_influence i WHERE i.close_date >= ${period.from.slice(0, 10)} AND i.close_date < ${period.to.slice(0, 10)}
    ) d JOIN opportunities o ON o.id = d.opportunity_id LEFT JOIN users u ON u.id = o.owner_id`.execute(db);
  return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, ownerTeam: r.team }));
}

/**
 * Influence of each team's items on the deals won (closed) in the period, aggregated in SQL over
 * flow_influence. An item counts for its owner's team as at the event that tied it to the deal.
 * `teams` (null: everyone, including items whose owner has no team) bounds the overall figures.
 */
export async function influenceInPeriod(
  db: Db,
  dialect: Dialect,
  teams: string[] | null,
  period: { from: string; to: string },
  view: DealView | null = null,
  currencies: CurrencyConfig = { corporate: 'USD', rates: {} },
): Promise<PeriodInfluence> {
  // Per item, the item index is a covering scan already in item order (no sort); SQLite, without
  // statistics, would take the close-date range and sort every pair instead.
  const byItem = dialect === 'sqlite' ? sql`INDEXED BY flow_influence_item` : sql``;
  const closed = sql`i.close_date >= ${period.from.slice(0, 10)} AND i.close_date < ${period.to.slice(0, 10)}`;
  const scoped = teams ? sql`AND i.owner_team IN ${sqlList(teams)}` : sql``;
  // Deals the viewer may not see are left out; amounts they may not see are flagged, never dropped
  // from the sum alone (a sum short by one deal would give its amount away by subtraction).
  const visible = view ? sql`AND i.opportunity_id IN ${sqlList(view.visible)}` : sql``;
  const hidden = view?.hiddenAmounts.length ? sql`CASE WHEN i.opportunity_id IN ${sqlList(view.hiddenAmounts)} THEN 1 ELSE 0 END` : sql`0`;
  // A deal's amount is the same on each of its rows: MAX picks it while grouping by deal. Sums are
  // in the corporate currency, converted per deal by its currency (server/opportunities/currency.ts);
  // the deal's currency is looked up once per deal (or per pair for the top items), after the
  // covering scans over flow_influence.
  const dealAmount = sqlToCorporate(sql`x.amount`, sql`(SELECT o.currency FROM opportunities o WHERE o.id = x.opportunity_id)`, currencies);
  const pairAmount = sqlToCorporate(sql`i.amount`, sql`(SELECT o.currency FROM opportunities o WHERE o.id = i.opportunity_id)`, currencies);
  const [perTeamDeals, perTeamItems, overallDeals, top] = await Promise.all([
    sql<{ team: string | null; deals: unknown; amount: unknown; hidden: unknown }>`
      SELECT x.owner_team AS team, COUNT(*) AS deals, SUM(${dealAmount}) AS amount, SUM(x.hidden) AS hidden FROM (
        SELECT i.close_date, i.opportunity_id, i.owner_team, MAX(i.amount) AS amount, MAX(${hidden}) AS hidden FROM flow_influence i
        WHERE ${closed} ${visible} GROUP BY i.close_date, i.opportunity_id, i.owner_team
      ) x GROUP BY x.owner_team`.execute(db),
    sql<{ team: string | null; items: unknown }>`
      SELECT x.owner_team AS team, COUNT(*) AS items FROM (
        SELECT i.content_id, i.owner_team FROM flow_influence i ${byItem} WHERE ${closed} ${visible} GROUP BY i.content_id, i.owner_team
      ) x GROUP BY x.owner_team`.execute(db),
    sql<{ deals: unknown; amount: unknown; hidden: unknown }>`
      SELECT COUNT(*) AS deals, SUM(${dealAmount}) AS amount, SUM(x.hidden) AS hidden FROM (
        SELECT i.close_date, i.opportunity_id, MAX(i.amount) AS amount, MAX(${hidden}) AS hidden FROM flow_influence i
        WHERE ${closed} ${scoped} ${visible} GROUP BY i.close_date, i.opportunity_id
      ) x`.execute(db),
    // Each (deal, item) is one row, so COUNT(*) per item counts its deals; the window counts the items.
    sql<{ id: string; won_deals: unknown; won_amount: unknown; hidden: unknown; items: unknown }>`
      SELECT i.content_id AS id, COUNT(*) AS won_deals, COALESCE(SUM(${pairAmount}), 0) AS won_amount, SUM(${hidden}) AS hidden, COUNT(*) OVER () AS items
      FROM flow_influence i ${byItem} WHERE ${closed} ${scoped} ${visible}
      GROUP BY i.content_id ORDER BY won_amount DESC, won_deals DESC, i.content_id LIMIT ${TOP_CANDIDATES}`.execute(db),
  ]);

  const byTeam = new Map<string | null, TeamInfluence>();
  const team = (t: string | null) => {
    let f = byTeam.get(t);
    if (!f) byTeam.set(t, (f = { items: 0, deals: 0, amount: 0, hiddenAmounts: 0 }));
    return f;
  };
  for (const r of perTeamDeals.rows)
    Object.assign(team(r.team), { deals: num(r.deals), amount: num(r.amount), hiddenAmounts: num(r.hidden) });
  for (const r of perTeamItems.rows) team(r.team).items = num(r.items);
  return {
    teams: byTeam,
    overall: {
      items: num(top.rows[0]?.items),
      deals: num(overallDeals.rows[0]?.deals),
      amount: num(overallDeals.rows[0]?.amount),
      hiddenAmounts: num(overallDeals.rows[0]?.hidden),
    },
    topItems: top.rows.map((r) => ({ id: r.id, wonDeals: num(r.won_deals), wonAmount: num(r.won_amount), hiddenAmounts: num(r.hidden) })),
  };
}

/** The won deals each of these items influenced (any close date), deals in id order per item, with their owners' teams for the read policy. */
export async function wonDealsOf(
  db: Db,
  contentIds: string[],
  currencies: CurrencyConfig = { corporate: 'USD', rates: {} },
): Promise<
  {
    contentId: string;
    opportunityId: string;
    opportunityName: string;
    amount: number | null;
    ownerId: string | null;
    ownerTeam: string | null;
  }[]
> {
  if (!contentIds.length) return [];
  const rows = await db
    .selectFrom('flow_influence as i')
    .innerJoin('opportunities as o', 'o.id', 'i.opportunity_id')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .select(['i.content_id', 'i.opportunity_id', 'o.name', 'i.amount', 'o.currency', 'o.owner_id', 'u.team'])
    .where('i.content_id', 'in', contentIds)
    .orderBy('i.content_id')
    .orderBy('i.opportunity_id')
    .execute();
  return rows.map((r) => ({
    contentId: r.content_id,
    opportunityId: r.opportunity_id,
    opportunityName: r.name,
    amount: r.amount === null ? null : toCorporate(num(r.amount), r.currency, currencies),
    ownerId: r.owner_id,
    ownerTeam: r.team ?? null,
  }));
}

/** A won deal as the read policy judges it (owner and team), with its amount in the corporate currency. */
export type WonDeal = DealSubject & { id: string; name: string; amount: number | null };

/**
 * The won deals each item influenced that the viewer may see, by item id, items and deals in id
 * order: a deal the viewer may not see is neither named nor counted.
 */
export async function visibleWonDeals(
  db: Db,
  actor: Actor,
  contentIds: string[],
  currencies?: CurrencyConfig,
): Promise<Map<string, WonDeal[]>> {
  const out = new Map<string, WonDeal[]>();
  for (const r of await wonDealsOf(db, contentIds, currencies)) {
    const deal: WonDeal = { id: r.opportunityId, name: r.opportunityName, amount: r.amount, ownerId: r.ownerId, ownerTeam: r.ownerTeam };
    if (!canSeeDeal(actor, deal)) continue;
    out.set(r.contentId, [...(out.get(r.contentId) ?? []), deal]);
  }
  return out;
}

/** A won deal as a report shows it: an amount the viewer may not see is null, its band shown instead. */
export function shownDeal(actor: Actor, d: WonDeal) {
  return { id: d.id, name: d.name, amount: canSeeAmount(actor, d) ? d.amount : null, amountBand: amountBand(d.amount) };
}
