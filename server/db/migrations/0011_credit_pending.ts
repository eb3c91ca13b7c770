import type { Kysely } from 'kysely';

/** Migration 0011_credit_pending. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The crediting outbox: a usage event and its row here are written in one transaction;
  // the credit relay deletes the row in the transaction that appends the event's credit,
  // so a crash between the two leaves the row behind and the next drain credits it.
  await db.schema
    .createTable('credit_pending')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
