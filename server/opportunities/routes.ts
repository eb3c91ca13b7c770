import { z } from 'zod';
import { ANY_ROLE, createdOrFound, IdParams, route, type RouteDef } from '../http/route';
import { AppError } from '../errors';
import {
  CrmSyncStatus,
  CrmWriteBackStatus,
  ListOpportunitiesQuery,
  Opportunity,
  OpportunityListItem,
  PatchOpportunity,
  UpsertOpportunity,
} from './schema';
import type { SalesforceSync } from './salesforce/sync';
import type { SalesforceWriteBack } from './salesforce/writeBack';
import type { OpportunityService } from './service';

export function opportunityRoutes(opportunities: OpportunityService): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/opportunities',
      tag: 'opportunities',
      roles: ['leader', 'admin'],
      summary: 'Create or replace an opportunity in the embedded CRM (admin or the owner’s leader)',
      body: UpsertOpportunity,
      response: Opportunity,
      handler: ({ body, actor, res }) => createdOrFound(res, opportunities.upsert(actor, body), 'opportunity'),
    }),
    route({
      method: 'patch',
      path: '/api/opportunities/:id',
      tag: 'opportunities',
      roles: ['leader', 'admin'],
      summary: 'Change fields of an opportunity in the embedded CRM',
      params: IdParams,
      body: PatchOpportunity,
      response: Opportunity,
      handler: ({ actor, params, body }) => opportunities.patch(actor, params.id, body as Partial<UpsertOpportunity>),
    }),
    route({
      method: 'get',
      path: '/api/opportunities',
      tag: 'opportunities',
      roles: ANY_ROLE,
      summary: 'Opportunities you may see, open ones first',
      query: ListOpportunitiesQuery,
      response: z.object({ opportunities: z.array(OpportunityListItem) }),
      handler: async ({ actor, query }) => ({ opportunities: await opportunities.listWithOwners(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/opportunities/stages',
      tag: 'opportunities',
      roles: ANY_ROLE,
      summary: 'The CRM’s stage vocabulary in pipeline order (the Stage filter’s options)',
      response: z.object({ stages: z.array(z.string()) }),
      handler: async ({ actor }) => ({ stages: await opportunities.stages(actor) }),
    }),
    route({
      method: 'get',
      path: '/api/opportunities/:id',
      tag: 'opportunities',
      roles: ANY_ROLE,
      summary: 'One opportunity (404 when it does not exist or you may not see it)',
      params: IdParams,
      response: Opportunity,
      handler: ({ actor, params }) => opportunities.get(actor, params.id),
    }),
  ];
}

const NO_SYNC: CrmSyncStatus = {
  enabled: false,
  watermark: null,
  running: false,
  lastStartedAt: null,
  lastFinishedAt: null,
  lastSuccessAt: null,
  lastError: null,
  lastRecords: 0,
  lastApiCalls: 0,
  totalApiCalls: 0,
  apiUsed: null,
  apiLimit: null,
  apiRemaining: null,
};

/** The Salesforce sync for admins; with the embedded CRM there is nothing to sync (status says so, a run is a 409). */
export function crmSyncRoutes(sync: SalesforceSync | undefined, writeBack: SalesforceWriteBack | undefined): RouteDef[] {
  const need = (): SalesforceSync => {
    if (!sync) throw new AppError(409, 'crm_not_salesforce', 'The hub uses its embedded CRM: there is no Salesforce sync');
    return sync;
  };
  return [
    route({
      method: 'get',
      path: '/api/admin/crm/sync',
      tag: 'opportunities',
      roles: ['admin'],
      summary: 'Where the Salesforce sync stands: last run, watermark, errors, API calls, remaining daily limit',
      response: CrmSyncStatus,
      handler: async () => (sync ? sync.status() : NO_SYNC),
    }),
    route({
      method: 'post',
      path: '/api/admin/crm/sync',
      tag: 'opportunities',
      roles: ['admin'],
      summary: 'Run one Salesforce sync cycle now; answers when it is done',
      response: CrmSyncStatus,
      handler: () => need().runCycle(),
    }),
    route({
      method: 'get',
      path: '/api/admin/crm/write-back',
      tag: 'opportunities',
      roles: ['admin'],
      summary: 'Knowledge_Link__c records owed to Salesforce: pending, sent, and those failing with their errors',
      response: CrmWriteBackStatus,
      handler: async () => (writeBack ? writeBack.status() : { pending: 0, sent: 0, failing: [] }),
    }),
  ];
}
