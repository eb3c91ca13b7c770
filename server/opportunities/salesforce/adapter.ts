import { AppError } from '../../errors';
import { type CrmCaller, type CrmPort, ListOpportunitiesQuery, type Opportunity } from '../schema';
import type { SalesforceConfig } from './config';
import { checkConfiguredFields, describer, stagePicklist } from './describe';
import { isMissingField } from './errors';
import { isSalesforceId, toSalesforceId18 } from './ids';
import { CHILD_QUERIES, opportunityFields, toOpportunity } from './mapping';
import { deleteLinks, upsertLinks, type LinkResult } from './links';
import { ConversionRateRecord, OpportunityRecord, parseRecord, SyncRecord } from './records';
import { SalesforceSessions, type Principal, type SalesforceState, type SessionDeps } from './session';
import { soqlContains, soqlDate, soqlDateTime, soqlId, soqlString } from './soql';
import { ViewCache } from './viewCache';

/*
 * The Salesforce adapter: the only module that imports jsforce. It reads opportunities from the
 * org and translates every Salesforce failure into the hub's AppError (the original kept as `cause`).
 *
 * Whose access applies: with the JWT bearer flow (the default) the adapter mints a token for the
 * calling user's own Salesforce username and queries with it, so sharing rules, field-level security
 * and restriction rules are Salesforce's own (each user's profile must be pre-authorized for the
 * connected app). The refresh-token flow knows only one (integration) user, so there the adapter
 * queries as that user and keeps only records for which UserRecordAccess says the caller has
 * read access; UserRecordAccess ignores restriction rules, which is why JWT is preferred.
 * A caller without a Salesforce user sees nothing, unless they are a hub admin: admins then see
 * what the integration user sees.
 */

/** The most records the UserRecordAccess path reads to fill one list; Salesforce checks 200 ids per query. */
const ACCESS_CHECK_SCAN_LIMIT = 2000;
const ACCESS_CHECK_BATCH = 200;

export interface SalesforceCrmDeps extends SessionDeps {
  /** The Salesforce user id of a hub user, for the `owner` filter. Without it, `owner` must be a Salesforce user id. */
  salesforceUserIdOf?(hubUserId: string): Promise<string | null> | string | null;
}

/** Where the sync stands: the last stored change. */
export interface SyncWatermark {
  /** SystemModstamp as an ISO instant (…Z). */
  stamp: string;
  /** The Id of the last stored record with that stamp. */
  id: string;
}

export interface ChangedOpportunity {
  opportunity: Opportunity;
  /** Its SystemModstamp as an ISO instant. */
  modstamp: string;
}

/** Salesforce writes datetimes as 2025-06-01T00:00:00.000+0000; the hub keeps ISO instants (…Z). */
function toInstant(value: string): string {
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms))
    throw new AppError(502, 'salesforce_bad_response', `Salesforce returned an unreadable SystemModstamp (${value.slice(0, 40)})`);
  return new Date(ms).toISOString();
}

/** How a caller's reads are restricted; see the comment at the top of the file. */
type AccessPlan = { kind: 'none' } | { kind: 'query-as'; principal: Principal } | { kind: 'check-record-access'; userId: string };

/** The CRM port backed by a Salesforce org. */
export class SalesforceCrm implements CrmPort {
  readonly name = 'salesforce' as const;
  readonly amountVisibility: 'crm' | 'hub';
  readonly sessions: SalesforceSessions;
  private withCurrency: boolean;
  /** Users whose field-level security hides Amount (until the hub restarts; FLS rarely changes). */
  private readonly amountHidden = new Set<string>();
  /** Each user's recent get/list answers (SALESFORCE_VIEW_CACHE_SECONDS): repeated views spend no API calls. */
  readonly views: ViewCache;

