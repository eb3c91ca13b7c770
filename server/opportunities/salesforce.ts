import { createPrivateKey, sign as signWithKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Connection } from 'jsforce';
import { z } from 'zod';
import { AppError, Forbidden, Unavailable } from '../errors';
import { isSalesforceId, toSalesforceId18 } from './salesforce/ids';
import { amountBand, ListOpportunitiesQuery, type CrmCaller, type CrmPort, type Opportunity } from './schema';

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

const FieldPath = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,4}$/, 'a field API name such as Segment__c or Account.Region__c');

export const SalesforceConfig = z
  .object({
    loginUrl: z.url({ protocol: /^https?$/ }).default('https://login.salesforce.com').transform((u) => u.replace(/\/+$/, '')),
    clientId: z.string().min(1),
    auth: z.discriminatedUnion('flow', [
      z
        .object({
          flow: z.literal('jwt'),
          /** The integration user: looks up the usernames of calling users. */
          username: z.string().min(1),
          privateKey: z.string().refine(isPrivateKey, 'is not a PEM private key'),
          /** The JWT `aud`; Salesforce wants login.salesforce.com or test.salesforce.com even behind My Domain. */
          audience: z.url().optional(),
        })
        .strict(),
      z.object({ flow: z.literal('refresh_token'), refreshToken: z.string().min(1), clientSecret: z.string().min(1) }).strict(),
    ]),
    apiVersion: z.string().regex(/^\d{2,3}\.0$/, 'like 62.0').default('62.0'),
    /** CurrencyIsoCode exists only in multi-currency orgs; 'auto' asks for it and drops it if the org has none. */
    multiCurrency: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code').default('USD'),
    segmentField: FieldPath.optional(),
    regionField: FieldPath.optional(),
    timeoutMs: z.number().int().min(100).max(600_000).default(20_000),
    /** Retries of idempotent requests on network errors and 5xx, done by jsforce with backoff. */
    maxRetries: z.number().int().min(0).max(5).default(2),
    /** Per-user sessions are re-minted after this; Salesforce does not say when a JWT session ends. */
    userSessionTtlSeconds: z.number().int().min(60).max(86_400).default(900),
  })
  .strict();
export type SalesforceConfig = z.infer<typeof SalesforceConfig>;
export type SalesforceConfigInput = z.input<typeof SalesforceConfig>;

function isPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).type === 'private';
  } catch {
    return false;
  }
}

/** A missing or wrong SALESFORCE_* variable; the message starts with the variable's name. */
export class SalesforceConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'SalesforceConfigError';
  }
}

const privateKeyHint =
  'for the JWT bearer flow (or SALESFORCE_PRIVATE_KEY_FILE; or SALESFORCE_REFRESH_TOKEN and SALESFORCE_CLIENT_SECRET for the refresh-token flow)';

const ENV_OF_PATH: Record<string, string> = {
  loginUrl: 'SALESFORCE_LOGIN_URL',
  clientId: 'SALESFORCE_CLIENT_ID',
  'auth.username': 'SALESFORCE_USERNAME',
  'auth.audience': 'SALESFORCE_JWT_AUDIENCE',
  'auth.refreshToken': 'SALESFORCE_REFRESH_TOKEN',
  'auth.clientSecret': 'SALESFORCE_CLIENT_SECRET',
  apiVersion: 'SALESFORCE_API_VERSION',
  multiCurrency: 'SALESFORCE_MULTI_CURRENCY',
  defaultCurrency: 'SALESFORCE_DEFAULT_CURRENCY',
  segmentField: 'SALESFORCE_SEGMENT_FIELD',
  regionField: 'SALESFORCE_REGION_FIELD',
  timeoutMs: 'SALESFORCE_TIMEOUT_MS',
};

/**
 * Builds the Salesforce config from SALESFORCE_* variables (an empty value counts as unset).
 * Returns undefined when none is set (the hub then uses its local CRM); throws a
 * SalesforceConfigError naming the variable when the set is incomplete or wrong.
 */
