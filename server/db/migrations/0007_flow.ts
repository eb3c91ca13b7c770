import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';

/** Migration 0007_flow. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>, { dialect, serialKey }: MigrationContext): Promise<void> {
  // Every /api/search, written in batches by server/flow/searchLog.ts (never on the hot path).
  await serialKey(db, 'search_log')
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('hit_ids', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // at + 10 minutes, stored so "no click" needs no dialect-specific date arithmetic.
    .addColumn('click_deadline', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_log_at').on('search_log').columns(['at']).execute();

  // How often each item was returned by a search: kept up to date by each flush.
  await db.schema
    .createTable('content_search_hits')
    .addColumn('content_id', 'text', (c) => c.primaryKey())
    .addColumn('times_returned', 'integer', (c) => c.notNull())
    .addColumn('last_returned_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('content_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('content_requests_assignee').on('content_requests').columns(['assignee', 'created_at']).execute();

  // The flow reports read events by period and by person.
  await db.schema.createIndex('usage_events_at').on('usage_events').columns(['at', 'type']).execute();
  await db.schema.createIndex('usage_events_actor_at').on('usage_events').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('content_items_published').on('content_items').columns(['status', 'published_at', 'owner_id']).execute();

  // Precomputed per event (server/flow/facts.ts): the owner's and the actor's team and whether
  // the actor was someone other than the item's owner and authors, so period reports scan one
  // covering index instead of joining a million events to items, users and authors.
  await db.schema
    .createTable('flow_event_facts')
    .addColumn('event_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('owner_team', 'text')
    .addColumn('actor_team', 'text')
    .addColumn('by_other', 'integer', (c) => c.notNull())
    .execute();
  // Ordered for the per-item grouping of reuse and reach: a covering scan without a sort.
  await db.schema
    .createIndex('flow_event_facts_item')
    .on('flow_event_facts')
    .columns(['owner_team', 'content_id', 'at', 'type', 'by_other', 'actor_team'])
    .execute();
  // Won-deal influence: what each deal owner viewed while the deal was open.
  await db.schema.createIndex('flow_event_facts_viewer').on('flow_event_facts').columns(['actor_id', 'type', 'at', 'content_id']).execute();
  // Per item: reuse by others (count, first) and the last view/attach/derive by others.
  await db.schema
    .createTable('flow_item_stats')
    .addColumn('content_id', 'text', (c) => c.primaryKey())
    .addColumn('reuse_count', 'integer', (c) => c.notNull())
    .addColumn('first_reuse_at', 'text')
    .addColumn('last_use_at', 'text')
    .execute();
  // Per person and UTC day: their sharing and participating events (engagement reads days, not events).
  await db.schema
    .createTable('flow_daily_people')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_team', 'text')
    .addColumn('sharing', 'integer', (c) => c.notNull())
    .addColumn('participating', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_daily_people_pk', ['day', 'actor_id'])
    .execute();
  await db.schema
    .createTable('flow_watermark')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_event_id', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opportunities_won').on('opportunities').columns(['is_won', 'close_date']).execute();
}