  constructor(
    readonly config: SalesforceConfig,
    private readonly deps: SalesforceCrmDeps,
  ) {
    this.sessions = new SalesforceSessions(config, deps);
    this.withCurrency = config.multiCurrency !== false;
    // With JWT the query runs as the user, so the Amount the org returns is what its field-level
    // security lets them see; the refresh-token flow reads as the integration user, so the hub's rule applies.
    this.amountVisibility = config.auth.flow === 'jwt' ? 'crm' : 'hub';
    this.views = new ViewCache(config.viewCacheSeconds * 1000, deps.now);
  }

  /**
   * Whose answer a read is: the caller's 18-character Salesforce id, or the integration view an
   * admin without one gets. Null when the caller sees nothing (no call is made, nothing to cache).
   */
  private viewerKey(caller: CrmCaller): string | null {
    if (caller.salesforceUserId === null) return caller.role === 'admin' ? '#integration' : null;
    return toSalesforceId18(caller.salesforceUserId);
  }

  async getOpportunity(id: string, caller: CrmCaller): Promise<Opportunity | null> {
    // Not a Salesforce id: no such record here, and nothing to put in a query.
    if (!isSalesforceId(id)) return null;
    const viewer = this.viewerKey(caller);
    if (viewer === null) return null;
    const id18 = toSalesforceId18(id) ?? id;
    const [found] = await this.views.through(`${viewer}\u0000get\u0000${id18}`, async () => {
      const one = await this.readOpportunity(id, caller);
      return one ? [one] : [];
    });
    return found ?? null;
  }

  async listOpportunities(query: ListOpportunitiesQuery, caller: CrmCaller): Promise<Opportunity[]> {
    const parsed = ListOpportunitiesQuery.parse(query);
    const viewer = this.viewerKey(caller);
    if (viewer === null) return [];
    // The parsed query is the question; owner stays the hub user id (its mapping is read inside).
    const question = JSON.stringify([parsed.owner ?? null, parsed.stage?.trim() ?? null, parsed.q?.trim() ?? null, parsed.limit]);
    return this.views.through(`${viewer}\u0000list\u0000${question}`, () => this.readOpportunities(parsed, caller));
  }

  /** The live read behind getOpportunity. */
  private async readOpportunity(id: string, caller: CrmCaller): Promise<Opportunity | null> {
    const plan = await this.accessPlan(caller);
    if (plan.kind === 'none') return null;
    if (plan.kind === 'check-record-access' && (await this.readableIds(plan.userId, [id])).size === 0) return null;
    const principal = plan.kind === 'query-as' ? plan.principal : { kind: 'integration' as const };
    const [found] = await this.queryOpportunities(principal, [`Id = ${soqlId(id)}`], 1);
    return found ?? null;
  }

  /** The live read behind listOpportunities. */
  private async readOpportunities(query: ListOpportunitiesQuery, caller: CrmCaller): Promise<Opportunity[]> {
    const { owner, stage, q, limit } = query;
    const plan = await this.accessPlan(caller);
    if (plan.kind === 'none') return [];
    const where: string[] = [];
    if (owner !== undefined) {
      const ownerId = this.deps.salesforceUserIdOf ? await this.deps.salesforceUserIdOf(owner) : owner;
      // An owner without a Salesforce user owns no Salesforce opportunities.
      if (!ownerId || !isSalesforceId(ownerId)) return [];
      where.push(`OwnerId = ${soqlId(ownerId)}`);
    }
    if (stage?.trim()) where.push(`StageName = ${soqlString(stage.trim())}`);
    if (q?.trim()) where.push(`Name LIKE ${soqlContains(q.trim())}`);
    if (plan.kind === 'query-as') return this.queryOpportunities(plan.principal, where, limit);
    return this.queryOpportunities({ kind: 'integration' }, where, limit, (ids) => this.readableIds(plan.userId, ids));
  }

  close(): void {
    this.sessions.close();
  }

  /** The org as the last call found it, for /api/health. */
  state(): SalesforceState {
    return this.sessions.state;
  }

  /**
   * Describes Opportunity (and the objects a configured path such as Account.Region__c reaches)
   * once, at start-up: a configured field that does not exist would otherwise fail every query
   * with MALFORMED_QUERY. Throws a SalesforceConfigError naming the variable and the field; also
   * settles 'auto' multi-currency from whether CurrencyIsoCode exists.
   */
  async verifySchema(): Promise<void> {
    await this.describeAndCheck();
    this.schemaChecked = true;
  }

