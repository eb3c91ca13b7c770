import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect, MigrationContext } from './context';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_usage_events';
import * as m0003 from './0003_integration_users';
import * as m0004 from './0004_taxonomies';
import * as m0005 from './0005_review_workflow';
import * as m0006 from './0006_credits';
import * as m0007 from './0007_flow';
import * as m0008 from './0008_credit_lookups';
import * as m0009 from './0009_flow_influence';
import * as m0010 from './0010_ledger_checkpoints';
import * as m0011 from './0011_credit_pending';
import * as m0012 from './0012_multi_instance';
import * as m0013 from './0013_salesforce_ids';
import * as m0014 from './0014_crm_sync';
import * as m0015 from './0015_crm_writeback';
import * as m0016 from './0016_notifications';
import * as m0017 from './0017_deal_attachments';
import * as m0018 from './0018_share_links';
import * as m0019 from './0019_search_requests';
import * as m0021 from './0021_search_synonyms';
import * as m0024 from './0024_lean_ledger_indexes';
import * as m0025 from './0025_facet_proposals';
import * as m0026 from './0026_user_contact';
import * as m0027 from './0027_ledger_rule_indexes';

export type { Dialect } from './context';

/**
 * Versioned migrations, one file each, applied in the order of their names (Kysely sorts them).
 * The names are the ones recorded in existing databases: never rename or edit a shipped one.
 */
const ALL: Record<string, { up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> }> = {
  '0001_foundation': m0001,
  '0002_usage_events': m0002,
  '0003_integration_users': m0003,
  '0004_taxonomies': m0004,
  '0005_review_workflow': m0005,
  '0006_credits': m0006,
  '0007_flow': m0007,
  '0008_credit_lookups': m0008,
  '0009_flow_influence': m0009,
  '0010_ledger_checkpoints': m0010,
  '0011_credit_pending': m0011,
  '0012_multi_instance': m0012,
  '0013_salesforce_ids': m0013,
  '0014_crm_sync': m0014,
  '0015_crm_writeback': m0015,
  '0016_notifications': m0016,
  '0017_deal_attachments': m0017,
  '0018_share_links': m0018,
  '0019_search_requests': m0019,
  '0021_search_synonyms': m0021,
  '0024_lean_ledger_indexes': m0024,
  '0025_facet_proposals': m0025,
  '0026_user_contact': m0026,
  '0027_ledger_rule_indexes': m0027,
};

export function migrationsFor(dialect: Dialect): MigrationProvider {
  const ctx: MigrationContext = {
    dialect,
    serialKey: (db, table) => {
      const b = db.schema.createTable(table);
      return dialect === 'postgres'
        ? b.addColumn('id', 'bigserial', (c) => c.primaryKey())
        : b.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    },
  };
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(ALL)) migrations[name] = { up: (db) => m.up(db, ctx) };
  return { getMigrations: async () => migrations };
}
