import { sql } from 'kysely';
import type { Db } from '../db/database';
import { sqlList } from './scope';

export interface InfluenceRow {
  contentId: string;
  opportunityId: string;
  opportunityName: string;
  amount: number;
}

/**
 * Which items influenced which won deals: attached to the deal, or viewed by its owner while it
 * was open (between its creation and the end of its close date). Computed from events and
 * opportunities, so it needs no ledger; `closedFrom`/`closedTo` bound the close date,
 * `contentIds` the items.
 */
export async function wonInfluence(db: Db, options: { closedFrom?: string; closedTo?: string; contentIds?: string[] }): Promise<InfluenceRow[]> {
  const won = [sql`o.is_won = 1`];
  if (options.closedFrom) won.push(sql`o.close_date >= ${options.closedFrom.slice(0, 10)}`);
  if (options.closedTo) won.push(sql`o.close_date < ${options.closedTo.slice(0, 10)}`);
  const wonWhere = sql.join(won, sql` AND `);
  const items = options.contentIds ? sql`AND e.content_id IN ${sqlList(options.contentIds)}` : sql``;
  // CROSS JOIN keeps SQLite's planner on the won deals first (without statistics it otherwise
  // scans every event); PostgreSQL plans it as the inner join it is.
  const { rows } = await sql<{ content_id: string; opportunity_id: string; name: string; amount: number | null }>`
    SELECT x.content_id, o.id AS opportunity_id, o.name, o.amount FROM (
      SELECT e.content_id, o.id AS opp FROM opportunities o CROSS JOIN usage_events e
        WHERE e.opportunity_id = o.id AND ${wonWhere} AND e.type = 'attach' ${items}
      UNION
      SELECT e.content_id, o.id AS opp FROM opportunities o CROSS JOIN usage_events e
        WHERE e.actor_id = o.owner_id AND ${wonWhere} AND e.type = 'view' AND e.at >= o.created_at AND e.at <= o.close_date || 'T23:59:59.999Z' ${items}
    ) x JOIN opportunities o ON o.id = x.opp`.execute(db);
  return rows.map((r) => ({ contentId: r.content_id, opportunityId: r.opportunity_id, opportunityName: r.name, amount: Number(r.amount ?? 0) }));
}
