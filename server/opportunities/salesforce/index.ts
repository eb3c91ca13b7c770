import type { CrmPort } from '../schema';
import { SalesforceCrm, type SalesforceCrmDeps } from './adapter';
import { SalesforceConfig, type SalesforceConfigInput } from './config';

/*
 * The Salesforce adapter, one file per job: config (SALESFORCE_* → zod), ids (one 18-character
 * identity), soql (building and escaping), records (wire shapes), errors (Salesforce failures as
 * AppErrors), session (tokens and the jsforce transport: the only jsforce importer besides the
 * error helpers' types), mapping (record → CRM port), adapter (who sees what, the live reads), viewCache (each user's
 * recent reads, SALESFORCE_VIEW_CACHE_SECONDS), describe (the start-up field check and the stage picklist), links
 * (the write-back's composite calls).
 */

export { SalesforceCrm, type SalesforceCrmDeps } from './adapter';
export { SalesforceConfig, SalesforceConfigError, salesforceConfigFromEnv, type SalesforceConfigInput } from './config';
export { isSalesforceId, sameSalesforceId, toSalesforceId18 } from './ids';
export { soqlContains, soqlId, soqlString } from './soql';

/** The CRM port backed by a Salesforce org. */
export function createSalesforceCrm(
  config: SalesforceConfigInput,
  deps: SalesforceCrmDeps = {},
): CrmPort & { close(): void } & SalesforceCrm {
  return new SalesforceCrm(SalesforceConfig.parse(config), deps);
}
