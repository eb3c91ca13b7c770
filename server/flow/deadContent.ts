import { sql } from 'kysely';
import type { Visibility } from '../content/schema';
import { json, type Db } from '../db/database';
import type { DEAD_REASONS, DeadContentQuery, DeadContentReport } from './schema';
import { byOthers, num, sqlList, type FlowScope } from './scope';

/** A team this small behind a single-team visibility means hardly anyone can find the item. */
export const SMALL_TEAM = 3;
/** Confidential items shared with this many named people or fewer. */
export const FEW_USERS = 2;
const DAY = 86_400_000;

type Reason = (typeof DEAD_REASONS)[number];

/**
 * Dead and stale content: published items nobody else used in `days`, never returned by a search,
 * restricted to a handful of people, or past verification or expiry. One SQL pass over the
 * published items (each "used" check is an index probe on usage_events(content_id, at)).
 */
export async function deadContent(db: Db, scope: FlowScope, query: DeadContentQuery, now: Date): Promise<DeadContentReport> {
  const since = new Date(now.getTime() - query.days * DAY).toISOString();
  const where = [sql`c.status = 'published'`];
  if (scope.ownerId) where.push(sql`c.owner_id = ${scope.ownerId}`);
  if (scope.teams) where.push(sql`u.team IN ${sqlList(scope.teams)}`);
  const { rows } = await sql<{
    id: string; title: string; owner_id: string; owner_name: string | null; team: string | null; visibility: string;
    verified_at: string | null; verify_every_days: number | null; expires_at: string | null; published_at: string | null; used: unknown; found: unknown;
  }>`
    SELECT c.id, c.title, c.owner_id, u.name AS owner_name, u.team, c.visibility, c.verified_at, c.verify_every_days, c.expires_at, c.published_at,
      CASE WHEN EXISTS (SELECT 1 FROM usage_events e WHERE e.content_id = c.id AND e.at >= ${since} AND e.type IN ('view', 'attach', 'derive') AND ${byOthers}) THEN 1 ELSE 0 END AS used,
      CASE WHEN EXISTS (SELECT 1 FROM content_search_hits h WHERE h.content_id = c.id) THEN 1 ELSE 0 END AS found
    FROM content_items c LEFT JOIN users u ON u.id = c.owner_id
    WHERE ${sql.join(where, sql` AND `)}`.execute(db);

  const teamSizes = new Map<string, number>();
  for (const r of await db.selectFrom('users').select(['team', (eb) => eb.fn.countAll().as('n')]).where('active', '=', 1).groupBy('team').execute()) teamSizes.set(r.team, num(r.n));

  const totals = { items: 0, unused: 0, never_found: 0, restricted: 0, verification_overdue: 0, expired: 0, archiveSuggestions: 0 };
  const owners = new Map<string, DeadContentReport['owners'][number]>();
  const teams = new Map<string | null, number>();
  for (const r of rows) {
    const reasons: Reason[] = [];
    // An item published within the window has not had its chance yet.
    if (!num(r.used) && (!r.published_at || r.published_at < since)) reasons.push('unused');
    if (!num(r.found)) reasons.push('never_found');
    const visibility = json.read<Visibility>(r.visibility, { scope: 'everyone' });
    if (
      (visibility.scope === 'confidential' && visibility.users.length <= FEW_USERS) ||
      (visibility.scope === 'teams' && visibility.teams.length === 1 && (teamSizes.get(visibility.teams[0] as string) ?? 0) <= SMALL_TEAM)
    ) reasons.push('restricted');
    const verifiedFrom = r.verified_at ?? r.published_at;
    if (r.verify_every_days && verifiedFrom && Date.parse(verifiedFrom) + r.verify_every_days * DAY < now.getTime()) reasons.push('verification_overdue');
    if (r.expires_at && Date.parse(r.expires_at) <= now.getTime()) reasons.push('expired');
    if (!reasons.length) continue;

    // Unused and either unfindable or expired: worth suggesting (never doing) an archive.
    const suggestArchive = reasons.includes('unused') && (reasons.includes('never_found') || reasons.includes('expired'));
    const path = `/api/content/${encodeURIComponent(r.id)}`;
    const actions: DeadContentReport['owners'][number]['items'][number]['actions'] = [];
    if (reasons.includes('verification_overdue') || reasons.includes('expired')) actions.push({ action: 'verify', method: 'POST', path: `${path}/verify` });
    if (reasons.includes('restricted')) actions.push({ action: 'widen_visibility', method: 'PATCH', path });
    if (reasons.includes('unused') || reasons.includes('expired')) actions.push({ action: 'archive', method: 'POST', path: `${path}/archive` });

    totals.items++;
    for (const reason of reasons) totals[reason]++;
    if (suggestArchive) totals.archiveSuggestions++;
    teams.set(r.team, (teams.get(r.team) ?? 0) + 1);
    const owner = owners.get(r.owner_id) ?? { ownerId: r.owner_id, ownerName: r.owner_name ?? r.owner_id, team: r.team, count: 0, items: [] };
    owner.count++;
    if (owner.items.length < query.limit) owner.items.push({ id: r.id, title: r.title, publishedAt: r.published_at, visibility: visibility.scope, reasons, suggestArchive, actions });
    owners.set(r.owner_id, owner);
  }
  return {
    days: query.days,
    generatedAt: now.toISOString(),
    totals,
    teams: [...teams].map(([team, items]) => ({ team, items })).sort((a, b) => b.items - a.items),
    owners: [...owners.values()].sort((a, b) => b.count - a.count || a.ownerId.localeCompare(b.ownerId)),
  };
}
