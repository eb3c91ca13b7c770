import type { Kysely } from 'kysely';

/** Migration 0008_credit_lookups. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Point lookups for the once-per-item and once-per-deal rules when crediting a batch.
  await db.schema.createIndex('credit_entries_actor_content').on('credit_entries').columns(['actor_id', 'content_id', 'type']).execute();
  await db.schema
    .createIndex('credit_entries_content_type')
    .on('credit_entries')
    .columns(['content_id', 'type', 'opportunity_id'])
    .execute();
}
