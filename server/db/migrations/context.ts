import type { CreateTableBuilder, Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** What a migration may know about the database it runs on. */
export interface MigrationContext {
  dialect: Dialect;
  /** A new table with an auto-incrementing integer key, spelled as the engine spells it. */
  serialKey<T>(db: Kysely<T>, table: string): CreateTableBuilder<string, 'id'>;
}
