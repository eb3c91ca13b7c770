import type { UserStore } from '../auth/store';
import type { Config, CurrencyConfig } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../log';
import type { HubMetrics } from '../ops/metrics';
import type { LocalCrm } from './local';
import { createSalesforceCrm, SalesforceConfigError, type SalesforceCrm } from './salesforce';
import { createSalesforceSync, type SalesforceSync } from './salesforce/sync';
import { createSalesforceWriteBack, type SalesforceWriteBack } from './salesforce/writeBack';
import type { CrmPort } from './schema';
import { createOpportunityService, type OpportunityService } from './service';

/** Who Salesforce changes are made by, for the listeners (influence credits and reversals). */
const SYNC_ACTOR = {
  id: 'salesforce-sync',
  name: 'Salesforce sync',
  role: 'admin' as const,
  team: 'Integration',
  leadsTeams: [],
  salesforceUserId: null,
};

export interface CrmWiring {
  /** The port the services read deals through: the handed-in adapter, Salesforce, or the embedded CRM. */
  crm: CrmPort;
  /** With Salesforce configured: the adapter, its incremental sync and the Knowledge_Link__c write-back. */
  salesforce?: SalesforceCrm;
  sync?: SalesforceSync;
  writeBack?: SalesforceWriteBack;
  opportunities: OpportunityService;
  /** The corporate currency and the rates in force (the org's, read each sync cycle, when configured). */
  currencies: () => CurrencyConfig;
}

/**
 * The CRM side of the composition root (server/hub.ts). With Salesforce configured its schema is
 * checked at once: a configured field that does not exist throws a SalesforceConfigError (the
 * adapter closed), which the root turns into a failed start.
 */
export async function wireCrm(deps: {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: HubMetrics;
  users: UserStore;
  localCrm: LocalCrm;
  /** Another CRM adapter (tests); Salesforce or the embedded one otherwise. */
  crm?: (local: LocalCrm) => CrmPort;
}): Promise<CrmWiring> {
  const { config, db, logger, users, localCrm } = deps;
  const salesforce =
    !deps.crm && config.salesforce
      ? createSalesforceCrm(config.salesforce, {
          salesforceUserIdOf: async (id) => (await users.get(id))?.salesforceUserId ?? null,
          onApiCall: (outcome, usage) => deps.metrics.salesforceCall(outcome, usage),
        })
      : undefined;
  const crm = deps.crm?.(localCrm) ?? salesforce ?? localCrm;
  if (salesforce) {
    try {
      await salesforce.verifySchema();
    } catch (err) {
      // A configured field that does not exist fails every query: stop now, naming it. An org that
      // does not answer is another matter: the hub still serves content, and health says so.
      if (err instanceof SalesforceConfigError) {
        salesforce.close();
        throw err;
      }
      logger.warn('salesforce: could not describe Opportunity at start-up; configured fields are unchecked', {
        error: (err as Error).message,
      });
    }
  }
  // With SALESFORCE_CONVERSION_RATES=org the org's rates (read each sync cycle) take precedence over HUB_CURRENCY_RATES.
  let orgRates: Record<string, number> = {};
  const currencies = () => ({ corporate: config.currencies.corporate, rates: { ...config.currencies.rates, ...orgRates } });
  const opportunities = createOpportunityService({ crm, local: localCrm, users, currencies });
  if (!salesforce || !config.salesforce) return { crm, opportunities, currencies };

  // Salesforce changes reach the same listeners as local ones (influence credits and reversals).
  const sync = createSalesforceSync({
    db,
    crm: salesforce,
    local: localCrm,
    users,
    onTransition: async (change) => {
      for (const listener of opportunities.listeners) await listener({ ...change, actor: SYNC_ACTOR });
    },
    log: (level, message, fields) => logger[level](message, fields),
    beforeCycle: config.salesforce.orgConversionRates
      ? async () => {
          orgRates = await salesforce.conversionRates(new Date().toISOString().slice(0, 10));
        }
      : undefined,
  });
  const writeBack = createSalesforceWriteBack({
    db,
    crm: salesforce,
    publicUrl: config.publicUrl,
    intervalMs: config.salesforce.writeBackIntervalSeconds * 1000,
    log: (level, message, fields) => logger[level](message, fields),
  });
  return { crm, salesforce, sync, writeBack, opportunities, currencies };
}
