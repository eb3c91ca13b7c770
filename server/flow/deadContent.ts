import { sql } from 'kysely';
import type { Visibility } from '../content/schema';
import { json, type Db } from '../db/database';
import { DEAD_REASONS, type DeadContentQuery, type DeadContentReport } from './schema';
import { num, sqlList, type FlowScope } from './scope';

/** A team this small behind a single-team visibility means hardly anyone can find the item. */
export const SMALL_TEAM = 3;
/** Confidential items shared with this many named people or fewer. */
export const FEW_USERS = 2;
const DAY = 86_400_000;

/**
 * Dead and stale content: published items nobody else used in `days`, never returned by a search,
 * restricted to a handful of people, or past verification or expiry. One SQL pass over the
 * published items joined to their precomputed stats (server/flow/facts.ts, refreshed by the caller);
 * counts and totals come from window functions, so only the listed items reach JavaScript.
 */
export async function deadContent(
  db: Db,
  scope: FlowScope,
  query: DeadContentQuery,
  now: Date,
  viewer: { mayOpen: ((ids: string[]) => Promise<Set<string>>) | null },
): Promise<DeadContentReport> {
  const since = new Date(now.getTime() - query.days * DAY).toISOString();
  const where = [sql`c.status = 'published'`];
  if (scope.ownerId) where.push(sql`c.owner_id = ${scope.ownerId}`);
  if (scope.teams) where.push(sql`c.owner_id IN (SELECT id FROM users WHERE team IN ${sqlList(scope.teams)})`);
  // Items the viewer may not open are neither listed nor counted. Only items not visible to
  // everyone can be hidden, so only those are put to the read policy (server/auth/policy.ts).
  if (viewer.mayOpen) {
    const { rows: restricted } = await sql<{ id: string }>`
      SELECT c.id FROM content_items c WHERE ${sql.join(where, sql` AND `)} AND c.visibility <> ${JSON.stringify({ scope: 'everyone' })}`.execute(
      db,
    );
    const open = await viewer.mayOpen(restricted.map((r) => r.id));
    const hidden = restricted.map((r) => r.id).filter((id) => !open.has(id));
    if (hidden.length) where.push(sql`c.id NOT IN ${sqlList(hidden)}`);
  }

  const people = new Map((await db.selectFrom('users').select(['id', 'name', 'team', 'active']).execute()).map((u) => [u.id, u]));
  const teamSizes = new Map<string, number>();
  for (const u of people.values()) if (u.active) teamSizes.set(u.team, (teamSizes.get(u.team) ?? 0) + 1);
  // Visibility is stored as JSON text written by one serialiser: a single small team is an exact match.
  const smallTeams = [...teamSizes].filter(([, n]) => n <= SMALL_TEAM).map(([team]) => JSON.stringify({ scope: 'teams', teams: [team] }));
  // "Past verification" per verification interval in use, so SQL compares text timestamps only.
  const intervals = await db
    .selectFrom('content_items')
    .select('verify_every_days')
    .distinct()
    .where('verify_every_days', 'is not', null)
    .execute();
  const overdue = intervals.length
    ? sql.join(
        intervals.map(
          ({ verify_every_days: d }) =>
            sql`(c.verify_every_days = ${d} AND COALESCE(c.verified_at, c.published_at) < ${new Date(now.getTime() - num(d) * DAY).toISOString()})`,
        ),
        sql` OR `,
      )
    : sql`1 = 0`;
  const flags = sql`f.unused + f.never_found + f.restricted + f.verification_overdue + f.expired`;

  // Flags per item, the owner's count and the overall totals by window functions, and only the
  // first `limit` items per owner leave the database.
  const { rows } = await sql<{
    id: string;
    title: string;
    owner_id: string;
    visibility: string;
    published_at: string | null;
    unused: unknown;
    never_found: unknown;
    restricted: unknown;
    verification_overdue: unknown;
    expired: unknown;
    owner_count: unknown;
    t_items: unknown;
    t_unused: unknown;
    t_never_found: unknown;
    t_restricted: unknown;
    t_overdue: unknown;
    t_expired: unknown;
    t_archive: unknown;
  }>`
    WITH flagged AS (
      SELECT c.id, c.title, c.owner_id, c.visibility, c.published_at,
        CASE WHEN (s.last_use_at IS NULL OR s.last_use_at < ${since}) AND (c.published_at IS NULL OR c.published_at < ${since}) THEN 1 ELSE 0 END AS unused,
        CASE WHEN h.content_id IS NULL THEN 1 ELSE 0 END AS never_found,
        CASE WHEN (c.visibility LIKE ${'{"scope":"confidential"%'} AND length(c.visibility) - length(replace(c.visibility, ',', '')) <= ${FEW_USERS})
          OR c.visibility IN ${sqlList(smallTeams)} THEN 1 ELSE 0 END AS restricted,
        CASE WHEN ${overdue} THEN 1 ELSE 0 END AS verification_overdue,
        CASE WHEN c.expires_at IS NOT NULL AND c.expires_at <= ${now.toISOString()} THEN 1 ELSE 0 END AS expired
      FROM content_items c
        LEFT JOIN flow_item_stats s ON s.content_id = c.id
        LEFT JOIN content_search_hits h ON h.content_id = c.id
      WHERE ${sql.join(where, sql` AND `)}
    ), listed AS (
      SELECT f.*,
        ROW_NUMBER() OVER (PARTITION BY f.owner_id ORDER BY ${flags} DESC, f.published_at, f.id) AS rn,
        COUNT(*) OVER (PARTITION BY f.owner_id) AS owner_count,
        COUNT(*) OVER () AS t_items, SUM(f.unused) OVER () AS t_unused, SUM(f.never_found) OVER () AS t_never_found,
        SUM(f.restricted) OVER () AS t_restricted, SUM(f.verification_overdue) OVER () AS t_overdue, SUM(f.expired) OVER () AS t_expired,
        SUM(CASE WHEN f.unused = 1 AND (f.never_found = 1 OR f.expired = 1) THEN 1 ELSE 0 END) OVER () AS t_archive
      FROM flagged f WHERE ${flags} > 0
    )
    SELECT * FROM listed WHERE rn <= ${query.limit} ORDER BY owner_id, rn`.execute(db);

  const first = rows[0];
  const totals = {
    items: num(first?.t_items),
    unused: num(first?.t_unused),
    never_found: num(first?.t_never_found),
    restricted: num(first?.t_restricted),
    verification_overdue: num(first?.t_overdue),
    expired: num(first?.t_expired),
    archiveSuggestions: num(first?.t_archive),
  };
  const owners = new Map<string, DeadContentReport['owners'][number]>();
  for (const r of rows) {
    const reasons = DEAD_REASONS.filter((reason) => num(r[reason]) === 1);
    // Unused and either unfindable or expired: worth suggesting (never doing) an archive.
    const suggestArchive = reasons.includes('unused') && (reasons.includes('never_found') || reasons.includes('expired'));
    const path = `/api/content/${encodeURIComponent(r.id)}`;
    const actions: DeadContentReport['owners'][number]['items'][number]['actions'] = [];
    if (reasons.includes('verification_overdue') || reasons.includes('expired'))
      actions.push({ action: 'verify', method: 'POST', path: `${path}/verify` });
    if (reasons.includes('restricted')) actions.push({ action: 'widen_visibility', method: 'PATCH', path });
    if (reasons.includes('unused') || reasons.includes('expired'))
      actions.push({ action: 'archive', method: 'POST', path: `${path}/archive` });
    // Whatever the reason, someone else may ask the owner to act on it (a notification).
    actions.push({ action: 'nudge_owner', method: 'POST', path: `${path}/nudge` });
    const person = people.get(r.owner_id);
    const owner = owners.get(r.owner_id) ?? {
      ownerId: r.owner_id,
      ownerName: person?.name ?? r.owner_id,
      team: person?.team ?? null,
      count: num(r.owner_count),
      items: [],
    };
    owner.items.push({
      id: r.id,
      title: r.title,
      publishedAt: r.published_at,
      visibility: json.read<Visibility>(r.visibility, { scope: 'everyone' }).scope,
      reasons,
      suggestArchive,
      actions,
    });
    owners.set(r.owner_id, owner);
  }
  const teams = new Map<string | null, number>();
  for (const o of owners.values()) teams.set(o.team, (teams.get(o.team) ?? 0) + o.count);
  return {
    days: query.days,
    generatedAt: now.toISOString(),
    totals,
    teams: [...teams]
      .map(([team, items]) => ({ team, items }))
      .sort((a, b) => b.items - a.items || (a.team ?? '').localeCompare(b.team ?? '')),
    owners: [...owners.values()].sort((a, b) => b.count - a.count || a.ownerId.localeCompare(b.ownerId)),
  };
}
