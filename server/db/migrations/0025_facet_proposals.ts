import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

/**
 * Values authors propose for a facet the taxonomy lacks (server/taxonomies/proposals.ts): pending
 * until an admin accepts (the value joins the taxonomy) or rejects it with a reason.
 * Shipped: never edit it, add the next one.
 */
export async function up(db: Kysely<unknown>, { serialKey }: MigrationContext): Promise<void> {
  await serialKey(db, 'facet_proposals')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    // The value lower-cased: "geotab" and "Geotab" are one proposal.
    .addColumn('value_key', 'text', (c) => c.notNull())
    // The item it was proposed on, when there was one (its authors may see it; admins see all).
    .addColumn('content_id', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  // One pending proposal per value of a facet: a repeat finds the first instead of piling up.
  await db.schema
    .createIndex('facet_proposals_pending')
    .on('facet_proposals')
    .columns(['kind', 'value_key'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('facet_proposals_status').on('facet_proposals').columns(['status', 'proposed_at']).execute();
}
