import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';

/** Migration 0009_flow_influence. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  // Which items influenced which won deals (server/flow/influence.ts), kept by the flow facts
  // refresh so reports read pairs instead of recomputing them from a million events.
  // event_id is the earliest event that tied the item to the deal, owner_team the item
  // owner's team as at that event; close_date and amount are the deal's, copied so a period
  // report needs no join.
  await db.schema
    .createTable('flow_influence')
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('event_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('owner_team', 'text')
    .addColumn('close_date', 'text')
    .addColumn('amount', 'double precision')
    .addPrimaryKeyConstraint('flow_influence_pk', ['opportunity_id', 'content_id'])
    .execute();
  // Deals per team in a period: close_date first, and a deal's rows are adjacent, so the
  // grouping by deal is a stream over a covering range.
  await db.schema
    .createIndex('flow_influence_period')
    .on('flow_influence')
    .columns(['close_date', 'opportunity_id', 'owner_team', 'amount'])
    .execute();
  // Items per team and the top items, grouped by item in index order; and the experts' lookup by item.
  await db.schema
    .createIndex('flow_influence_item')
    .on('flow_influence')
    .columns(['content_id', 'owner_team', 'close_date', 'opportunity_id', 'amount'])
    .execute();
  // The state of each won deal its pairs were computed for: a deal whose row differs from
  // opportunities (or that is no longer won) has its pairs computed again.
  await db.schema
    .createTable('flow_influence_deals')
    .addColumn('opportunity_id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('close_date', 'text')
    .addColumn('amount', 'double precision')
    .execute();
  // New view events are matched to the won deals of the viewer.
  await db.schema.createIndex('flow_influence_deals_owner').on('flow_influence_deals').column('owner_id').execute();

  // Covering indexes for the flow metrics' other period reads, so each is an index range
  // without a table lookup per row: the items published in a period (with their ids, to join
  // authors and stats), their authors' shares, their first reuse, and people's days by team.
  await db.schema.dropIndex('content_items_published').execute();
  await db.schema
    .createIndex('content_items_published')
    .on('content_items')
    .columns(['status', 'published_at', 'owner_id', 'id'])
    .execute();
  await db.schema.createIndex('content_authors_share').on('content_authors').columns(['content_id', 'user_id', 'share']).execute();
  await db.schema.createIndex('flow_item_stats_first_reuse').on('flow_item_stats').columns(['content_id', 'first_reuse_at']).execute();
  await db.schema
    .createIndex('flow_daily_people_team')
    .on('flow_daily_people')
    .columns(['day', 'actor_team', 'actor_id', 'sharing', 'participating'])
    .execute();
}
