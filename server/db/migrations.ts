import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Versioned migrations, kept in code so the bundle and the tests always agree.
 * Never edit a migration that has shipped: add the next one.
 */
export function migrationsFor(dialect: Dialect): MigrationProvider {
  // An auto-incrementing integer key is spelled differently by the two engines.
  const serialKey = <T>(db: Kysely<T>, table: string) => {
    const b = db.schema.createTable(table);
    return dialect === 'postgres'
      ? b.addColumn('id', 'bigserial', (c) => c.primaryKey())
      : b.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  };

  const migrations: Record<string, Migration> = {
    '0001_foundation': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('team', 'text', (c) => c.notNull())
          .addColumn('salesforce_user_id', 'text')
          .addColumn('leads_teams', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('label', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();

        await db.schema
          .createTable('content_items')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('external_id', 'text', (c) => c.unique())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('links', 'text', (c) => c.notNull())
          .addColumn('products', 'text', (c) => c.notNull())
          .addColumn('industries', 'text', (c) => c.notNull())
          .addColumn('segments', 'text', (c) => c.notNull())
          .addColumn('regions', 'text', (c) => c.notNull())
          .addColumn('competitors', 'text', (c) => c.notNull())
          .addColumn('stages', 'text', (c) => c.notNull())
          .addColumn('personas', 'text', (c) => c.notNull())
          .addColumn('audience', 'text', (c) => c.notNull())
          .addColumn('visibility', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('derived_from', 'text')
          .addColumn('owner_id', 'text', (c) => c.notNull())
          .addColumn('verify_every_days', 'integer')
          .addColumn('verified_at', 'text')
          .addColumn('expires_at', 'text')
          .addColumn('structure', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text')
          .execute();
        await db.schema.createIndex('content_items_status').on('content_items').column('status').execute();
        await db.schema.createIndex('content_items_owner').on('content_items').column('owner_id').execute();

        await db.schema
          .createTable('content_authors')
          .addColumn('content_id', 'text', (c) => c.notNull().references('content_items.id'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('share', 'double precision', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('content_authors_pk', ['content_id', 'user_id'])
          .execute();
        await db.schema.createIndex('content_authors_user').on('content_authors').column('user_id').execute();

        await db.schema
          .createTable('content_versions')
          .addColumn('content_id', 'text', (c) => c.notNull().references('content_items.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('changed_by', 'text', (c) => c.notNull())
          .addColumn('changed_at', 'text', (c) => c.notNull())
          .addColumn('changed_fields', 'text', (c) => c.notNull())
          .addColumn('snapshot', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addPrimaryKeyConstraint('content_versions_pk', ['content_id', 'version'])
          .execute();

        await serialKey(db, 'search_outbox')
          .addColumn('content_id', 'text', (c) => c.notNull())
          .addColumn('narrows_visibility', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_error', 'text')
          .addColumn('next_attempt_at', 'text')
          .addColumn('done_at', 'text')
          .execute();
        await db.schema.createIndex('search_outbox_pending').on('search_outbox').columns(['done_at', 'id']).execute();

        await db.schema
          .createTable('opportunities')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('account_name', 'text', (c) => c.notNull())
          .addColumn('industry', 'text')
          .addColumn('segment', 'text')
          .addColumn('region', 'text')
          .addColumn('amount', 'double precision')
          .addColumn('currency', 'text', (c) => c.notNull())
          .addColumn('stage', 'text', (c) => c.notNull())
          .addColumn('close_date', 'text')
          .addColumn('is_closed', 'integer', (c) => c.notNull())
          .addColumn('is_won', 'integer', (c) => c.notNull())
          .addColumn('products', 'text', (c) => c.notNull())
          .addColumn('competitors', 'text', (c) => c.notNull())
          .addColumn('contact_roles', 'text', (c) => c.notNull())
          .addColumn('owner_id', 'text')
          .addColumn('description', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('opportunities_owner').on('opportunities').column('owner_id').execute();

        await serialKey(db, 'audit_log')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target_type', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .execute();
        // Keeps the linter honest about `sql` being used by later migrations.
        void sql;
      },
    },
    '0002_usage_events': {
      async up(db: Kysely<unknown>) {
        await serialKey(db, 'usage_events')
          .addColumn('event_id', 'text', (c) => c.notNull().unique())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('idempotency_key', 'text', (c) => c.notNull())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('content_id', 'text', (c) => c.notNull())
          .addColumn('opportunity_id', 'text')
          .addColumn('note', 'text')
          .addColumn('at', 'text', (c) => c.notNull())
          .addUniqueConstraint('usage_events_idempotency', ['actor_id', 'idempotency_key'])
          .execute();
        await db.schema.createIndex('usage_events_content').on('usage_events').columns(['content_id', 'at']).execute();
        await db.schema.createIndex('usage_events_opportunity').on('usage_events').columns(['opportunity_id']).execute();
      },
    },
    '0003_integration_users': {
      async up(db: Kysely<unknown>) {
        // An integration user (the Salesforce Named Credential's) may act for mapped Salesforce users.
        await db.schema.alterTable('users').addColumn('integration', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.createIndex('users_salesforce_id').on('users').column('salesforce_user_id').execute();
      },
    },
    '0004_taxonomies': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('taxonomy_terms')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('parent', 'text')
          .addColumn('position', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('taxonomy_terms_pk', ['kind', 'value'])
          .execute();
      },
    },
    '0005_review_workflow': {
      async up(db: Kysely<unknown>) {
        // One statement per column: SQLite's ALTER TABLE adds one column at a time.
        await db.schema.alterTable('content_items').addColumn('opportunity_id', 'text').execute();
        await db.schema.alterTable('content_items').addColumn('review_team', 'text').execute();
        await db.schema.alterTable('content_items').addColumn('review_comment', 'text').execute();
        await db.schema.alterTable('content_items').addColumn('submitted_at', 'text').execute();
        await db.schema.createIndex('content_items_opportunity').on('content_items').column('opportunity_id').execute();
      },
    },
    '0006_credits': {
      async up(db: Kysely<unknown>) {
        // Published credit policies; entries name the version they were computed under.
        await db.schema
          .createTable('credit_policies')
          .addColumn('version', 'integer', (c) => c.primaryKey())
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('published_by', 'text', (c) => c.notNull())
          .addColumn('rules', 'text', (c) => c.notNull())
          .execute();

        // The append-only credit ledger: one row per (event, credited author), hash-chained by seq.
        await serialKey(db, 'credit_entries')
          .addColumn('seq', 'bigint', (c) => c.notNull().unique())
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('content_id', 'text', (c) => c.notNull())
          .addColumn('opportunity_id', 'text')
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('share', 'double precision', (c) => c.notNull())
          .addColumn('milli_points', 'integer', (c) => c.notNull())
          .addColumn('policy_version', 'integer', (c) => c.notNull())
          .addColumn('reverses', 'bigint')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('credit_entries_user_at').on('credit_entries').columns(['user_id', 'at']).execute();
        await db.schema.createIndex('credit_entries_actor_at').on('credit_entries').columns(['actor_id', 'at']).execute();
        await db.schema.createIndex('credit_entries_event').on('credit_entries').column('event_id').execute();
        await db.schema.createIndex('credit_entries_opportunity').on('credit_entries').column('opportunity_id').execute();

        // Corrections are new (reversal) entries: the database itself refuses updates and deletes.
        if (dialect === 'postgres') {
          await sql`CREATE FUNCTION credit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'credit_entries is append-only';
            END;
          $$`.execute(db);
          await sql`CREATE TRIGGER credit_entries_no_change BEFORE UPDATE OR DELETE ON credit_entries
            FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only()`.execute(db);
          await sql`CREATE TRIGGER credit_entries_no_truncate BEFORE TRUNCATE ON credit_entries
            FOR EACH STATEMENT EXECUTE FUNCTION credit_entries_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER credit_entries_no_update BEFORE UPDATE ON credit_entries
            BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END`.execute(db);
          await sql`CREATE TRIGGER credit_entries_no_delete BEFORE DELETE ON credit_entries
            BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END`.execute(db);
        }
      },
    },
    '0007_flow': {
      async up(db: Kysely<unknown>) {
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
        await db.schema.createIndex('flow_event_facts_item').on('flow_event_facts').columns(['owner_team', 'content_id', 'at', 'type', 'by_other', 'actor_team']).execute();
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
      },
    },
    '0008_credit_lookups': {
      async up(db: Kysely<unknown>) {
        // Point lookups for the once-per-item and once-per-deal rules when crediting a batch.
        await db.schema.createIndex('credit_entries_actor_content').on('credit_entries').columns(['actor_id', 'content_id', 'type']).execute();
        await db.schema.createIndex('credit_entries_content_type').on('credit_entries').columns(['content_id', 'type', 'opportunity_id']).execute();
      },
    },
    '0009_flow_influence': {
      async up(db: Kysely<unknown>) {
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
        await db.schema.createIndex('flow_influence_period').on('flow_influence').columns(['close_date', 'opportunity_id', 'owner_team', 'amount']).execute();
        // Items per team and the top items, grouped by item in index order; and the experts' lookup by item.
        await db.schema.createIndex('flow_influence_item').on('flow_influence').columns(['content_id', 'owner_team', 'close_date', 'opportunity_id', 'amount']).execute();
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
        await db.schema.createIndex('content_items_published').on('content_items').columns(['status', 'published_at', 'owner_id', 'id']).execute();
        await db.schema.createIndex('content_authors_share').on('content_authors').columns(['content_id', 'user_id', 'share']).execute();
        await db.schema.createIndex('flow_item_stats_first_reuse').on('flow_item_stats').columns(['content_id', 'first_reuse_at']).execute();
        await db.schema.createIndex('flow_daily_people_team').on('flow_daily_people').columns(['day', 'actor_team', 'actor_id', 'sharing', 'participating']).execute();
      },
    },
    // Several hub instances on one PostgreSQL: outbox rows are claimed with a lease by the instance
    // relaying them (server: search-index/relay.ts), and rate-limit counters are shared.
    '0012_multi_instance': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('search_outbox').addColumn('claimed_by', 'text').execute();
        await db.schema.alterTable('search_outbox').addColumn('claimed_until', 'text').execute();
        await db.schema.createIndex('search_outbox_item_pending').on('search_outbox').columns(['content_id', 'done_at']).execute();
        await db.schema
          .createTable('rate_limit_windows')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('window_start', 'bigint', (c) => c.notNull())
          .addColumn('hits', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('rate_limit_windows_start').on('rate_limit_windows').column('window_start').execute();
      },
    },
  };

  return { getMigrations: async () => migrations };
}
