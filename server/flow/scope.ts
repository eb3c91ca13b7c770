import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/schema';
import { Forbidden } from '../errors';

/** Whose figures a report covers: some teams (null: everyone's) or one owner's own items. */
export interface FlowScope {
  teams: string[] | null;
  ownerId?: string;
}

/**
 * Leaders see their teams' figures, admins everyone's (or one team's); anyone may see the health
 * of the items they own (`mine`). Everyone else is refused.
 */
export function flowScope(actor: Actor, options: { team?: string; mine?: boolean }): FlowScope {
  if (options.mine) return { teams: null, ownerId: actor.id };
  if (actor.role === 'admin') return { teams: options.team ? [options.team] : null };
  if (actor.role === 'leader') {
    if (options.team && !actor.leadsTeams.includes(options.team)) throw new Forbidden('Leaders see the figures of the teams they lead');
    return { teams: options.team ? [options.team] : actor.leadsTeams };
  }
  throw new Forbidden('Knowledge-flow reports are for leaders and admins');
}

export function inScope(scope: FlowScope, team: string | null | undefined): boolean {
  return scope.teams === null || (!!team && scope.teams.includes(team));
}

/** `(a, b, c)` for an IN clause; never empty (an empty list matches nothing). */
export function sqlList(values: readonly string[]): RawBuilder<unknown> {
  return values.length ? sql`(${sql.join(values.map((v) => sql`${v}`))})` : sql`(NULL)`;
}

/** Event types that count as reuse of someone else's item (views are use, not reuse). */
export const REUSE_TYPES = ['attach', 'derive', 'helpful', 'share_internal', 'share_external'] as const;
/** Event types that count as using an item at all (reach across teams). */
export const USE_TYPES = ['view', 'attach', 'derive', 'helpful', 'share_internal', 'share_external'] as const;
/** Uses that are not reuse: among USE_TYPES, `NOT IN` these is `IN REUSE_TYPES` with fewer comparisons. */
export const USES_NOT_REUSE: readonly string[] = USE_TYPES.filter((t) => !(REUSE_TYPES as readonly string[]).includes(t));

/** The event was by someone other than the item's owner and authors (`e` events, `c` items). */
export const byOthers = sql`e.actor_id <> c.owner_id AND NOT EXISTS (SELECT 1 FROM content_authors a WHERE a.content_id = e.content_id AND a.user_id = e.actor_id)`;

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const round = (n: number, digits = 4): number => Math.round(n * 10 ** digits) / 10 ** digits;
export const ratio = (a: number, b: number): number | null => (b ? round(a / b) : null);