export function salesforceConfigFromEnv(env: Record<string, string | undefined>): SalesforceConfig | undefined {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  if (!Object.keys(env).some((k) => k.startsWith('SALESFORCE_') && get(k) !== undefined)) return undefined;
  const need = (name: string, why: string): string => {
    const value = get(name);
    if (value === undefined) throw new SalesforceConfigError(name, `is required ${why}`);
    return value;
  };
  const refreshToken = get('SALESFORCE_REFRESH_TOKEN');
  const keyInline = get('SALESFORCE_PRIVATE_KEY');
  const keyFile = get('SALESFORCE_PRIVATE_KEY_FILE');
  if (keyInline && keyFile) throw new SalesforceConfigError('SALESFORCE_PRIVATE_KEY_FILE', 'set either it or SALESFORCE_PRIVATE_KEY, not both');
  if (refreshToken && (keyInline || keyFile)) {
    throw new SalesforceConfigError(
      'SALESFORCE_REFRESH_TOKEN',
      'set either a private key (JWT bearer flow) or a refresh token (refresh-token flow), not both',
    );
  }
  const clientId = need('SALESFORCE_CLIENT_ID', 'when any SALESFORCE_* variable is set');
  const auth = refreshToken
    ? { flow: 'refresh_token' as const, refreshToken, clientSecret: need('SALESFORCE_CLIENT_SECRET', 'with SALESFORCE_REFRESH_TOKEN') }
    : {
        flow: 'jwt' as const,
        username: need('SALESFORCE_USERNAME', 'for the JWT bearer flow (the integration user)'),
        privateKey: keyFile ? readKeyFile(keyFile) : need('SALESFORCE_PRIVATE_KEY', privateKeyHint).replace(/\\n/g, '\n'),
        audience: get('SALESFORCE_JWT_AUDIENCE'),
      };
  const timeout = get('SALESFORCE_TIMEOUT_MS');
  const parsed = SalesforceConfig.safeParse({
    loginUrl: get('SALESFORCE_LOGIN_URL'),
    clientId,
    auth,
    apiVersion: get('SALESFORCE_API_VERSION'),
    multiCurrency: multiCurrencyFlag(get('SALESFORCE_MULTI_CURRENCY')),
    defaultCurrency: get('SALESFORCE_DEFAULT_CURRENCY'),
    segmentField: get('SALESFORCE_SEGMENT_FIELD'),
    regionField: get('SALESFORCE_REGION_FIELD'),
    timeoutMs: timeout === undefined ? undefined : Number(timeout),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    const variable = path === 'auth.privateKey' ? (keyFile ? 'SALESFORCE_PRIVATE_KEY_FILE' : 'SALESFORCE_PRIVATE_KEY') : (ENV_OF_PATH[path] ?? 'SALESFORCE_*');
    throw new SalesforceConfigError(variable, issue?.message ?? 'is invalid');
  }
  return parsed.data;
}

/** 'auto', a boolean word, or the raw value for the schema to reject with its message. */
function multiCurrencyFlag(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === 'auto') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new SalesforceConfigError('SALESFORCE_PRIVATE_KEY_FILE', `cannot read ${file} (${(err as Error).message})`);
  }
}

// ---------------------------------------------------------------------------------------------
// SOQL building. Values only ever enter a query through these functions.

export { isSalesforceId, toSalesforceId18 } from './salesforce/ids';

/** A quoted SOQL id literal in its 18-character form; throws a 400 for anything that is not a Salesforce id. */
export function soqlId(value: string): string {
  const id = toSalesforceId18(value);
  if (id === null) throw new AppError(400, 'invalid_salesforce_id', 'Not a Salesforce id');
  return `'${id}'`;
}

