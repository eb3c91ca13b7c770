import type { Kysely } from 'kysely';

/** Migration 0003_integration_users. Shipped: never edit it, add the next one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // An integration user (the Salesforce Named Credential's) may act for mapped Salesforce users.
  await db.schema
    .alterTable('users')
    .addColumn('integration', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('users_salesforce_id').on('users').column('salesforce_user_id').execute();
}
