import { sql } from 'kysely';
import type { Db } from '../db/database';
import { sqlList } from './scope';

export interface InfluenceRow {
  contentId: string;
  ownerId: string;
  opportunityId: string;
  opportunityName: string;
  amount: number;
}

/**
 * Which items influenced which won deals: attached to the deal, or viewed by its owner while it
 * was open (between its creation and the end of its close date). Computed from events (and the
 * refreshed event facts) and opportunities, so it needs no ledger; `closedFrom`/`closedTo` bound the close date,
 * `contentIds` the items.
 */
export async function wonInfluence(db: Db, options: { closedFrom?: string; closedTo?: string; contentIds?: string[] }): Promise<InfluenceRow[]> {
  const won = [sql`o.is_won = 1`];
  if (options.closedFrom) won.push(sql`o.close_date >= ${options.closedFrom.slice(0, 10)}`);
  if (options.closedTo) won.push(sql`o.close_date < ${options.closedTo.slice(0, 10)}`);
  const wonWhere = sql.join(won, sql` AND `);
  const ids = options.contentIds;
  const items = (alias: 'e' | 'f') => (ids ? sql`AND ${sql.ref(`${alias}.content_id`)} IN ${sqlList(ids)}` : sql``);
  // From the won deals to their events (popular items have far more events than deals have).
  // CROSS JOIN fixes that order for SQLite's planner (without statistics it otherwise scans every
  // event); PostgreSQL plans it as the inner join it is. Views come from the event facts, whose
  // (actor_id, type, at, content_id) index answers each deal owner's window without table reads.
  const { rows } = await sql<{ content_id: string; owner_id: string; opportunity_id: string; name: string; amount: number | null }>`
    SELECT x.content_id, c.owner_id, o.id AS opportunity_id, o.name, o.amount FROM (
      SELECT e.content_id, o.id AS opp FROM opportunities o CROSS JOIN usage_events e
        WHERE e.opportunity_id = o.id AND ${wonWhere} AND e.type = 'attach' ${items('e')}
      UNION
      SELECT f.content_id, o.id AS opp FROM opportunities o CROSS JOIN flow_event_facts f
        WHERE f.actor_id = o.owner_id AND ${wonWhere} AND f.type = 'view' AND f.at >= o.created_at AND f.at <= o.close_date || 'T23:59:59.999Z' ${items('f')}
    ) x JOIN opportunities o ON o.id = x.opp JOIN content_items c ON c.id = x.content_id`.execute(db);
  return rows.map((r) => ({ contentId: r.content_id, ownerId: r.owner_id, opportunityId: r.opportunity_id, opportunityName: r.name, amount: Number(r.amount ?? 0) }));
}
