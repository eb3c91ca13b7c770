import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { Dialect } from '../db/migrations';
import { canSeeAmount, canSeeDeal, seesAllDeals, seesAllItems, shownSum } from '../auth/policy';
import type { Actor } from '../auth/schema';
import type { CurrencyConfig } from '../config';
import { toCorporate } from '../opportunities/currency';
import { amountBand } from '../opportunities/schema';
import { influencedDealsInPeriod, influenceInPeriod, type DealView, type PeriodInfluence, type TeamInfluence } from './influence';
import type { FlowMetrics, TeamFigures } from './schema';
import { USES_NOT_REUSE, USE_TYPES, inScope, median, num, ratio, round, sqlList, type FlowScope } from './scope';

const DAY = 86_400_000;
const EVER_PUBLISHED = ['published', 'archived'];

/** Is this UTC day among the last 14 days of its calendar quarter? */
export function inQuarterEnd(day: Date): boolean {
  const q = Math.floor(day.getUTCMonth() / 3);
  const quarterEnd = Date.UTC(day.getUTCFullYear(), q * 3 + 3, 1) - DAY; // the quarter's last day
  return quarterEnd - Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) < 14 * DAY;
}

/** The day `to` falls on, or that day itself when `to` is its midnight (end-exclusive day bound). */
function dayAfterOrAt(to: string): string {
  const t = Date.parse(to);
  return t % DAY === 0 ? new Date(t).toISOString().slice(0, 10) : new Date(t - (t % DAY) + DAY).toISOString().slice(0, 10);
}

/** Whole UTC days of the period, split into quarter-end days and the rest. */
function dayCounts(from: string, to: string): { last: number; rest: number } {
  let last = 0;
  let rest = 0;
  const start = new Date(from.slice(0, 10) + 'T00:00:00Z').getTime();
  for (let t = start; t < Date.parse(to); t += DAY) {
    if (inQuarterEnd(new Date(t))) last++;
    else rest++;
  }
  return { last, rest };
}

interface Acc {
  publishedItems: number;
  reusedItems: number;
  publishedInPeriod: number;
  daysToReuse: number[];
  openOpportunities: number;
  openWithAttachment: number;
  crossTeamItems: number;
  crossTeamUses: number;
  influence: TeamInfluence;
  sharing: number;
  participating: number;
  contributing: number;
  activePeople: number;
  members: number;
  contribLast: number;
  contribRest: number;
}

const emptyAcc = (): Acc => ({
  publishedItems: 0,
  reusedItems: 0,
  publishedInPeriod: 0,
  daysToReuse: [],
  openOpportunities: 0,
  openWithAttachment: 0,
  crossTeamItems: 0,
  crossTeamUses: 0,
  influence: { items: 0, deals: 0, amount: 0, hiddenAmounts: 0 },
  sharing: 0,
  participating: 0,
  contributing: 0,
  activePeople: 0,
  members: 0,
  contribLast: 0,
  contribRest: 0,
});

function figures(team: string | null, a: Acc, days: { last: number; rest: number }): TeamFigures {
  const lastPerDay = days.last ? round(a.contribLast / days.last) : null;
  const restPerDay = days.rest ? round(a.contribRest / days.rest) : null;
  return {
    team,
    publishedItems: a.publishedItems,
    reusedItems: a.reusedItems,
    reuseShare: ratio(a.reusedItems, a.publishedItems),
    publishedInPeriod: a.publishedInPeriod,
    reusedSincePublish: a.daysToReuse.length,
    medianDaysToFirstReuse: ((m) => (m === null ? null : round(m, 2)))(median(a.daysToReuse)),
    openOpportunities: a.openOpportunities,
    openWithAttachment: a.openWithAttachment,
    attachShare: ratio(a.openWithAttachment, a.openOpportunities),
    crossTeamItems: a.crossTeamItems,
    crossTeamUses: a.crossTeamUses,
    crossTeamShare: ratio(a.crossTeamItems, a.publishedItems),
    influencedItems: a.influence.items,
    influencedWonDeals: a.influence.deals,
    ...shownInfluence(a.influence),
    engagement: {
      sharing: a.sharing,
      participating: a.participating,
      contributing: round(a.contributing),
      activePeople: a.activePeople,
      members: a.members,
    },
    quarterEnd: {
      lastTwoWeeksDays: days.last,
      restDays: days.rest,
      lastTwoWeeksPerDay: lastPerDay,
      restPerDay,
      // From the unrounded rates: (last / lastDays) / (rest / restDays).
      ratio: days.last && days.rest && a.contribRest ? round(a.contribLast / days.last / (a.contribRest / days.rest)) : null,
    },
  };
}

