import type { Kysely } from 'kysely';

/*
 * Incremental Salesforce sync: one row per source with the SystemModstamp watermark (and the Id
 * of the last record at that instant, since several records can share one), advanced after each
 * page so a restart resumes where the last committed page ended; and what the last runs found.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_sync_state')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('watermark', 'text')
    .addColumn('watermark_id', 'text')
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_records', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_api_calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_api_calls', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('api_used', 'integer')
    .addColumn('api_limit', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