  /** The start-up check, unless it already passed (the sync calls this before its first query). */
  async ensureSchema(): Promise<void> {
    if (!this.schemaChecked) await this.verifySchema();
  }

  private schemaChecked = false;

  /**
   * Pages of opportunities changed after the watermark (SystemModstamp, then Id among equal
   * stamps), oldest change first, at most `limit` in all, read as the integration user: the sync's
   * query. The caller advances the watermark after each page it has stored.
   */
  async *changedSince(after: SyncWatermark | null, limit: number): AsyncGenerator<ChangedOpportunity[]> {
    const stamp = after ? soqlDateTime(after.stamp) : '';
    const where = after ? ` WHERE (SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > ${soqlId(after.id)}))` : '';
    const soql =
      `SELECT ${opportunityFields(this.config, this.withCurrency).join(', ')}, SystemModstamp, ${CHILD_QUERIES.join(', ')} FROM Opportunity` +
      `${where} ORDER BY SystemModstamp ASC, Id ASC LIMIT ${limit}`;
    for await (const records of this.sessions.pages({ kind: 'integration' }, soql)) {
      yield records.map((r) => {
        const record = parseRecord(SyncRecord, r);
        return { opportunity: toOpportunity(record, this.config), modstamp: toInstant(record.SystemModstamp) };
      });
    }
  }

  /**
   * The org's conversion rates on `day` (DatedConversionRate, the rates Salesforce's own reports
   * use for opportunities), as the hub keeps them: what one unit of each currency is worth in the
   * corporate currency (Salesforce stores the inverse: units per corporate unit).
   */
  async conversionRates(day: string): Promise<Record<string, number>> {
    const date = soqlDate(day);
    const soql = `SELECT IsoCode, ConversionRate FROM DatedConversionRate WHERE StartDate <= ${date} AND NextStartDate > ${date}`;
    const rates: Record<string, number> = {};
    for await (const records of this.sessions.pages({ kind: 'integration' }, soql)) {
      for (const r of records) {
        const row = parseRecord(ConversionRateRecord, r);
        if (row.ConversionRate > 0) rates[row.IsoCode] = 1 / row.ConversionRate;
      }
    }
    return rates;
  }

  /** Upserts Knowledge_Link__c records by Hub_Link_Id__c (server/opportunities/salesforce/links.ts). */
  upsertLinks(records: Record<string, unknown>[]): Promise<LinkResult[]> {
    return upsertLinks(this.sessions, records);
  }

  /** Deletes Knowledge_Link__c records by their Salesforce ids; one already gone counts as deleted. */
  deleteLinks(ids: string[]): Promise<LinkResult[]> {
    return deleteLinks(this.sessions, ids);
  }

  private stageList: { at: number; stages: Promise<string[]> } | null = null;

  /**
   * The org's StageName picklist, active values in picklist order (the sales process's pipeline
   * order), from the Opportunity describe; cached ten minutes (admins rarely change it).
   */
  async stages(): Promise<string[]> {
    if (!this.stageList || Date.now() - this.stageList.at > 600_000) {
      const stages = stagePicklist(this.sessions);
      this.stageList = { at: Date.now(), stages };
      // A failed describe is asked again next time rather than cached.
      stages.catch(() => (this.stageList = null));
    }
    return this.stageList.stages;
  }

  private async describeAndCheck(): Promise<void> {
    const describe = describer(this.sessions);
    const opportunity = await describe('Opportunity');
    if (this.config.multiCurrency === 'auto') this.withCurrency = opportunity.fields.some((f) => f.name === 'CurrencyIsoCode');
    await checkConfiguredFields(this.config, describe);
  }