/**
 * A quoted SOQL string literal that means exactly `value`. Escapes in one pass (so nothing is
 * escaped twice, which is what "backslash first" guarantees when done in several passes):
 * backslash, both quotes, newline, CR and tab get their SOQL escapes, other control characters
 * become \uXXXX, and unpaired surrogates (which cannot be URL-encoded) become U+FFFD.
 */
export function soqlString(value: string): string {
  return `'${escapeSoql(value, false)}'`;
}

/** A quoted LIKE pattern matching names that contain `value`, with its `%` and `_` taken literally. */
export function soqlContains(value: string): string {
  return `'%${escapeSoql(value, true)}%'`;
}

const SOQL_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeSoql(value: string, like: boolean): string {
  const out: string[] = [];
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const escape = SOQL_ESCAPES[ch];
    if (escape) out.push(escape);
    else if (like && (ch === '%' || ch === '_')) out.push(`\\${ch}`);
    else if (code < 0x20 || code === 0x7f) out.push(`\\u${code.toString(16).padStart(4, '0')}`);
    else if (code >= 0xd800 && code <= 0xdfff) out.push('\ufffd');
    else out.push(ch);
  }
  return out.join('');
}

const OPPORTUNITY_FIELDS = ['Id', 'Name', 'Account.Name', 'Account.Industry', 'Amount', 'StageName', 'CloseDate', 'IsClosed', 'IsWon', 'OwnerId', 'Description'];
const CHILD_QUERIES = [
  '(SELECT Product2.Name, Product2.Family FROM OpportunityLineItems)',
  '(SELECT CompetitorName FROM OpportunityCompetitors)',
  '(SELECT Role, Contact.Title FROM OpportunityContactRoles)',
];
/** The most records the UserRecordAccess path reads to fill one list; Salesforce checks 200 ids per query. */
const ACCESS_CHECK_SCAN_LIMIT = 2000;
const ACCESS_CHECK_BATCH = 200;
const MAX_CACHED_USERS = 1000;

// ---------------------------------------------------------------------------------------------
// Wire shapes, checked rather than trusted.

const text = z.string().nullish();
const children = <T extends z.ZodType>(row: T) => z.object({ records: z.array(row) }).loose().nullish();
const OpportunityRecord = z
  .object({
    Id: z.string(),
    Name: text,
    Account: z.object({ Name: text, Industry: text }).loose().nullish(),
    Amount: z.number().nullish(),
    CurrencyIsoCode: text,
    StageName: text,
    CloseDate: text,
    IsClosed: z.boolean().nullish(),
    IsWon: z.boolean().nullish(),
    OwnerId: text,
    Description: text,
    OpportunityLineItems: children(z.object({ Product2: z.object({ Name: text, Family: text }).loose().nullish() }).loose()),
    OpportunityCompetitors: children(z.object({ CompetitorName: text }).loose()),
    OpportunityContactRoles: children(z.object({ Role: text, Contact: z.object({ Title: text }).loose().nullish() }).loose()),
  })
  .loose();
type OpportunityRecord = z.infer<typeof OpportunityRecord>;

const QueryPage = z.object({
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
type QueryPage = z.infer<typeof QueryPage>;

const TokenResponse = z.object({ access_token: z.string().min(1), instance_url: z.url({ protocol: /^https?$/ }) }).loose();
const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() }).loose();

// ---------------------------------------------------------------------------------------------

export interface SalesforceCrmDeps {
  /** The Salesforce user id of a hub user, for the `owner` filter. Without it, `owner` must be a Salesforce user id. */
  salesforceUserIdOf?(hubUserId: string): Promise<string | null> | string | null;
  /** The clock for session lifetimes, in ms; tests move it. (JWT `exp` uses the wall clock Salesforce checks it against.) */
  now?(): number;
  /** Told about each data API call, with the org's API usage when Salesforce reported it (metrics). */
  onApiCall?(outcome: 'ok' | 'error', apiUsage?: { used: number; limit: number }): void;
}

