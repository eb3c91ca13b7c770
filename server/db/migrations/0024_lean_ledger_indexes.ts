import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/**
 * Every usage event and every ledger entry pays for each index on its table, and most of them
 * (views) have no deal. The deal indexes now hold only rows that name a deal, and the lookup of a
 * deal's prior attach credits gets an index of attach entries only, instead of one over every
 * entry by item, type and deal (nothing else read it). Queries that use these indexes name the
 * deal (`opportunity_id = …`, which implies NOT NULL) or the attach type as a literal.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex('usage_events_opportunity').execute();
  await db.schema
    .createIndex('usage_events_opportunity')
    .on('usage_events')
    .column('opportunity_id')
    .where(sql.ref('opportunity_id'), 'is not', null)
    .execute();
  await db.schema.dropIndex('credit_entries_opportunity').execute();
  await db.schema
    .createIndex('credit_entries_opportunity')
    .on('credit_entries')
    .column('opportunity_id')
    .where(sql.ref('opportunity_id'), 'is not', null)
    .execute();
  await db.schema.dropIndex('credit_entries_content_type').execute();
  await db.schema
    .createIndex('credit_entries_attach')
    .on('credit_entries')
    .columns(['content_id', 'opportunity_id'])
    .where(sql.ref('type'), '=', sql.lit('attach'))
    .execute();
}
