import { sql } from 'kysely';
import type { ReadPolicy } from '../auth/readPolicy';
import type { Actor } from '../auth/schema';
import type { UserStore } from '../auth/store';
import type { Db } from '../db/database';
import { Forbidden, NotFound } from '../errors';
import { IN_CHUNK } from '../content/store';
import { csvCell, leaderboardCsv } from './leaderboardCsv';
import { periodOf, trendQuarters, type Period } from './period';
import { CreditPolicyRules } from './policy';
import { statementDigest } from './proof';
import { creditRule } from './ruleText';
import type { Leaderboard, PeriodQuery, SignedCheckpoint, Statement, TeamPeriodQuery } from './schema';

export { periodOf, type Period };

export function createStatements(deps: {
  db: Db;
  users: UserStore;
  clock: () => Date;
  /** What the reader may see of the items and deals behind the lines. */
  readPolicy?: ReadPolicy;
  /** A signed checkpoint covering the whole ledger as it is now (signed on demand when none does). */
  covering: () => Promise<SignedCheckpoint>;
  sign: (statement: Omit<Statement, 'proof'>, checkpoint: SignedCheckpoint) => Statement;
}) {
  const { db, users } = deps;

  /** Teams whose people the actor may see in aggregates: null means everyone (admins). */
  function visibleTeams(actor: Actor, purpose: 'leaderboard' | 'export'): string[] | null {
    if (actor.role === 'admin') return null;
    if (purpose === 'export') {
      if (actor.role !== 'leader') throw new Forbidden('Only leaders and admins export credits');
      return actor.leadsTeams;
    }
    return actor.role === 'leader' ? [...new Set([actor.team, ...actor.leadsTeams])] : [actor.team];
  }

  function teamsFor(actor: Actor, purpose: 'leaderboard' | 'export', team: string | undefined): string[] | null {
    const visible = visibleTeams(actor, purpose);
    if (team === undefined) return visible;
    if (visible !== null && !visible.includes(team)) throw new Forbidden(`You may not see credits of team ${team}`);
    return [team];
  }

  /**
   * The people a team-scoped aggregate reads, in chunks for IN lists (null: everyone). A team's
   * entries are asked for by these ids, which the ledger's (user_id, at) index answers: SQLite's
   * team leaderboard over 1,000,000 events fell from ~730 to ~470 ms. (PostgreSQL still scans the
   * period when it expects many rows; there the one-read trend below is what saved time.) A person
   * counts in their current team, as the leaderboard groups them.
   */
  async function memberChunks(teams: string[] | null): Promise<(string[] | null)[]> {
    if (teams === null) return [null];
    if (teams.length === 0) return [];
    const ids = (await db.selectFrom('users').select('id').where('team', 'in', teams).orderBy('id').execute()).map((r) => r.id);
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) chunks.push(ids.slice(i, i + IN_CHUNK));
    return chunks;
  }

  async function aggregate(period: Period, teams: string[] | null) {
    const out = new Map<string, { milliPoints: number; items: number; reusedBy: number }>();
    for (const members of await memberChunks(teams)) {
      let q = db
        .selectFrom('credit_entries as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select((eb) => [
          'e.user_id as userId',
          eb.fn.sum<number>('e.milli_points').as('milliPoints'),
          sql<number>`count(distinct e.content_id)`.as('items'),
          sql<number>`count(distinct case when e.actor_id <> e.user_id then e.actor_id end)`.as('reusedBy'),
        ])
        .where('e.at', '>=', period.start)
        .where('e.at', '<', period.end)
        .groupBy('e.user_id');
      if (members !== null) q = q.where('e.user_id', 'in', members);
      for (const r of await q.execute())
        out.set(r.userId, { milliPoints: Number(r.milliPoints), items: Number(r.items), reusedBy: Number(r.reusedBy) });
    }
    return out;
  }

  /**
   * Engagement per person in the period: sharing (share events they made), participating (views,
   * helpful marks, attachments, outdated flags they made), contributing (items they published,
   * weighted by their credit share); and raw views of their items by others.
   */
  async function engagementOf(userIds: string[], period: Period) {
    const out = new Map(userIds.map((id) => [id, { views: 0, engagement: { sharing: 0, participating: 0, contributing: 0 } }]));
    for (let i = 0; i < userIds.length; i += 500) {
      const chunk = userIds.slice(i, i + 500);
      const acted = await db
        .selectFrom('usage_events')
        .select(['actor_id', 'type', (eb) => eb.fn.countAll<number>().as('n')])
        .where('actor_id', 'in', chunk)
        .where('at', '>=', period.start)
        .where('at', '<', period.end)
        .groupBy(['actor_id', 'type'])
        .execute();
      for (const r of acted) {
        const e = out.get(r.actor_id)!.engagement;
        if (r.type === 'share_internal' || r.type === 'share_external') e.sharing += Number(r.n);
        else if (r.type !== 'derive') e.participating += Number(r.n);
      }
      const authored = await db
        .selectFrom('content_authors as a')
        .innerJoin('content_items as c', 'c.id', 'a.content_id')
        .select(['a.user_id', (eb) => eb.fn.sum<number>('a.share').as('s')])
        .where('a.user_id', 'in', chunk)
        .where('c.published_at', '>=', period.start)
        .where('c.published_at', '<', period.end)
        .groupBy('a.user_id')
        .execute();
      for (const r of authored) out.get(r.user_id)!.engagement.contributing = Math.round(Number(r.s) * 100) / 100;
      const viewed = await db
        .selectFrom('usage_events as ev')
        .innerJoin('content_authors as a', 'a.content_id', 'ev.content_id')
        .select(['a.user_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('a.user_id', 'in', chunk)
        .where('ev.type', '=', 'view')
        .whereRef('ev.actor_id', '<>', 'a.user_id')
        .where('ev.at', '>=', period.start)
        .where('ev.at', '<', period.end)
        .groupBy('a.user_id')
        .execute();
      for (const r of viewed) out.get(r.user_id)!.views = Number(r.n);
    }
    return out;
  }

  /**
   * Milli-points per quarter, per person and per team, within the same teams as the leaderboard
   * (a person's current team, as the leaderboard groups them): nobody outside them is counted.
   */
  async function quarterTotals(quarters: { start: string; end: string }[], teams: string[] | null) {
    const byUser = new Map<string, number[]>();
    const byTeam = new Map<string, number[]>((teams ?? []).map((t) => [t, quarters.map(() => 0)]));
    if (quarters.length === 0) return { byUser, byTeam };
    // One read over the whole trend, each entry bucketed by its quarter (they follow each other
    // without gaps), instead of one read per quarter: on PostgreSQL each read scanned the ledger.
    const buckets = quarters.slice(1).map((q, i) => sql`when e.at < ${q.start} then ${sql.lit(i)}`);
    const quarter = sql<number>`case ${sql.join(buckets, sql` `)} else ${sql.lit(quarters.length - 1)} end`;
    for (const members of await memberChunks(teams)) {
      let query = db
        .selectFrom('credit_entries as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select((eb) => [
          'e.user_id as userId',
          'u.team as team',
          quarter.as('quarter'),
          eb.fn.sum<number>('e.milli_points').as('milliPoints'),
        ])
        .where('e.at', '>=', quarters[0]!.start)
        .where('e.at', '<', quarters[quarters.length - 1]!.end)
        .groupBy(['e.user_id', 'u.team', sql.ref('quarter')]);
      if (members !== null) query = query.where('e.user_id', 'in', members);
      for (const r of await query.execute()) {
        const i = Number(r.quarter);
        const points = Number(r.milliPoints);
        const user = byUser.get(r.userId) ?? quarters.map(() => 0);
        user[i]! += points;
        byUser.set(r.userId, user);
        const team = byTeam.get(r.team) ?? quarters.map(() => 0);
        team[i]! += points;
        byTeam.set(r.team, team);
      }
    }
    return { byUser, byTeam };
  }

  const api = {
    /**
     * Every entry crediting one person in a period, up to the checkpoint it cites, with a digest
     * that depends on the ledger only and a signature a recipient can check offline.
     */
    async statement(actor: Actor, userId: string, query: PeriodQuery): Promise<Statement> {
      if (actor.id !== userId && (actor.role === 'rep' || actor.role === 'author'))
        throw new Forbidden('You may only see your own credit statement');
      const target = await users.get(userId);
      if (!target) throw new NotFound('User');
      const mayRead = actor.id === userId || actor.role === 'admin' || (actor.role === 'leader' && actor.leadsTeams.includes(target.team));
      if (!mayRead) throw new Forbidden('You may see statements of people in the teams you lead');
      const period = periodOf(query, deps.clock());
      // The checkpoint first, then the lines up to its seq: the statement is exactly what the
      // ledger held at that signed head, even while entries are being appended.
      const checkpoint = await deps.covering();
      const rows = await db
        .selectFrom('credit_entries as e')
        .leftJoin('content_items as c', 'c.id', 'e.content_id')
        .leftJoin('opportunities as o', 'o.id', 'e.opportunity_id')
        .leftJoin('users as a', 'a.id', 'e.actor_id')
        .select([
          'e.id',
          'e.seq',
          'e.event_id',
          'e.type',
          'e.content_id',
          'c.title',
          'e.opportunity_id',
          'o.name as opportunity_name',
          'e.actor_id',
          'a.name as actor_name',
          'e.share',
          'e.milli_points',
          'e.policy_version',
          'e.at',
        ])
        .where('e.user_id', '=', userId)
        .where('e.at', '>=', period.start)
        .where('e.at', '<', period.end)
        .where('e.seq', '<=', checkpoint.seq)
        .orderBy('e.seq')
        .execute();
      const versions = [...new Set(rows.map((r) => Number(r.policy_version)))].sort((a, b) => a - b);
      const rulesByVersion = new Map<number, CreditPolicyRules>();
      if (versions.length) {
        for (const p of await db.selectFrom('credit_policies').select(['version', 'rules']).where('version', 'in', versions).execute()) {
          const parsed = CreditPolicyRules.safeParse(JSON.parse(p.rules));
          // A policy that no longer parses still explains its lines in general words.
          if (parsed.success) rulesByVersion.set(Number(p.version), parsed.data);
        }
      }
      const lines = rows.map((r) => ({
        entryId: Number(r.id),
        seq: Number(r.seq),
        eventId: r.event_id,
        type: r.type,
        contentId: r.content_id,
        contentTitle: r.title ?? null,
        opportunityId: r.opportunity_id,
        opportunityName: r.opportunity_name ?? null,
        actorName: r.actor_id === userId ? target.name : (r.actor_name ?? null),
        rule: creditRule(r.type, Number(r.policy_version), rulesByVersion.get(Number(r.policy_version))),
        share: Number(r.share),
        milliPoints: Number(r.milli_points),
        at: r.at,
      }));
      // The reader sees the points of every line, but only the items and deals the read policy lets
      // them see (a leader reading a statement of someone on a confidential item or another team's
      // deal). The digest stays the ledger's (the same for every reader); the signature covers the
      // lines as shown, and `hiddenLines` says which ones were redacted for this reader. Who acted
      // is hidden with the item or deal: naming the person who opened a hidden item, or attached
      // it to a hidden deal, would tell the reader about an object they may not see.
      const open = deps.readPolicy ? await deps.readPolicy.openableItems(actor, [...new Set(lines.map((l) => l.contentId))]) : null;
      const deals = deps.readPolicy
        ? await deps.readPolicy.dealAccess(
            actor,
            lines.flatMap((l) => (l.opportunityId ? [l.opportunityId] : [])),
          )
        : null;
      const shown = lines.map((l) => {
        const itemShown = !open || open.has(l.contentId);
        const dealShown = !l.opportunityId || !deals || !!deals.get(l.opportunityId)?.visible;
        return {
          ...l,
          contentId: itemShown ? l.contentId : null,
          contentTitle: itemShown ? l.contentTitle : null,
          opportunityId: dealShown ? l.opportunityId : null,
          opportunityName: dealShown ? l.opportunityName : null,
          actorName: itemShown && dealShown ? l.actorName : null,
        };
      });
      const hiddenLines = shown.flatMap((l, i) =>
        l.contentId !== lines[i]?.contentId || l.opportunityId !== lines[i]?.opportunityId ? [i] : [],
      );
      return deps.sign(
        {
          userId,
          name: target.name,
          team: target.team,
          from: period.from,
          to: period.to,
          policyVersions: versions,
          totalMilliPoints: lines.reduce((sum, l) => sum + l.milliPoints, 0),
          lines: shown,
          hiddenLines,
          digest: statementDigest(userId, period, lines),
        },
        checkpoint,
      );
    },

    /** People with credit in the period, most first; reps and authors see their own team. */
    async leaderboard(actor: Actor, query: TeamPeriodQuery): Promise<Leaderboard> {
      const teams = teamsFor(actor, 'leaderboard', query.team);
      const now = deps.clock();
      const period = periodOf(query, now);
      const totals = await aggregate(period, teams);
      const people = await users.getMany([...totals.keys()]);
      const engaged = await engagementOf([...totals.keys()], period);
      const quarters = trendQuarters(period, now);
      const trends = await quarterTotals(quarters, teams);
      const zeros = quarters.map(() => 0);
      const rows = [...totals.entries()].map(([userId, t]) => ({
        userId,
        name: people.get(userId)?.name ?? userId,
        team: people.get(userId)?.team ?? '',
        ...t,
        ...engaged.get(userId)!,
        trend: trends.byUser.get(userId) ?? zeros,
      }));
      rows.sort((a, b) => b.milliPoints - a.milliPoints || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
      const teamTrends = [...trends.byTeam.entries()]
        .map(([team, trend]) => ({ team, trend }))
        .sort((a, b) => a.team.localeCompare(b.team));
      return {
        from: period.from,
        to: period.to,
        quarters: quarters.map(({ label, from, to, partial }) => ({ label, from, to, partial })),
        rows,
        teams: teamTrends,
      };
    },

    /** The leaderboard as CSV (server/credits/leaderboardCsv.ts): the screen's columns and rows. */
    async leaderboardCsv(actor: Actor, query: TeamPeriodQuery): Promise<string> {
      // Export is for leaders and admins (commission plans); the leaderboard itself is wider.
      teamsFor(actor, 'export', query.team);
      return leaderboardCsv(await api.leaderboard(actor, query));
    },

    /** One CSV row per person in scope (with or without credit), with user ids and milli-points, for commission tools. */
    async exportCsv(actor: Actor, query: TeamPeriodQuery): Promise<string> {
      const teams = teamsFor(actor, 'export', query.team);
      const period = periodOf(query, deps.clock());
      const totals = await aggregate(period, teams);
      let versionsQuery = db
        .selectFrom('credit_entries as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select(['e.user_id', 'e.policy_version'])
        .distinct()
        .where('e.at', '>=', period.start)
        .where('e.at', '<', period.end);
      if (teams !== null)
        versionsQuery = teams.length === 0 ? versionsQuery.where(sql<boolean>`1 = 0`) : versionsQuery.where('u.team', 'in', teams);
      const versions = new Map<string, number[]>();
      for (const r of await versionsQuery.execute())
        versions.set(r.user_id, [...(versions.get(r.user_id) ?? []), Number(r.policy_version)]);
      const people = (await users.list()).filter(
        (u) => !u.integration && (teams === null || teams.includes(u.team)) && (u.active || totals.has(u.id)),
      );
      people.sort((a, b) => a.team.localeCompare(b.team) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      const header = ['userId', 'name', 'team', 'from', 'to', 'milliPoints', 'points', 'items', 'reusedBy', 'policyVersions'];
      const lines = [header.join(',')];
      for (const u of people) {
        const t = totals.get(u.id) ?? { milliPoints: 0, items: 0, reusedBy: 0 };
        const pv = (versions.get(u.id) ?? []).sort((a, b) => a - b).join(';');
        lines.push(
          [u.id, u.name, u.team, period.from, period.to, t.milliPoints, t.milliPoints / 1000, t.items, t.reusedBy, pv]
            .map(csvCell)
            .join(','),
        );
      }
      return lines.join('\r\n') + '\r\n';
    },
  };
  return api;
}