type Principal = { kind: 'integration' } | { kind: 'user'; userId: string };
/** How a caller's reads are restricted; see the comment at the top of the file. */
type AccessPlan =
  | { kind: 'none' }
  | { kind: 'query-as'; principal: Principal }
  | { kind: 'check-record-access'; userId: string };

interface Session {
  conn: Connection;
  instanceUrl: string;
  expiresAt: number;
  invalid: boolean;
}

class TokenRefused extends Error {
  constructor(readonly error: string, readonly description: string) {
    super(`${error}: ${description}`);
  }
}

/** The CRM port backed by a Salesforce org. */
export function createSalesforceCrm(config: SalesforceConfigInput, deps: SalesforceCrmDeps = {}): CrmPort & { close(): void } {
  return new SalesforceCrm(SalesforceConfig.parse(config), deps);
}

class SalesforceCrm implements CrmPort {
  readonly name = 'salesforce' as const;
  readonly amountVisibility: 'crm' | 'hub';
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly usernames = new Map<string, Promise<string | null>>();
  private readonly privateKey: KeyObject | undefined;
  private readonly now: () => number;
  private withCurrency: boolean;

  constructor(private readonly config: SalesforceConfig, private readonly deps: SalesforceCrmDeps) {
    this.privateKey = config.auth.flow === 'jwt' ? createPrivateKey(config.auth.privateKey) : undefined;
    this.now = deps.now ?? Date.now;
    this.withCurrency = config.multiCurrency !== false;
    // With JWT the query runs as the user, so the Amount the org returns is what its field-level
    // security lets them see; the refresh-token flow reads as the integration user, so the hub's rule applies.
    this.amountVisibility = config.auth.flow === 'jwt' ? 'crm' : 'hub';
  }

  async getOpportunity(id: string, caller: CrmCaller): Promise<Opportunity | null> {
    // Not a Salesforce id: no such record here, and nothing to put in a query.
    if (!isSalesforceId(id)) return null;
    const plan = await this.accessPlan(caller);
    if (plan.kind === 'none') return null;
    if (plan.kind === 'check-record-access' && (await this.readableIds(plan.userId, [id])).size === 0) return null;
    const principal = plan.kind === 'query-as' ? plan.principal : { kind: 'integration' as const };
    const [found] = await this.queryOpportunities(principal, [`Id = ${soqlId(id)}`], 1);
    return found ?? null;
  }

  async listOpportunities(query: ListOpportunitiesQuery, caller: CrmCaller): Promise<Opportunity[]> {
    const { owner, stage, q, limit } = ListOpportunitiesQuery.parse(query);
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
    this.sessions.clear();
    this.usernames.clear();
  }

  private async accessPlan(caller: CrmCaller): Promise<AccessPlan> {
    if (caller.salesforceUserId === null) return caller.role === 'admin' ? { kind: 'query-as', principal: { kind: 'integration' } } : { kind: 'none' };
    // One session and one username cache entry per user, whichever form of their id the mapping holds.
    const sfUser = toSalesforceId18(caller.salesforceUserId);
    if (sfUser === null) return { kind: 'none' };
    if (this.config.auth.flow === 'refresh_token') return { kind: 'check-record-access', userId: sfUser };
    // An unknown or inactive Salesforce user has no access to anything.
    return (await this.usernameOf(sfUser)) === null ? { kind: 'none' } : { kind: 'query-as', principal: { kind: 'user', userId: sfUser } };
  }

  /** The user's Salesforce username, or null for an unknown or inactive user; concurrent callers share one lookup. */
  private usernameOf(userId: string): Promise<string | null> {
    const cached = this.usernames.get(userId);
    if (cached) return cached;
    const lookup = this.lookUpUsername(userId);
    remember(this.usernames, userId, lookup);
    // Only found usernames stay cached, so a user created or activated later is found next time.
    const forget = () => {
      if (this.usernames.get(userId) === lookup) this.usernames.delete(userId);
    };
    lookup.then((username) => username ?? forget(), forget);
    return lookup;
  }

