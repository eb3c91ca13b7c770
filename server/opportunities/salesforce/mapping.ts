import { amountBand, type Opportunity } from '../schema';
import type { SalesforceConfig } from './config';
import { toSalesforceId18 } from './ids';
import type { OpportunityRecord } from './records';

/* Salesforce's Opportunity record → the CRM port's opportunity. */

export const OPPORTUNITY_FIELDS = [
  'Id',
  'Name',
  'Account.Name',
  'Account.Industry',
  'Amount',
  'StageName',
  'CloseDate',
  'IsClosed',
  'IsWon',
  'OwnerId',
  'Description',
];
export const CHILD_QUERIES = [
  '(SELECT Product2.Name, Product2.Family FROM OpportunityLineItems)',
  '(SELECT CompetitorName FROM OpportunityCompetitors)',
  '(SELECT Role, Contact.Title FROM OpportunityContactRoles)',
];

/** The fields to select: the standard ones, CurrencyIsoCode in a multi-currency org, and the configured custom ones. */
export function opportunityFields(config: SalesforceConfig, withCurrency: boolean, withAmount = true): string[] {
  const fields = OPPORTUNITY_FIELDS.filter((f) => withAmount || f !== 'Amount');
  if (withCurrency) fields.push('CurrencyIsoCode');
  for (const f of [config.segmentField, config.regionField]) if (f && !fields.includes(f)) fields.push(f);
  return fields;
}

export function toOpportunity(r: OpportunityRecord, config: SalesforceConfig): Opportunity {
  return {
    // The REST API answers 18-character ids already; normalising keeps every comparison on one form.
    id: toSalesforceId18(r.Id) ?? r.Id,
    name: r.Name ?? '',
    accountName: r.Account?.Name ?? '',
    industry: r.Account?.Industry ?? null,
    segment: textAt(r, config.segmentField),
    region: textAt(r, config.regionField),
    amount: r.Amount ?? null,
    amountBand: amountBand(r.Amount ?? null),
    currency: r.CurrencyIsoCode || config.defaultCurrency,
    stage: r.StageName ?? '',
    closeDate: r.CloseDate ?? null,
    isClosed: r.IsClosed ?? false,
    isWon: r.IsWon ?? false,
    products: (r.OpportunityLineItems?.records ?? [])
      .filter((li) => li.Product2?.Name)
      .map((li) => ({ name: li.Product2?.Name ?? '', family: li.Product2?.Family ?? '' })),
    competitors: (r.OpportunityCompetitors?.records ?? []).flatMap((c) => (c.CompetitorName ? [c.CompetitorName] : [])),
    contactRoles: (r.OpportunityContactRoles?.records ?? []).map((cr) => ({ role: cr.Role ?? '', title: cr.Contact?.Title ?? '' })),
    ownerId: r.OwnerId ? (toSalesforceId18(r.OwnerId) ?? r.OwnerId) : null,
    description: r.Description ?? null,
  };
}

/** The value at a dotted field path (Account.Region__c) as text. */
function textAt(record: Record<string, unknown>, path: string | undefined): string | null {
  if (!path) return null;
  let value: unknown = record;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}
