import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';

/*
 * Write-back to Salesforce: one row per Knowledge_Link__c record the hub owes the org, keyed by
 * its external id (Hub_Link_Id__c), so enqueueing twice is one link and a retry is an upsert.
 * Rows stay after they are sent (done_at) so a later change can be sent again by clearing it.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>, { serialKey }: MigrationContext): Promise<void> {
  await serialKey(db, 'crm_writeback_outbox')
    .addColumn('link_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('salesforce_id', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('crm_writeback_outbox_due').on('crm_writeback_outbox').columns(['done_at', 'next_attempt_at']).execute();
}