  private async lookUpUsername(userId: string): Promise<string | null> {
    const soql = `SELECT Username FROM User WHERE Id = ${soqlId(userId)} AND IsActive = true LIMIT 1`;
    const page = await this.fetchPage({ kind: 'integration' }, `/query?q=${encodeURIComponent(soql)}`);
    const username = page.records[0]?.Username;
    return typeof username === 'string' ? username : null;
  }

  /** Which of `ids` the user can read, by UserRecordAccess (the refresh-token flow's check). */
  private async readableIds(userId: string, ids: string[]): Promise<Set<string>> {
    const readable = new Set<string>();
    for (let i = 0; i < ids.length; i += ACCESS_CHECK_BATCH) {
      const batch = ids.slice(i, i + ACCESS_CHECK_BATCH);
      const soql =
        `SELECT RecordId, HasReadAccess FROM UserRecordAccess WHERE UserId = ${soqlId(userId)} ` +
        `AND RecordId IN (${batch.map(soqlId).join(', ')})`;
      for await (const records of this.pages({ kind: 'integration' }, soql)) {
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
    const soql = () =>
      [
        `SELECT ${this.opportunityFields().join(', ')}, ${CHILD_QUERIES.join(', ')} FROM Opportunity`,
        where.length ? ` WHERE ${where.join(' AND ')}` : '',
        ` ORDER BY CloseDate DESC NULLS LAST, Id ASC LIMIT ${keep ? Math.max(limit, ACCESS_CHECK_SCAN_LIMIT) : limit}`,
      ].join('');
    const found: Opportunity[] = [];
    try {
      await this.collect(principal, soql(), limit, found, keep);
    } catch (err) {
      if (!(this.withCurrency && this.config.multiCurrency === 'auto' && isMissingCurrencyField(err))) throw err;
      this.withCurrency = false; // a single-currency org: remember, and ask again without the field
      found.length = 0;
      await this.collect(principal, soql(), limit, found, keep);
    }
    return found;
  }

  private async collect(
    principal: Principal,
    soql: string,
    limit: number,
    found: Opportunity[],
    keep?: (ids: string[]) => Promise<Set<string>>,
  ): Promise<void> {
    for await (const records of this.pages(principal, soql)) {
      const parsed = records.map((r) => parseRecord(OpportunityRecord, r));
      const allowed = keep ? await keep(parsed.map((r) => r.Id)) : undefined;
      for (const record of parsed) {
        if (allowed && !allowed.has(record.Id)) continue;
        found.push(this.toOpportunity(record));
        if (found.length >= limit) return;
      }
    }
  }

  private opportunityFields(): string[] {
    const fields = [...OPPORTUNITY_FIELDS];
    if (this.withCurrency) fields.push('CurrencyIsoCode');
    for (const f of [this.config.segmentField, this.config.regionField]) if (f && !fields.includes(f)) fields.push(f);
    return fields;
  }

  private toOpportunity(r: OpportunityRecord): Opportunity {
    return {
      // The REST API answers 18-character ids already; normalising keeps every comparison on one form.
      id: toSalesforceId18(r.Id) ?? r.Id,
      name: r.Name ?? '',
      accountName: r.Account?.Name ?? '',
      industry: r.Account?.Industry ?? null,
      segment: textAt(r, this.config.segmentField),
      region: textAt(r, this.config.regionField),
      amount: r.Amount ?? null,
      amountBand: amountBand(r.Amount ?? null),
      currency: r.CurrencyIsoCode || this.config.defaultCurrency,
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

  /** The query's pages: the first, then each nextRecordsUrl. */
  private async *pages(principal: Principal, soql: string): AsyncGenerator<Record<string, unknown>[]> {
    let page = await this.fetchPage(principal, `/query?q=${encodeURIComponent(soql)}`);
    yield page.records;
    while (!page.done && page.nextRecordsUrl) {
      // The bearer token goes wherever this points, so only follow Salesforce's own query locators.
      if (!/^\/services\/data\/v\d+\.\d\/query\/[A-Za-z0-9-]+$/.test(page.nextRecordsUrl)) {
        throw new AppError(502, 'salesforce_bad_response', 'Salesforce returned an unexpected nextRecordsUrl');
      }
      page = await this.fetchPage(principal, page.nextRecordsUrl);
      yield page.records;
    }
  }

  /**
   * One GET through jsforce. `conn.request` rather than `conn.query`/`queryMore`, because only
   * `request` takes the retry and timeout options; jsforce otherwise retries a dead host for ~15 s
   * and waits up to 30 min for an answer. On INVALID_SESSION_ID: one new session, one retry.
   */
  private async fetchPage(principal: Principal, url: string): Promise<QueryPage> {
    const options = { retry: { maxRetries: this.config.maxRetries, minTimeout: 250 }, timeout: this.config.timeoutMs };
    const attempt = async (): Promise<QueryPage> => {
      const session = await this.session(principal);
      try {
        const page = await session.conn.request<unknown>({ method: 'GET', url }, options);
        this.deps.onApiCall?.('ok', apiUsageOf(session.conn));
        return parseRecord(QueryPage, page);
      } catch (err) {
        this.deps.onApiCall?.('error', apiUsageOf(session.conn));
        if (salesforceCode(err) === 'INVALID_SESSION_ID') session.invalid = true;
        throw translateError(err, session.instanceUrl);
      }
    };
    try {
      return await attempt();
    } catch (err) {
      if (salesforceCode(err) !== 'INVALID_SESSION_ID') throw err;
      return attempt();
    }
  }

  /** A cached session for the principal; concurrent callers share one token request. */
  private async session(principal: Principal): Promise<Session> {
    const key = principal.kind === 'user' ? principal.userId : '';
    const cached = this.sessions.get(key);
    if (cached) {
      const session = await cached.catch(() => undefined);
      if (session && !session.invalid && session.expiresAt > this.now()) return session;
      if (this.sessions.get(key) !== cached) return this.session(principal);
    }
    const minted = this.mint(principal);
    remember(this.sessions, key, minted);
    minted.catch(() => {
      if (this.sessions.get(key) === minted) this.sessions.delete(key);
    });
    return minted;
  }

  private async mint(principal: Principal): Promise<Session> {
    const { auth } = this.config;
    let username: string | null = null;
    try {
      let form: Record<string, string>;
      if (auth.flow === 'refresh_token') {
        form = { grant_type: 'refresh_token', client_id: this.config.clientId, client_secret: auth.clientSecret, refresh_token: auth.refreshToken };
      } else {
        username = principal.kind === 'user' ? await this.usernameOf(principal.userId) : auth.username;
        if (username === null) throw new Forbidden('Your Salesforce user is unknown or inactive');
        form = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.assertion(username) };
      }
      const token = await this.requestToken(form);
      const ttl = principal.kind === 'user' ? this.config.userSessionTtlSeconds * 1000 : Infinity;
      return {
        conn: new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: this.config.apiVersion }),
        instanceUrl: token.instance_url,
        expiresAt: this.now() + ttl,
        invalid: false,
      };
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      if (principal.kind === 'user') {
        this.usernames.delete(principal.userId);
        throw new Forbidden(`Salesforce refused a session for your Salesforce user (${err.description})`);
      }
      throw new AppError(503, 'salesforce_auth_failed', `Salesforce refused the hub's credentials (${err.message})`, undefined, { cause: err });
    }
  }

  /** The JWT bearer assertion: RS256 over iss/sub/aud/exp, valid for three minutes. */
  private assertion(username: string): string {
    const auth = this.config.auth;
    if (auth.flow !== 'jwt' || !this.privateKey) throw new Error('JWT assertion without the JWT bearer flow');
    const claims = { iss: this.config.clientId, sub: username, aud: auth.audience ?? this.config.loginUrl, exp: Math.floor(Date.now() / 1000) + 180 };
    const input = `${base64url({ alg: 'RS256' })}.${base64url(claims)}`;
    return `${input}.${signWithKey('RSA-SHA256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }

  private async requestToken(form: Record<string, string>): Promise<z.infer<typeof TokenResponse>> {
    const { loginUrl } = this.config;
    let res: Response;
    try {
      res = await fetch(`${loginUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (err) {
      throw new Unavailable(`Salesforce is unreachable at ${loginUrl}`, { cause: err });
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (res.status >= 500) throw new Unavailable(`Salesforce at ${loginUrl} answered HTTP ${res.status}`);
    if (!res.ok) {
      const refused = OAuthError.safeParse(body);
      if (refused.success) throw new TokenRefused(refused.data.error, refused.data.error_description ?? refused.data.error);
      throw new AppError(502, 'salesforce_bad_response', `Salesforce's token endpoint answered HTTP ${res.status}`);
    }
    return parseRecord(TokenResponse, body);
  }
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A Map used as a bounded cache: the oldest entry goes first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  const oldest = map.keys().next();
  if (map.size > MAX_CACHED_USERS && !oldest.done) map.delete(oldest.value);
}

function parseRecord<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError(502, 'salesforce_bad_response', 'Salesforce returned an unexpected response', undefined, { cause: parsed.error });
  return parsed.data;
}

function textAt(record: Record<string, unknown>, path: string | undefined): string | null {
  if (!path) return null;
  let value: unknown = record;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** Salesforce's error code on a jsforce error (HttpApiError sets `errorCode`), or on its `cause`. */
function salesforceCode(err: unknown): string | undefined {
  if (err instanceof AppError) return salesforceCode(err.cause);
  const code = err instanceof Error ? (err as { errorCode?: unknown }).errorCode : undefined;
  return typeof code === 'string' ? code : undefined;
}

function isMissingCurrencyField(err: unknown): boolean {
  const cause = err instanceof AppError ? err.cause : err;
  return salesforceCode(err) === 'INVALID_FIELD' && cause instanceof Error && cause.message.includes('CurrencyIsoCode');
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET']);

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return ['FetchError', 'AbortError', 'TimeoutError'].includes(err.name) || (typeof code === 'string' && NETWORK_ERRORS.has(code));
}

/** Salesforce and transport failures in the hub's terms; the original stays as `cause`. */
function translateError(err: unknown, url: string): AppError {
  if (err instanceof AppError) return err;
  const code = salesforceCode(err);
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new AppError(503, 'salesforce_limit_exceeded', "The Salesforce org's API request limit is used up; try again later", undefined, { cause: err });
  }
  if (code === 'INVALID_SESSION_ID') {
    return new AppError(503, 'salesforce_auth_failed', 'Salesforce rejected the session (INVALID_SESSION_ID)', undefined, { cause: err });
  }
  if (code?.startsWith('ERROR_HTTP_5')) return new Unavailable(`Salesforce at ${url} answered ${code.slice('ERROR_'.length).replace('_', ' ')}`, { cause: err });
  if (code) return new AppError(502, 'salesforce_error', `Salesforce rejected the request (${code})`, undefined, { cause: err });
  if (isNetworkError(err)) return new Unavailable(`Salesforce is unreachable at ${url}`, { cause: err });
  return new AppError(502, 'salesforce_error', 'The request to Salesforce failed', undefined, { cause: err });
}

/** jsforce keeps the last Sforce-Limit-Info header it saw as `limitInfo.apiUsage`. */
function apiUsageOf(conn: Connection): { used: number; limit: number } | undefined {
  const usage = (conn.limitInfo as { apiUsage?: { used: number; limit: number } } | undefined)?.apiUsage;
  return usage && Number.isFinite(usage.used) && Number.isFinite(usage.limit) ? { used: usage.used, limit: usage.limit } : undefined;
}
