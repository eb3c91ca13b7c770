import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';

/**
 * Experts you can reach: a user record names their chat account (`chat_provider` 'slack' or
 * 'teams', `chat_user_id` the Slack member id or the Teams sign-in name) so an expert card can
 * offer a chat deep link beside the email. `expert_contacts` records each time someone contacted
 * an expert (and from which deal): knowledge flowing from person to person, which usage events
 * (always about one content item, and credited) do not describe. Shipped: never edit it, add the
 * next one.
 */
export async function up(db: Kysely<unknown>, { serialKey }: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').addColumn('chat_provider', 'text').execute();
  await db.schema.alterTable('users').addColumn('chat_user_id', 'text').execute();
  await serialKey(db, 'expert_contacts')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('expert_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    /** The contacting person's team then, so flow metrics group contacts the way they group events. */
    .addColumn('actor_team', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expert_contacts_at').on('expert_contacts').columns(['at']).execute();
  await db.schema.createIndex('expert_contacts_expert').on('expert_contacts').columns(['expert_id', 'at']).execute();
}