  private async accessPlan(caller: CrmCaller): Promise<AccessPlan> {
    if (caller.salesforceUserId === null)
      return caller.role === 'admin' ? { kind: 'query-as', principal: { kind: 'integration' } } : { kind: 'none' };
    // One session and one username cache entry per user, whichever form of their id the mapping holds.
    const sfUser = toSalesforceId18(caller.salesforceUserId);
    if (sfUser === null) return { kind: 'none' };
    if (this.config.auth.flow === 'refresh_token') return { kind: 'check-record-access', userId: sfUser };
    // An unknown or inactive Salesforce user has no access to anything.
    return (await this.sessions.usernameOf(sfUser)) === null
      ? { kind: 'none' }
      : { kind: 'query-as', principal: { kind: 'user', userId: sfUser } };
  }

  /** Which of `ids` the user can read, by UserRecordAccess (the refresh-token flow's check). */
  private async readableIds(userId: string, ids: string[]): Promise<Set<string>> {
    const readable = new Set<string>();
    for (let i = 0; i < ids.length; i += ACCESS_CHECK_BATCH) {
      const batch = ids.slice(i, i + ACCESS_CHECK_BATCH);
      const soql =
        `SELECT RecordId, HasReadAccess FROM UserRecordAccess WHERE UserId = ${soqlId(userId)} ` +
        `AND RecordId IN (${batch.map(soqlId).join(', ')})`;
      for await (const records of this.sessions.pages({ kind: 'integration' }, soql)) {
        for (const r of records) if (r.HasReadAccess === true && typeof r.RecordId === 'string') readable.add(r.RecordId);
      }
    }
    return readable;
  }

  /**
   * Runs the opportunity query, follows nextRecordsUrl until `limit` records are in, and maps them.
   * With `keep` (the access check), reads up to ACCESS_CHECK_SCAN_LIMIT records to find `limit` readable ones.
   */
  private async queryOpportunities(
    principal: Principal,
    where: string[],
    limit: number,
    keep?: (ids: string[]) => Promise<Set<string>>,
  ): Promise<Opportunity[]> {
    const userKey = principal.kind === 'user' ? principal.userId : '';
    const soql = () =>
      [
        `SELECT ${opportunityFields(this.config, this.withCurrency, !this.amountHidden.has(userKey)).join(', ')}, ${CHILD_QUERIES.join(', ')} FROM Opportunity`,
        where.length ? ` WHERE ${where.join(' AND ')}` : '',
        // Open ones first, as the embedded CRM lists them: soonest to close first, undated last.
        ` ORDER BY IsClosed ASC, CloseDate ASC NULLS LAST, Id ASC LIMIT ${keep ? Math.max(limit, ACCESS_CHECK_SCAN_LIMIT) : limit}`,
      ].join('');
    const found: Opportunity[] = [];
    // At most one retry per reason: each one removes the field it was about.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.collect(principal, soql(), limit, found, keep);
        return found;
      } catch (err) {
        found.length = 0;
        if (attempt < 2 && this.withCurrency && this.config.multiCurrency === 'auto' && isMissingField(err, 'CurrencyIsoCode')) {
          this.withCurrency = false; // a single-currency org: remember, and ask again without the field
        } else if (attempt < 2 && principal.kind === 'user' && !this.amountHidden.has(userKey) && isMissingField(err, 'Amount')) {
          // Field-level security hides Amount from this user, and SOQL then refuses the column:
          // ask again without it, so they see the deal with no amount, as Salesforce shows it.
          this.amountHidden.add(userKey);
        } else throw err;
      }
    }
  }

  private async collect(
    principal: Principal,
    soql: string,
    limit: number,
    found: Opportunity[],
    keep?: (ids: string[]) => Promise<Set<string>>,
  ): Promise<void> {
    for await (const records of this.sessions.pages(principal, soql)) {
      const parsed = records.map((r) => parseRecord(OpportunityRecord, r));
      const allowed = keep ? await keep(parsed.map((r) => r.Id)) : undefined;
      for (const record of parsed) {
        if (allowed && !allowed.has(record.Id)) continue;
        found.push(toOpportunity(record, this.config));
        if (found.length >= limit) return;
      }
    }
  }
}
