import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/*
 * Knowledge used on a deal: one row per item and deal (the panel lists them, the attacher, the
 * owner or a leader detaches them). Attach events stay the usage record that credits authors;
 * this table is the current state, which an event log cannot express once something is detached.
 * Existing attach events become attachments (the first attacher of each item and deal).
 *
 * The write-back outbox learns to delete: `action` is 'upsert' (send the link) or 'delete'
 * (remove the Knowledge_Link__c a detach left behind); the row keeps its link id either way.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>, { serialKey }: MigrationContext): Promise<void> {
  await serialKey(db, 'opportunity_attachments')
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('attached_by', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'text', (c) => c.notNull())
    // A detach keeps the row (detached_at set): a start-up scan re-creating attachments from
    // attach events a crash left without one must not bring a detached item back.
    .addColumn('detached_by', 'text')
    .addColumn('detached_at', 'text')
    .execute();
  await db.schema
    .createIndex('opportunity_attachments_pair')
    .on('opportunity_attachments')
    .columns(['opportunity_id', 'content_id'])
    .unique()
    .execute();
  await db.schema.createIndex('opportunity_attachments_content').on('opportunity_attachments').column('content_id').execute();
  await sql`
    INSERT INTO opportunity_attachments (opportunity_id, content_id, attached_by, attached_at)
    SELECT e.opportunity_id, e.content_id, e.actor_id, e.at FROM usage_events e
    WHERE e.type = 'attach' AND e.opportunity_id IS NOT NULL
      AND e.id = (SELECT MIN(f.id) FROM usage_events f WHERE f.type = 'attach' AND f.opportunity_id = e.opportunity_id AND f.content_id = e.content_id)
  `.execute(db);
  await db.schema
    .alterTable('crm_writeback_outbox')
    .addColumn('action', 'text', (c) => c.notNull().defaultTo('upsert'))
    .execute();
}
