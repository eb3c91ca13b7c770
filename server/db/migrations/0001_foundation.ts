import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/** Migration 0001_foundation. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>, { serialKey }: MigrationContext): Promise<void> {
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
}
