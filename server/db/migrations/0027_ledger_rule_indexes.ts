import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/**
 * Each ledger entry pays for every index on credit_entries, and an event makes one entry per
 * credited author. Two indexes served only the crediting rules and cost more than they saved:
 * - `credit_entries_event` answered "is this event credited already?"; crediting now reads that
 *   from the entries it reads anyway for the daily rules (the batch's actors over the batch's days:
 *   an event's entries carry its actor, type and time), so nothing looks entries up by event.
 * - `credit_entries_actor_content` covered every entry for the once-per-item rule, which the
 *   default policy applies to `helpful` and `derive` only: it now holds those types alone. A policy
 *   that makes another type once-per-item still gets the right answer, through the (actor, at) index.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex('credit_entries_event').execute();
  await db.schema.dropIndex('credit_entries_actor_content').execute();
  await db.schema
    .createIndex('credit_entries_once_per_item')
    .on('credit_entries')
    .columns(['actor_id', 'content_id', 'type'])
    .where(sql.ref('type'), 'in', sql`('helpful', 'derive')`)
    .execute();
}