/** An influenced amount as the viewer may see it: exact only when every deal's amount in it is theirs to see. */
function shownInfluence(f: TeamInfluence): { influencedWonAmount: number | null; influencedWonAmountBand: string | null } {
  return { influencedWonAmount: f.hiddenAmounts ? null : f.amount, influencedWonAmountBand: f.deals ? amountBand(f.amount) : null };
}

/** The top items shown: 20 of the candidates that the viewer may see, with titles, owners and the owners' teams. */
async function describeTopItems(
  db: Db,
  viewer: FlowViewer,
  top: PeriodInfluence['topItems'],
  teamOf: (userId: string) => string | null,
): Promise<FlowMetrics['influence']['topItems']> {
  if (!top.length) return [];
  const seen = await viewer.visibleItems(top.map((i) => i.id));
  const shown = top.filter((i) => seen.has(i.id)).slice(0, 20);
  if (!shown.length) return [];
  const rows = await db
    .selectFrom('content_items')
    .select(['id', 'title', 'owner_id'])
    .where(
      'id',
      'in',
      shown.map((i) => i.id),
    )
    .execute();
  const items = new Map(rows.map((r) => [r.id, r]));
  return shown.map(({ id, wonDeals, wonAmount, hiddenAmounts }) => {
    const ownerId = items.get(id)?.owner_id ?? '';
    return {
      id,
      title: items.get(id)?.title ?? id,
      ownerId,
      team: teamOf(ownerId),
      wonDeals,
      wonAmount: hiddenAmounts ? null : wonAmount,
      wonAmountBand: amountBand(wonAmount),
    };
  });
}

/** Who reads the report: the read policy (server/auth/policy.ts) decides which deals and items it shows. */
export interface FlowViewer {
  actor: Actor;
  /** The ids among these that the viewer may open. */
  visibleItems(ids: string[]): Promise<Set<string>>;
}

/**
 * The published (or archived) items the viewer may not open. Only items not visible to everyone
 * can be among them, so those are read and handed to the read policy, which decides: the rule is
 * asked, never re-implemented in SQL. Usually a small list; empty for admins.
 */
async function hiddenItems(db: Db, dialect: Dialect, viewer: FlowViewer): Promise<string[]> {
  if (seesAllItems(viewer.actor)) return [];
  const restricted = await sql<{ id: string }>`
    SELECT c.id FROM content_items c
    WHERE c.status IN ${sqlList(EVER_PUBLISHED)} AND ${dialect === 'sqlite' ? sql`instr(c.visibility, '"scope":"everyone"') = 0` : sql`strpos(c.visibility, '"scope":"everyone"') = 0`}`.execute(
    db,
  );
  const ids = restricted.rows.map((r) => r.id);
  const open = await viewer.visibleItems(ids);
  return ids.filter((id) => !open.has(id));
}

/** The won deals of the period the viewer may see, and those whose amounts they may not. */
async function dealViewOf(db: Db, actor: Actor, period: { from: string; to: string }): Promise<DealView | null> {
  if (seesAllDeals(actor)) return null;
  const deals = (await influencedDealsInPeriod(db, period)).filter((d) => canSeeDeal(actor, d));
  return { visible: deals.map((d) => d.id), hiddenAmounts: deals.filter((d) => !canSeeAmount(actor, d)).map((d) => d.id) };
}

/**
 * Flow metrics for one period, per team and overall. Items belong to their owner's team, events
 * and authorship to the acting person's team. Each figure is one grouped SQL aggregate over the
 * period, reading the event facts and the kept won-deal influence pairs (server/flow/facts.ts,
 * refreshed by the caller) through their covering indexes; per-team rows are additive, so
 * "overall" is their sum, except the medians (taken over the items themselves) and influence
 * (distinct items and deals over the teams in scope). Items count from publication, archived ones included.
 */
