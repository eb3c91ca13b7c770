import { AppError } from '../../errors';
import { LinkResults, parseRecord } from './records';
import type { SalesforceSessions } from './session';

/*
 * The write-back's two calls (server/opportunities/salesforce/writeBack.ts): Knowledge_Link__c
 * records upserted and deleted through the composite sObject collections API, up to 200 a call,
 * allOrNone false so one bad record fails alone, read as the integration user.
 */

/** One record's outcome in a composite upsert. */
export interface LinkResult {
  ok: boolean;
  id: string | null;
  /** Salesforce's status codes, fields and messages, when it refused the record. */
  error: string | null;
}

/** The most records one composite call may carry. */
const COMPOSITE_LIMIT = 200;

/**
 * Upserts Knowledge_Link__c records by their external id Hub_Link_Id__c through the composite
 * sObject collections API (up to 200 a call; allOrNone false, so one bad record fails alone).
 * Returns one result per record, in order.
 */
export async function upsertLinks(sessions: SalesforceSessions, records: Record<string, unknown>[]): Promise<LinkResult[]> {
  if (records.length > COMPOSITE_LIMIT) throw new Error(`at most ${COMPOSITE_LIMIT} records per composite call`);
  const answer = await sessions.request(
    { kind: 'integration' },
    {
      method: 'PATCH',
      url: '/composite/sobjects/Knowledge_Link__c/Hub_Link_Id__c',
      body: { allOrNone: false, records: records.map((r) => ({ attributes: { type: 'Knowledge_Link__c' }, ...r })) },
    },
  );
  return linkResults(answer, records.length, 'upsert');
}

/**
 * Deletes Knowledge_Link__c records by their Salesforce ids (composite sObject collections, allOrNone
 * false). A record already gone (deleted in the org, or by an earlier try whose answer was lost)
 * counts as deleted, so a retry is as safe as the upsert's.
 */
export async function deleteLinks(sessions: SalesforceSessions, ids: string[]): Promise<LinkResult[]> {
  if (ids.length > COMPOSITE_LIMIT) throw new Error(`at most ${COMPOSITE_LIMIT} records per composite call`);
  const query = new URLSearchParams({ ids: ids.join(','), allOrNone: 'false' });
  const answer = await sessions.request({ kind: 'integration' }, { method: 'DELETE', url: `/composite/sobjects?${query.toString()}` });
  return linkResults(answer, ids.length, 'delete').map((r) =>
    !r.ok && /^(ENTITY_IS_DELETED|INVALID_CROSS_REFERENCE_KEY|NOT_FOUND)\b/.test(r.error ?? '') ? { ok: true, id: r.id, error: null } : r,
  );
}

/** A composite sObject collections answer, one result per record in order, as the write-back reads it. */
function linkResults(answer: unknown, expected: number, call: 'upsert' | 'delete'): LinkResult[] {
  const results = parseRecord(LinkResults, answer);
  if (results.length !== expected)
    throw new AppError(502, 'salesforce_bad_response', `Salesforce answered the composite ${call} with a different number of results`);
  return results.map((r) => ({
    ok: r.success,
    id: r.id ?? null,
    error: r.success
      ? null
      : (r.errors ?? [])
          .map((e) => `${e.statusCode ?? 'ERROR'}${e.fields?.length ? ` on ${e.fields.join(', ')}` : ''}: ${e.message ?? ''}`)
          .join('; ') || 'failed',
  }));
}
