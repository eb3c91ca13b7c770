import { SalesforceConfigError, type SalesforceConfig } from './config';
import { DescribeResult, parseRecord } from './records';
import type { SalesforceSessions } from './session';

/*
 * What the org's describe calls tell the adapter (as the integration user): whether the fields
 * the config names exist, and the StageName picklist.
 */

export type Describe = (type: string) => Promise<DescribeResult>;

/** A describe of each sObject type, asked once per type (names are case-insensitive). */
export function describer(sessions: SalesforceSessions): Describe {
  const described = new Map<string, Promise<DescribeResult>>();
  return (type) => {
    let found = described.get(type.toLowerCase());
    if (!found) {
      found = sessions
        .request({ kind: 'integration' }, { method: 'GET', url: `/sobjects/${encodeURIComponent(type)}/describe` })
        .then((answer) => parseRecord(DescribeResult, answer));
      described.set(type.toLowerCase(), found);
    }
    return found;
  };
}

/**
 * Throws a SalesforceConfigError naming the variable and the field when a configured field path
 * (SALESFORCE_SEGMENT_FIELD, SALESFORCE_REGION_FIELD) does not resolve from Opportunity.
 */
export async function checkConfiguredFields(config: SalesforceConfig, describe: Describe): Promise<void> {
  const checks: [string, string | undefined][] = [
    ['SALESFORCE_SEGMENT_FIELD', config.segmentField],
    ['SALESFORCE_REGION_FIELD', config.regionField],
  ];
  for (const [variable, path] of checks) {
    if (!path) continue;
    const problem = await missingField(path, 'Opportunity', describe);
    if (problem)
      throw new SalesforceConfigError(
        variable,
        `${path}: ${problem} (checked with describe; give the field's API name, e.g. Segment__c or Account.Region__c)`,
      );
  }
}

/** Why a dotted field path does not resolve from `type`, or null when it does. Relationship and field names are case-insensitive, as in SOQL. */
async function missingField(path: string, type: string, describe: Describe): Promise<string | null> {
  const parts = path.split('.');
  let current = type;
  for (const [i, part] of parts.entries()) {
    const fields = (await describe(current)).fields;
    if (i === parts.length - 1)
      return fields.some((f) => f.name.toLowerCase() === part.toLowerCase()) ? null : `${current} has no field ${part}`;
    const relationship = fields.find((f) => f.relationshipName?.toLowerCase() === part.toLowerCase());
    const target = relationship?.referenceTo?.[0];
    if (!target) return `${current} has no relationship ${part}`;
    current = target;
  }
  return null;
}

/** The active StageName values in picklist order (the sales process's pipeline order), from a fresh Opportunity describe. */
export function stagePicklist(sessions: SalesforceSessions): Promise<string[]> {
  return sessions
    .request({ kind: 'integration' }, { method: 'GET', url: '/sobjects/Opportunity/describe' })
    .then((answer) => parseRecord(DescribeResult, answer).fields.find((f) => f.name === 'StageName'))
    .then((field) =>
      ((field?.picklistValues as { value: string; active?: boolean }[] | undefined) ?? [])
        .filter((p) => p.active !== false)
        .map((p) => p.value),
    );
}
