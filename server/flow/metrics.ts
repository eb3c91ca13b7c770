import { sql } from 'kysely';
import type { Db } from '../db/database';
import { wonInfluence } from './influence';
import type { FlowMetrics, TeamFigures } from './schema';
import { REUSE_TYPES, USE_TYPES, byOthers, inScope, median, num, ratio, round, sqlList, type FlowScope } from './scope';

const DAY = 86_400_000;

/** Is this UTC day among the last 14 days of its calendar quarter? */
export function inQuarterEnd(day: Date): boolean {
  const q = Math.floor(day.getUTCMonth() / 3);
  const quarterEnd = Date.UTC(day.getUTCFullYear(), q * 3 + 3, 1) - DAY; // the quarter's last day
  return quarterEnd - Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) < 14 * DAY;
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
  influenced: Set<string>;
  influencedDeals: Map<string, number>;
  sharing: number;
  participating: number;
  contributing: number;
  activePeople: number;
  contribLast: number;
  contribRest: number;
}

const emptyAcc = (): Acc => ({
  publishedItems: 0, reusedItems: 0, publishedInPeriod: 0, daysToReuse: [], openOpportunities: 0, openWithAttachment: 0, crossTeamItems: 0, crossTeamUses: 0,
  influenced: new Set(), influencedDeals: new Map(), sharing: 0, participating: 0, contributing: 0, activePeople: 0, contribLast: 0, contribRest: 0,
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
    influencedItems: a.influenced.size,
    influencedWonDeals: a.influencedDeals.size,
    influencedWonAmount: [...a.influencedDeals.values()].reduce((s, v) => s + v, 0),
    engagement: { sharing: a.sharing, participating: a.participating, contributing: round(a.contributing), activePeople: a.activePeople },
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

/**
 * Flow metrics for one period, per team and overall. Items belong to their owner's team, events
 * and authorship to the acting person's team. Every query is one grouped SQL aggregate over the
 * period (indexes from migration 0007); per-team rows are additive, so "overall" is their sum
 * (the medians are taken over the items themselves).
 */
export async function flowMetrics(db: Db, scope: FlowScope, period: { from: string; to: string }): Promise<FlowMetrics> {
  const { from, to } = period; const T0 = performance.now();
  const teams = new Map<string | null, Acc>();
  const acc = (team: string | null) => {
    let a = teams.get(team);
    if (!a) teams.set(team, (a = emptyAcc()));
    return a;
  };

  console.log('q1', (performance.now() - T0).toFixed(0)); const published = await sql<{ team: string | null; n: unknown }>`
    SELECT u.team, COUNT(*) AS n FROM content_items c LEFT JOIN users u ON u.id = c.owner_id
    WHERE c.status = 'published' AND c.published_at < ${to} GROUP BY u.team`.execute(db);
  for (const r of published.rows) acc(r.team).publishedItems += num(r.n);

  // Reuse by others and reach across teams, in one pass over the period's events.
  console.log('q2', (performance.now() - T0).toFixed(0)); const uses = await sql<{ team: string | null; reused_items: unknown; cross_items: unknown; cross_uses: unknown }>`
    SELECT ou.team,
      COUNT(DISTINCT CASE WHEN e.type IN ${sqlList(REUSE_TYPES)} AND ${byOthers} THEN e.content_id END) AS reused_items,
      COUNT(DISTINCT CASE WHEN au.team <> ou.team THEN e.content_id END) AS cross_items,
      SUM(CASE WHEN au.team <> ou.team THEN 1 ELSE 0 END) AS cross_uses
    FROM usage_events e
      JOIN content_items c ON c.id = e.content_id
      LEFT JOIN users ou ON ou.id = c.owner_id
      LEFT JOIN users au ON au.id = e.actor_id
    WHERE e.at >= ${from} AND e.at < ${to} AND e.type IN ${sqlList(USE_TYPES)} AND c.status = 'published'
    GROUP BY ou.team`.execute(db);
  for (const r of uses.rows) {
    const a = acc(r.team);
    a.reusedItems += num(r.reused_items);
    a.crossTeamItems += num(r.cross_items);
    a.crossTeamUses += num(r.cross_uses);
  }

  // Time to first reuse, for the items published in the period.
  console.log('q3', (performance.now() - T0).toFixed(0)); const firsts = await sql<{ team: string | null; published_at: string; first_reuse: string | null }>`
    SELECT u.team, c.published_at,
      (SELECT MIN(e.at) FROM usage_events e WHERE e.content_id = c.id AND e.type IN ${sqlList(REUSE_TYPES)} AND e.at >= c.published_at AND ${byOthers}) AS first_reuse
    FROM content_items c LEFT JOIN users u ON u.id = c.owner_id
    WHERE c.status = 'published' AND c.published_at >= ${from} AND c.published_at < ${to}`.execute(db);
  for (const r of firsts.rows) {
    const a = acc(r.team);
    a.publishedInPeriod++;
    if (r.first_reuse) a.daysToReuse.push((Date.parse(r.first_reuse) - Date.parse(r.published_at)) / DAY);
  }

  // Open deals now, and whether anything was attached to them.
  console.log('q4', (performance.now() - T0).toFixed(0)); const open = await sql<{ team: string | null; n: unknown; attached: unknown }>`
    SELECT u.team, COUNT(*) AS n,
      SUM(CASE WHEN EXISTS (SELECT 1 FROM usage_events e WHERE e.opportunity_id = o.id AND e.type = 'attach') THEN 1 ELSE 0 END) AS attached
    FROM opportunities o LEFT JOIN users u ON u.id = o.owner_id
    WHERE o.is_closed = 0 GROUP BY u.team`.execute(db);
  for (const r of open.rows) {
    const a = acc(r.team);
    a.openOpportunities += num(r.n);
    a.openWithAttachment += num(r.attached);
  }

  // Engagement of each team's people: sharing and participating events.
  console.log('q5', (performance.now() - T0).toFixed(0)); const engagement = await sql<{ team: string | null; sharing: unknown; participating: unknown; people: unknown }>`
    SELECT u.team,
      SUM(CASE WHEN e.type IN ('share_internal', 'share_external') THEN 1 ELSE 0 END) AS sharing,
      SUM(CASE WHEN e.type IN ('view', 'helpful', 'attach', 'flag_outdated') THEN 1 ELSE 0 END) AS participating,
      COUNT(DISTINCT e.actor_id) AS people
    FROM usage_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.at >= ${from} AND e.at < ${to} GROUP BY u.team`.execute(db);
  for (const r of engagement.rows) {
    const a = acc(r.team);
    a.sharing += num(r.sharing);
    a.participating += num(r.participating);
    a.activePeople += num(r.people);
  }

  // Contributing: items published in the period, weighted by each author's share, per day.
  console.log('q6', (performance.now() - T0).toFixed(0)); const contributions = await sql<{ team: string | null; day: string; weight: unknown }>`
    SELECT u.team, substr(c.published_at, 1, 10) AS day, SUM(a.share) AS weight
    FROM content_authors a JOIN content_items c ON c.id = a.content_id LEFT JOIN users u ON u.id = a.user_id
    WHERE c.status IN ('published', 'archived') AND c.published_at >= ${from} AND c.published_at < ${to}
    GROUP BY u.team, substr(c.published_at, 1, 10)`.execute(db);
  for (const r of contributions.rows) {
    const a = acc(r.team);
    const w = num(r.weight);
    a.contributing += w;
    if (inQuarterEnd(new Date(`${r.day}T00:00:00Z`))) a.contribLast += w;
    else a.contribRest += w;
  }

  // Won-deal influence of each team's items (deals closed in the period).
  console.log('q7', (performance.now() - T0).toFixed(0)); const influence = await wonInfluence(db, { closedFrom: from, closedTo: to });
  const itemIds = [...new Set(influence.map((r) => r.contentId))];
  const itemInfo = new Map<string, { title: string; ownerId: string; team: string | null }>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom('content_items as c')
      .leftJoin('users as u', 'u.id', 'c.owner_id')
      .select(['c.id', 'c.title', 'c.owner_id', 'u.team'])
      .where('c.id', 'in', itemIds.slice(i, i + 500))
      .execute();
    for (const r of rows) itemInfo.set(r.id, { title: r.title, ownerId: r.owner_id, team: r.team });
  }
  const perItem = new Map<string, Map<string, number>>();
  for (const r of influence) {
    const info = itemInfo.get(r.contentId);
    if (!info || !inScope(scope, info.team)) continue;
    const a = acc(info.team);
    a.influenced.add(r.contentId);
    a.influencedDeals.set(r.opportunityId, r.amount);
    const deals = perItem.get(r.contentId) ?? new Map<string, number>();
    deals.set(r.opportunityId, r.amount);
    perItem.set(r.contentId, deals);
  }
  console.log('q8', (performance.now() - T0).toFixed(0)); const won = await sql<{ n: unknown; amount: unknown }>`
    SELECT COUNT(*) AS n, SUM(o.amount) AS amount FROM opportunities o LEFT JOIN users u ON u.id = o.owner_id
    WHERE o.is_won = 1 AND o.close_date >= ${from.slice(0, 10)} AND o.close_date < ${to.slice(0, 10)}
    ${scope.teams ? sql`AND u.team IN ${sqlList(scope.teams)}` : sql``}`.execute(db);

  console.log('end', (performance.now() - T0).toFixed(0));
  const days = dayCounts(from, to);
  const scoped = [...teams].filter(([team]) => inScope(scope, team));
  const total = emptyAcc();
  for (const [, a] of scoped) {
    for (const k of ['publishedItems', 'reusedItems', 'publishedInPeriod', 'openOpportunities', 'openWithAttachment', 'crossTeamItems', 'crossTeamUses', 'sharing', 'participating', 'contributing', 'activePeople', 'contribLast', 'contribRest'] as const) total[k] += a[k];
    total.daysToReuse.push(...a.daysToReuse);
    for (const id of a.influenced) total.influenced.add(id);
    for (const [id, amount] of a.influencedDeals) total.influencedDeals.set(id, amount);
  }
  const overall = figures(null, total, days);
  return {
    from,
    to,
    overall,
    teams: scoped.filter(([team]) => team !== null).map(([team, a]) => figures(team, a, days)).sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '')),
    influence: {
      wonDeals: num(won.rows[0]?.n),
      wonAmount: num(won.rows[0]?.amount),
      influencedDeals: overall.influencedWonDeals,
      influencedAmount: overall.influencedWonAmount,
      topItems: [...perItem]
        .map(([id, deals]) => {
          const info = itemInfo.get(id) as { title: string; ownerId: string; team: string | null };
          return { id, title: info.title, ownerId: info.ownerId, team: info.team, wonDeals: deals.size, wonAmount: [...deals.values()].reduce((s, v) => s + v, 0) };
        })
        .sort((a, b) => b.wonAmount - a.wonAmount || a.id.localeCompare(b.id))
        .slice(0, 20),
    },
  };
}