export async function flowMetrics(
  db: Db,
  dialect: Dialect,
  scope: FlowScope,
  period: { from: string; to: string },
  viewer: FlowViewer,
  now: Date = new Date(),
  currencies: CurrencyConfig = { corporate: 'USD', rates: {} },
): Promise<Omit<FlowMetrics, 'expertContacts'>> {
  const { from, to } = period;
  const teams = new Map<string | null, Acc>();
  const acc = (team: string | null) => {
    let a = teams.get(team);
    if (!a) teams.set(team, (a = emptyAcc()));
    return a;
  };

  // People's teams, looked up here rather than joined to every row.
  const people = await db.selectFrom('users').select(['id', 'team', 'active']).execute();
  const teamOf = new Map(people.map((u) => [u.id, u.team]));
  const team = (userId: string) => teamOf.get(userId) ?? null;

  // Items the viewer may not open count nowhere: not in totals, reuse, reach or contribution.
  const hidden = await hiddenItems(db, dialect, viewer);
  const itemShown = (column: RawBuilder<unknown>) =>
    hidden.length === 0
      ? sql`1 = 1`
      : dialect === 'sqlite'
        ? sql`${column} NOT IN (SELECT value FROM json_each(${JSON.stringify(hidden)}))`
        : sql`${column} <> ALL(${hidden}::text[])`;

  // Items published (and still published, or archived since) before the end of the period.
  const published = await sql<{ owner_id: string; n: unknown }>`
    SELECT c.owner_id, COUNT(*) AS n FROM content_items c
    WHERE c.status IN ${sqlList(EVER_PUBLISHED)} AND c.published_at < ${to} AND ${itemShown(sql`c.id`)} GROUP BY c.owner_id`.execute(db);
  for (const r of published.rows) acc(team(r.owner_id)).publishedItems += num(r.n);

  // Reuse by others and reach across teams, in one pass over the period's event facts.
  // Grouping by item first and summing flags replaces two COUNT(DISTINCT)s; reading the facts in
  // (owner_team, content_id) index order makes the grouping a stream rather than a sort of every
  // event in the period. SQLite, without statistics, would pick a range scan on `at` and sort.
  // The work per event is kept small (a million pass through here): an item reached across teams
  // if its count of cross-team uses is positive, and a reuse is a use other than a view.
  const byItem = dialect === 'sqlite' ? sql`INDEXED BY flow_event_facts_item` : sql``;
  const uses = await sql<{ team: string | null; reused_items: unknown; cross_items: unknown; cross_uses: unknown }>`
    SELECT x.team, SUM(x.reused) AS reused_items, SUM(CASE WHEN x.cross_uses > 0 THEN 1 ELSE 0 END) AS cross_items, SUM(x.cross_uses) AS cross_uses FROM (
      SELECT f.owner_team AS team, f.content_id,
        MAX(CASE WHEN f.by_other = 1 AND f.type NOT IN ${sqlList(USES_NOT_REUSE)} THEN 1 ELSE 0 END) AS reused,
        SUM(CASE WHEN f.actor_team <> f.owner_team THEN 1 ELSE 0 END) AS cross_uses
      FROM flow_event_facts f ${byItem}
      WHERE f.at >= ${from} AND f.at < ${to} AND f.type IN ${sqlList(USE_TYPES)} AND ${itemShown(sql`f.content_id`)}
      GROUP BY f.owner_team, f.content_id
    ) x GROUP BY x.team`.execute(db);
  for (const r of uses.rows) {
    const a = acc(r.team);
    a.reusedItems += num(r.reused_items);
    a.crossTeamItems += num(r.cross_items);
    a.crossTeamUses += num(r.cross_uses);
  }

  // Time to first reuse, for the items published in the period. Both sides are covering index
  // lookups; SQLite would otherwise read each stats row through its primary key.
  const firstReuse = dialect === 'sqlite' ? sql`INDEXED BY flow_item_stats_first_reuse` : sql``;
  const firsts = await sql<{ owner_id: string; published_at: string; first_reuse: string | null }>`
    SELECT c.owner_id, c.published_at, s.first_reuse_at AS first_reuse
    FROM content_items c LEFT JOIN flow_item_stats s ${firstReuse} ON s.content_id = c.id
    WHERE c.status IN ${sqlList(EVER_PUBLISHED)} AND c.published_at >= ${from} AND c.published_at < ${to} AND ${itemShown(sql`c.id`)}`.execute(
    db,
  );
  for (const r of firsts.rows) {
    const a = acc(team(r.owner_id));
    a.publishedInPeriod++;
    if (r.first_reuse && r.first_reuse >= r.published_at)
      a.daysToReuse.push((Date.parse(r.first_reuse) - Date.parse(r.published_at)) / DAY);
  }

  // Open deals now, and whether anything was attached to them.
  const open = await sql<{ team: string | null; n: unknown; attached: unknown }>`
    SELECT u.team, COUNT(*) AS n,
      SUM(CASE WHEN EXISTS (SELECT 1 FROM usage_events e WHERE e.opportunity_id = o.id AND e.type = 'attach') THEN 1 ELSE 0 END) AS attached
    FROM opportunities o LEFT JOIN users u ON u.id = o.owner_id
    WHERE o.is_closed = 0 GROUP BY u.team`.execute(db);
  for (const r of open.rows) {
    const a = acc(r.team);
    a.openOpportunities += num(r.n);
    a.openWithAttachment += num(r.attached);
  }

  // Engagement of each team's people: sharing and participating events, by whole UTC days.
  const engagement = await sql<{ team: string | null; sharing: unknown; participating: unknown; people: unknown }>`
    SELECT d.actor_team AS team, SUM(d.sharing) AS sharing, SUM(d.participating) AS participating,
      COUNT(DISTINCT CASE WHEN d.sharing + d.participating > 0 THEN d.actor_id END) AS people
    FROM flow_daily_people d
    WHERE d.day >= ${from.slice(0, 10)} AND d.day < ${dayAfterOrAt(to)} GROUP BY d.actor_team`.execute(db);
  for (const r of engagement.rows) {
    const a = acc(r.team);
    a.sharing += num(r.sharing);
    a.participating += num(r.participating);
    a.activePeople += num(r.people);
  }

  // Contributing: items published in the period, weighted by each author's share, per day.
  const contributions = await sql<{ team: string | null; day: string; weight: unknown }>`
    SELECT u.team, substr(c.published_at, 1, 10) AS day, SUM(a.share) AS weight
    FROM content_authors a JOIN content_items c ON c.id = a.content_id LEFT JOIN users u ON u.id = a.user_id
    WHERE c.status IN ${sqlList(EVER_PUBLISHED)} AND c.published_at >= ${from} AND c.published_at < ${to} AND ${itemShown(sql`c.id`)}
    GROUP BY u.team, substr(c.published_at, 1, 10)`.execute(db);
  for (const r of contributions.rows) {
    const a = acc(r.team);
    const w = num(r.weight);
    a.contributing += w;
    if (inQuarterEnd(new Date(`${r.day}T00:00:00Z`))) a.contribLast += w;
    else a.contribRest += w;
  }

  // Won-deal influence of each team's items (deals closed in the period), from the kept pairs.
  // Only deals the viewer may see count, and amounts they may not see show as bands (server/auth/policy.ts).
  const influence = await influenceInPeriod(db, dialect, scope.teams, period, await dealViewOf(db, viewer.actor, period), currencies);
  for (const [t, own] of influence.teams) if (inScope(scope, t)) acc(t).influence = own;
  const topItems = await describeTopItems(db, viewer, influence.topItems, team);
  const wonRows = await sql<{ id: string; owner_id: string | null; team: string | null; amount: unknown; currency: string }>`
    SELECT o.id, o.owner_id, u.team, o.amount, o.currency FROM opportunities o LEFT JOIN users u ON u.id = o.owner_id
    WHERE o.is_won = 1 AND o.close_date >= ${from.slice(0, 10)} AND o.close_date < ${to.slice(0, 10)}
    ${scope.teams ? sql`AND u.team IN ${sqlList(scope.teams)}` : sql``}`.execute(db);
  const wonDeals = wonRows.rows
    .map((r) => ({
      ownerId: r.owner_id,
      ownerTeam: r.team,
      amount: r.amount === null ? null : toCorporate(num(r.amount), r.currency, currencies),
    }))
    .filter((d) => canSeeDeal(viewer.actor, d));
  const won = shownSum(viewer.actor, wonDeals);

  // Team sizes, so engagement can be read per person.
  for (const [t, a] of teams) if (t !== null) a.members = people.filter((u) => u.team === t && u.active).length;

  // Only days that have begun: the last two weeks of a quarter still ahead are not "0 per day"
  // but not yet measured (null, shown as a dash), so the comparison never runs against the future.
  const elapsedTo = Date.parse(to) > now.getTime() ? now.toISOString() : to;
  const days = dayCounts(from, elapsedTo);
  const scoped = [...teams].filter(([team]) => inScope(scope, team));
  const total = emptyAcc();
  for (const [, a] of scoped) {
    for (const k of [
      'publishedItems',
      'reusedItems',
      'publishedInPeriod',
      'openOpportunities',
      'openWithAttachment',
      'crossTeamItems',
      'crossTeamUses',
      'sharing',
      'participating',
      'contributing',
      'activePeople',
      'members',
      'contribLast',
      'contribRest',
    ] as const)
      total[k] += a[k];
    total.daysToReuse.push(...a.daysToReuse);
  }
  // Distinct over the teams in scope: one item or deal may count for several teams.
  total.influence = influence.overall;
  const overall = figures(null, total, days);
  return {
    from,
    to,
    overall,
    teams: scoped
      .filter(([team]) => team !== null)
      .map(([team, a]) => figures(team, a, days))
      .sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '')),
    influence: {
      wonDeals: wonDeals.length,
      wonAmount: won.amount,
      wonAmountBand: won.amountBand,
      influencedDeals: overall.influencedWonDeals,
      influencedAmount: overall.influencedWonAmount,
      influencedAmountBand: overall.influencedWonAmountBand,
      topItems,
    },
  };
}
