import { createHmac, randomBytes, verify as verifySignature, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A stand-in for a Salesforce org that speaks the REST wire format closely enough for the real
 * jsforce client: the OAuth token endpoint (JWT bearer and refresh-token grants), the query
 * endpoint with nextRecordsUrl pagination, child-relationship subqueries, and Salesforce's error
 * bodies. It evaluates SOQL with a small parser of its own, including the string-literal escapes
 * and the LIKE wildcards, so tests of the adapter's escaping are tests against SOQL's rules.
 */

export interface WireUser {
  Id: string;
  Username: string;
  Name?: string;
  IsActive?: boolean;
  /** The opportunities this user can read: Salesforce's sharing, reduced to a list. */
  visibleOpportunityIds: 'all' | string[];
  /** false: the connected app is not pre-authorized for this user's profile. */
  connectedAppApproved?: boolean;
  /** Opportunity fields field-level security hides from this user: SOQL naming them fails with INVALID_FIELD. */
  hiddenFields?: string[];
}

export interface WireOpportunity {
  Id: string;
  Name: string;
  Account?: { Name: string; Industry?: string | null } | null;
  Amount?: number | null;
  CurrencyIsoCode?: string;
  StageName: string;
  CloseDate?: string | null;
  IsClosed?: boolean;
  IsWon?: boolean;
  OwnerId: string;
  Description?: string | null;
  /** Values of custom fields by API name, e.g. { Segment__c: 'Enterprise', 'Account.Region__c': 'EMEA' }. */
  custom?: Record<string, string | number | boolean | null>;
  lineItems?: { product: string; family?: string | null }[];
  competitors?: string[];
  contactRoles?: { role?: string | null; title?: string | null }[];
  /** When the record last changed (Salesforce's format, e.g. 2025-01-01T00:00:00.000+0000); `touchOpportunity` moves it. */
  SystemModstamp?: string;
}

/** A Knowledge_Link__c record as the composite upsert stored it. */
export interface WireLink {
  Id: string;
  fields: Record<string, unknown>;
}

export interface SalesforceWireOptions {
  clientId: string;
  /** Verifies JWT bearer assertions. */
  publicKey?: KeyObject | string;
  clientSecret?: string;
  /** Refresh token → the username it belongs to. */
  refreshTokens?: Record<string, string>;
  users: WireUser[];
  opportunities: WireOpportunity[];
  /** Whether Opportunity has CurrencyIsoCode (multi-currency org). */
  multiCurrency?: boolean;
  /** DatedConversionRate rows (multi-currency orgs): units of IsoCode per unit of the corporate currency, from StartDate until NextStartDate. */
  conversionRates?: { IsoCode: string; ConversionRate: number; StartDate: string; NextStartDate: string }[];
  /** Custom fields on Opportunity (values in WireOpportunity.custom). */
  customFields?: string[];
  /** Records per query page; Salesforce's default is 2000. */
  pageSize?: number;
  /** The JWT `aud` to accept; default the server's own URL. */
  audience?: string;
  /** The instance_url handed out with tokens; default the server's own URL. */
  instanceUrl?: string;
  /** The org's daily API request limit reported in Sforce-Limit-Info (default 15000). */
  dailyApiLimit?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The decoded `q` of a query request. */
  soql?: string;
  authorization?: string;
  /** The form body of a token request. */
  form?: Record<string, string>;
}

export interface IssuedToken {
  grantType: string;
  username: string;
  accessToken: string;
  jwt?: { header: Record<string, unknown>; claims: Record<string, unknown> };
}

export interface SalesforceWire {
  url: string;
  requests: RecordedRequest[];
  tokens: IssuedToken[];
  /** The SOQL of every query request, in order. */
  soql(): string[];
  /** Makes every token (or those of one username) answer INVALID_SESSION_ID from now on. */
  expireTokens(username?: string): void;
  /** The next `n` data API calls answer 403 REQUEST_LIMIT_EXCEEDED. */
  failNextWithRequestLimit(n: number): void;
  /** The next `n` data API calls (after `afterCalls` more that succeed) answer 503 SERVER_UNAVAILABLE: an outage. */
  failNextWithOutage(n: number, afterCalls?: number): void;
  /** Changes an opportunity as a user would in Salesforce: its SystemModstamp moves past every other. */
  touchOpportunity(id: string, patch: Partial<WireOpportunity>): void;
  /** Knowledge_Link__c records by their external id Hub_Link_Id__c. */
  links: Map<string, WireLink>;
  /** Data API calls answered so far (what Sforce-Limit-Info reports as used). */
  apiCalls(): number;
  clearRecords(): void;
  close(): Promise<void>;
}

export async function startSalesforceWire(options: SalesforceWireOptions): Promise<SalesforceWire> {
  const sessions = new Map<string, { user: WireUser; expired: boolean }>();
  const locators = new Map<string, { userId: string; records: Record<string, unknown>[] }>();
  const requests: RecordedRequest[] = [];
  const tokens: IssuedToken[] = [];
  const pageSize = options.pageSize ?? 2000;
  let limitFailures = 0;
  let outageFailures = 0;
  let outageDelay = 0;
  let apiCalls = 0;
  let modstampClock = Date.parse('2025-06-01T00:00:00Z');
  const links = new Map<string, WireLink>();
  let linkCount = 0;
  const limitInfo = () => ({ 'sforce-limit-info': `api-usage=${apiCalls}/${options.dailyApiLimit ?? 15000}` });
  let locatorCount = 0;
  let url = '';

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, [{ message: String(err), errorCode: 'UNKNOWN_EXCEPTION' }]));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const reqUrl = new URL(req.url ?? '/', url);
    const record: RecordedRequest = { method: req.method ?? 'GET', path: reqUrl.pathname, authorization: req.headers.authorization };
    requests.push(record);
    if (record.method === 'POST' && record.path === '/services/oauth2/token') {
      record.form = Object.fromEntries(new URLSearchParams(body));
      return token(record.form, res);
    }
    const notFound = () => send(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    if (!/^\/services\/data\/v\d+\.\d\//.test(record.path)) return notFound();
    const bearer = /^(?:Bearer|OAuth) (.+)$/.exec(record.authorization ?? '')?.[1];
    const session = bearer === undefined ? undefined : sessions.get(bearer);
    if (!session || session.expired) return send(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    if (outageFailures > 0 && outageDelay > 0) outageDelay -= 1;
    else if (outageFailures > 0) {
      outageFailures -= 1;
      return send(res, 503, [{ message: 'Server temporarily unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
    }
    if (limitFailures > 0) {
      limitFailures -= 1;
      return send(res, 403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    }
    apiCalls += 1;
    const described = /^\/services\/data\/v\d+\.\d\/sobjects\/(\w+)\/describe\/?$/.exec(record.path);
    if (described && record.method === 'GET') {
      const result = describe(described[1] ?? '');
      return result
        ? send(res, 200, result, limitInfo())
        : send(res, 404, [{ message: `The requested resource does not exist`, errorCode: 'NOT_FOUND' }]);
    }
    const upsert = /^\/services\/data\/v\d+\.\d\/composite\/sobjects\/Knowledge_Link__c\/Hub_Link_Id__c\/?$/.exec(record.path);
    if (upsert && record.method === 'PATCH') return send(res, 200, upsertLinks(body), limitInfo());
    if (/^\/services\/data\/v\d+\.\d\/composite\/sobjects\/?$/.test(record.path) && record.method === 'DELETE') {
      return send(res, 200, deleteLinks((reqUrl.searchParams.get('ids') ?? '').split(',').filter(Boolean)), limitInfo());
    }
    const route = /^\/services\/data\/v(\d+\.\d)\/query(?:\/([A-Za-z0-9]+)-(\d+))?\/?$/.exec(record.path);
    if (!route || record.method !== 'GET') return notFound();
    const [, version = '', locator, offset] = route;
    if (locator === undefined) record.soql = reqUrl.searchParams.get('q') ?? undefined;
    if (locator !== undefined) {
      const cursor = locators.get(locator);
      if (!cursor || cursor.userId !== session.user.Id)
        return send(res, 400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
      return send(res, 200, page(locator, cursor.records, Number(offset), version), limitInfo());
    }
    if (record.soql === undefined) return send(res, 400, [{ message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' }]);
    let records: Record<string, unknown>[];
    try {
      records = runQuery(record.soql, session.user, version);
    } catch (err) {
      if (err instanceof SoqlError) return send(res, 400, [{ message: err.message, errorCode: err.code }]);
      throw err;
    }
    let id = '';
    if (records.length > pageSize) {
      locatorCount += 1;
      id = `01g${String(locatorCount).padStart(15, '0')}`;
      locators.set(id, { userId: session.user.Id, records });
    }
    return send(res, 200, page(id, records, 0, version), limitInfo());
  }

  /** Salesforce's describe, reduced to what clients read: field names, relationships and their targets. */
  function describe(type: string): object | undefined {
    const schemas = objects();
    const name =
      Object.keys(schemas).find((n) => n.toLowerCase() === type.toLowerCase()) ??
      Object.values(RELATIONSHIP_TYPES).find((t) => t.toLowerCase() === type.toLowerCase());
    if (!name) return undefined;
    const fields = new Map<string, { name: string; type: string; relationshipName: string | null; referenceTo: string[] }>();
    const own = schemas[name]?.fields ?? [];
    for (const f of own.filter((x) => !x.includes('.')))
      fields.set(f, { name: f, type: f === 'Id' ? 'id' : 'string', relationshipName: null, referenceTo: [] });
    for (const f of own.filter((x) => x.includes('.'))) {
      const rel = f.split('.')[0] ?? '';
      fields.set(`${rel}Id`, { name: `${rel}Id`, type: 'reference', relationshipName: rel, referenceTo: [RELATIONSHIP_TYPES[rel] ?? rel] });
    }
    // A parent object's fields are those its children's queries may reach (Account.Industry → Industry on Account).
    for (const schema of Object.values(schemas)) {
      for (const f of schema.fields) {
        const [rel, field, ...rest] = f.split('.');
        if (field && rest.length === 0 && RELATIONSHIP_TYPES[rel ?? ''] === name)
          fields.set(field, { name: field, type: field === 'Id' ? 'id' : 'string', relationshipName: null, referenceTo: [] });
      }
    }
    // The sales process's stages, in picklist order (one inactive: describe lists it, flagged).
    const stage = fields.get('StageName');
    if (stage) {
      const values = [
        'Prospecting',
        'Qualification',
        'Needs Analysis',
        'Proposal/Price Quote',
        'Negotiation/Review',
        'Legacy Stage',
        'Closed Won',
        'Closed Lost',
      ];
      Object.assign(stage, {
        type: 'picklist',
        picklistValues: values.map((value) => ({ value, label: value, active: value !== 'Legacy Stage' })),
      });
    }
    return { name, fields: [...fields.values()] };
  }

  /** The composite upsert by external id: one result per record, in order; allOrNone false. */
  function upsertLinks(body: string): object[] {
    const { records } = JSON.parse(body) as { records: Record<string, unknown>[] };
    return records.map((r) => {
      const key = String(r.Hub_Link_Id__c ?? '');
      if (!key)
        return {
          success: false,
          errors: [
            { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Hub_Link_Id__c]', fields: ['Hub_Link_Id__c'] },
          ],
        };
      const { attributes: _a, ...fields } = r;
      const existing = links.get(key);
      // A counter, not the map's size: ids of deleted links are never handed out again.
      linkCount += existing ? 0 : 1;
      const id = existing?.Id ?? fakeId('a0K', linkCount);
      links.set(key, { Id: id, fields: { ...(existing?.fields ?? {}), ...fields } });
      return { id, success: true, errors: [], created: !existing };
    });
  }

  /** The composite delete by ids (allOrNone false): a record already gone answers ENTITY_IS_DELETED, as the org does. */
  function deleteLinks(ids: string[]): object[] {
    return ids.map((id) => {
      const key = [...links.entries()].find(([, l]) => l.Id === id)?.[0];
      if (key === undefined)
        return { id, success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] };
      links.delete(key);
      return { id, success: true, errors: [] };
    });
  }

  function page(locator: string, records: Record<string, unknown>[], offset: number, version: string): object {
    const next = offset + pageSize;
    const done = next >= records.length;
    return {
      totalSize: records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locator}-${next}` }),
      records: records.slice(offset, next),
    };
  }

  function token(form: Record<string, string>, res: http.ServerResponse): void {
    const refuse = (error: string, description: string) => send(res, 400, { error, error_description: description });
    let user: WireUser | undefined;
    let jwt: IssuedToken['jwt'];
    if (form.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const checked = checkAssertion(form.assertion ?? '');
      if ('error' in checked) return refuse(checked.error, checked.description);
      ({ user, jwt } = checked);
    } else if (form.grant_type === 'refresh_token') {
      if (form.client_id !== options.clientId) return refuse('invalid_client_id', 'client identifier invalid');
      if (options.clientSecret === undefined || form.client_secret !== options.clientSecret)
        return refuse('invalid_client', 'invalid client credentials');
      const username = options.refreshTokens?.[form.refresh_token ?? ''];
      user = options.users.find((u) => u.Username === username && u.IsActive !== false);
      if (!user) return refuse('invalid_grant', 'expired access/refresh token');
    } else {
      return refuse('unsupported_grant_type', 'grant type not supported');
    }
    const accessToken = `00D000000000001!${randomBytes(24).toString('base64url')}`;
    sessions.set(accessToken, { user, expired: false });
    tokens.push({ grantType: form.grant_type, username: user.Username, accessToken, ...(jwt ? { jwt } : {}) });
    const id = `${url}/id/00D000000000001EAA/${user.Id}`;
    const issuedAt = String(Date.now());
    send(res, 200, {
      access_token: accessToken,
      signature: createHmac('sha256', options.clientSecret ?? options.clientId)
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'api',
      instance_url: options.instanceUrl ?? url,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    });
  }

  function checkAssertion(
    assertion: string,
  ): { user: WireUser; jwt: NonNullable<IssuedToken['jwt']> } | { error: string; description: string } {
    const invalid = { error: 'invalid_grant', description: 'invalid assertion' };
    const [h, p, s, ...rest] = assertion.split('.');
    if (h === undefined || p === undefined || s === undefined || rest.length > 0 || !options.publicKey) return invalid;
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return invalid;
    }
    if (header.alg !== 'RS256') return invalid;
    if (!verifySignature('RSA-SHA256', Buffer.from(`${h}.${p}`), options.publicKey, Buffer.from(s, 'base64url'))) return invalid;
    if (claims.iss !== options.clientId) return { error: 'invalid_client_id', description: 'client identifier invalid' };
    if (claims.aud !== (options.audience ?? url)) return { error: 'invalid_grant', description: 'audience is invalid' };
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now || claims.exp > now + 300)
      return { error: 'invalid_grant', description: 'invalid assertion: exp' };
    const user = options.users.find((u) => typeof claims.sub === 'string' && u.Username.toLowerCase() === claims.sub.toLowerCase());
    if (!user || user.IsActive === false) return { error: 'invalid_grant', description: 'invalid assertion: user' };
    if (user.connectedAppApproved === false) return { error: 'invalid_grant', description: "user hasn't approved this consumer" };
    return { user, jwt: { header, claims } };
  }

  function runQuery(soql: string, user: WireUser, version: string): Record<string, unknown>[] {
    if (soql.length > 100_000) throw new SoqlError('MALFORMED_QUERY', 'The SOQL statement is longer than 100,000 characters');
    const query = parseSoql(soql);
    const type = canonicalName(
      Object.keys(objects()),
      query.object,
      () => new SoqlError('INVALID_TYPE', `sObject type '${query.object}' is not supported.`),
    );
    resolveQuery(type, query);
    if (type === 'Opportunity') {
      for (const item of query.items) {
        if (item.kind === 'field' && user.hiddenFields?.includes(item.path)) {
          throw new SoqlError(
            'INVALID_FIELD',
            `No such column '${item.path}' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
          );
        }
      }
    }
    let rows: Row[];
    if (type === 'Opportunity') {
      rows = options.opportunities
        .filter((o) => user.visibleOpportunityIds === 'all' || user.visibleOpportunityIds.includes(o.Id))
        .map((o, i) => opportunityRow(o, i));
    } else if (type === 'DatedConversionRate') {
      rows = (options.conversionRates ?? []).map((r, i) => ({ Id: fakeId('04w', i), ...r }));
    } else if (type === 'User') {
      rows = options.users.map((u) => ({ Id: u.Id, Username: u.Username, Name: u.Name ?? u.Username, IsActive: u.IsActive !== false }));
    } else {
      const userId = userIdFilter(query.where);
      if (userId === undefined) throw new SoqlError('MALFORMED_QUERY', 'UserRecordAccess needs a filter on UserId');
      const subject = options.users.find((u) => u.Id === userId);
      rows = options.opportunities.map((o) => ({
        Id: o.Id,
        UserId: userId,
        RecordId: o.Id,
        HasReadAccess: subject !== undefined && (subject.visibleOpportunityIds === 'all' || subject.visibleOpportunityIds.includes(o.Id)),
      }));
    }
    const selected = select(rows, query);
    if (type === 'UserRecordAccess' && selected.length > 200) throw new SoqlError('MALFORMED_QUERY', 'Number of records exceeds limit:200');
    return selected.map((row) => project(type, row, query, version));
  }

  function objects(): Record<string, { fields: string[]; children?: Record<string, string> }> {
    return {
      Opportunity: {
        fields: [
          'Id',
          'Name',
          'AccountId',
          'Account.Id',
          'Account.Name',
          'Account.Industry',
          'Amount',
          'StageName',
          'CloseDate',
          'IsClosed',
          'IsWon',
          'OwnerId',
          'Description',
          'SystemModstamp',
          ...(options.multiCurrency ? ['CurrencyIsoCode'] : []),
          ...(options.customFields ?? []),
        ],
        children: {
          OpportunityLineItems: 'OpportunityLineItem',
          OpportunityCompetitors: 'OpportunityCompetitor',
          OpportunityContactRoles: 'OpportunityContactRole',
        },
      },
      OpportunityLineItem: { fields: ['Id', 'Product2Id', 'Product2.Id', 'Product2.Name', 'Product2.Family'] },
      OpportunityCompetitor: { fields: ['Id', 'CompetitorName'] },
      OpportunityContactRole: { fields: ['Id', 'Role', 'ContactId', 'Contact.Id', 'Contact.Title'] },
      User: { fields: ['Id', 'Username', 'Name', 'IsActive'] },
      UserRecordAccess: { fields: ['Id', 'UserId', 'RecordId', 'HasReadAccess'] },
      ...(options.multiCurrency
        ? { DatedConversionRate: { fields: ['Id', 'IsoCode', 'ConversionRate', 'StartDate', 'NextStartDate'] } }
        : {}),
    };
  }

  /** Replaces every field and relationship name in the query by its canonical spelling, or throws INVALID_FIELD. */
  function resolveQuery(type: string, query: SoqlQuery): void {
    const schema = objects()[type];
    if (!schema) throw new SoqlError('INVALID_TYPE', `sObject type '${type}' is not supported.`);
    const field = (name: string) =>
      canonicalName(
        schema.fields,
        name,
        () =>
          new SoqlError(
            'INVALID_FIELD',
            `No such column '${name}' on entity '${type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
          ),
      );
    for (const item of query.items) {
      if (item.kind === 'field') item.path = field(item.path);
      else {
        const relationship = canonicalName(
          Object.keys(schema.children ?? {}),
          item.query.object,
          () => new SoqlError('INVALID_TYPE', `Didn't understand relationship '${item.query.object}' in FROM part of query call.`),
        );
        item.query.object = relationship;
        resolveQuery(schema.children?.[relationship] ?? '', item.query);
      }
    }
    const walk = (c: Condition | undefined): void => {
      if (!c) return;
      if ('items' in c) c.items.forEach(walk);
      else if (c.kind === 'not') walk(c.item);
      else c.field = field(c.field);
    };
    walk(query.where);
    for (const o of query.orderBy) o.field = field(o.field);
  }

  function project(type: string, row: Row, query: SoqlQuery, version: string): Record<string, unknown> {
    const sobjectUrl = (t: string, id: unknown) => `/services/data/v${version}/sobjects/${t}/${String(id)}`;
    const out: Record<string, unknown> = { attributes: { type, url: sobjectUrl(type, row.Id) } };
    for (const item of query.items) {
      if (item.kind === 'field') {
        const parts = item.path.split('.');
        let target: Record<string, unknown> | null = out;
        let source: Row = row;
        for (const rel of parts.slice(0, -1)) {
          const parent = source[rel] as Row | null | undefined;
          if (!parent) {
            target[rel] = null;
            target = null;
            break;
          }
          const existing = target[rel] as Record<string, unknown> | null | undefined;
          const next: Record<string, unknown> = existing ?? {
            attributes: { type: RELATIONSHIP_TYPES[rel] ?? rel, url: sobjectUrl(RELATIONSHIP_TYPES[rel] ?? rel, parent.Id) },
          };
          target[rel] = next;
          target = next;
          source = parent;
        }
        const last = parts[parts.length - 1] ?? '';
        if (target) target[last] = source[last] ?? null;
      } else {
        const childType = objects()[type]?.children?.[item.query.object] ?? '';
        const childRows = select((row[item.query.object] as Row[] | undefined) ?? [], item.query);
        out[item.query.object] =
          childRows.length === 0
            ? null
            : { totalSize: childRows.length, done: true, records: childRows.map((r) => project(childType, r, item.query, version)) };
      }
    }
    return out;
  }

  function opportunityRow(o: WireOpportunity, index: number): Row {
    const account = o.Account ? { Id: fakeId('001', index), Name: o.Account.Name, Industry: o.Account.Industry ?? null } : null;
    const row: Row = {
      Id: o.Id,
      Name: o.Name,
      AccountId: account?.Id ?? null,
      Account: account,
      Amount: o.Amount ?? null,
      ...(options.multiCurrency ? { CurrencyIsoCode: o.CurrencyIsoCode ?? 'USD' } : {}),
      StageName: o.StageName,
      CloseDate: o.CloseDate ?? null,
      IsClosed: o.IsClosed ?? false,
      IsWon: o.IsWon ?? false,
      OwnerId: o.OwnerId,
      Description: o.Description ?? null,
      SystemModstamp: o.SystemModstamp ?? '2025-01-01T00:00:00.000+0000',
      OpportunityLineItems: (o.lineItems ?? []).map((li, k) => {
        const product = { Id: fakeId('01t', index * 100 + k), Name: li.product, Family: li.family ?? null };
        return { Id: fakeId('00k', index * 100 + k), Product2Id: product.Id, Product2: product };
      }),
      OpportunityCompetitors: (o.competitors ?? []).map((name, k) => ({ Id: fakeId('0Kr', index * 100 + k), CompetitorName: name })),
      OpportunityContactRoles: (o.contactRoles ?? []).map((cr, k) => {
        const contact = { Id: fakeId('003', index * 100 + k), Title: cr.title ?? null };
        return { Id: fakeId('00K', index * 100 + k), Role: cr.role ?? null, ContactId: contact.Id, Contact: contact };
      }),
    };
    for (const name of options.customFields ?? []) {
      const parts = name.split('.');
      const holder = parts.slice(0, -1).reduce<Row | null>((r, rel) => (r?.[rel] as Row | null | undefined) ?? null, row);
      if (holder) holder[parts[parts.length - 1] ?? ''] = o.custom?.[name] ?? null;
    }
    return row;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    tokens,
    soql: () => requests.flatMap((r) => (r.soql === undefined ? [] : [r.soql])),
    expireTokens(username) {
      for (const s of sessions.values()) if (username === undefined || s.user.Username === username) s.expired = true;
    },
    failNextWithRequestLimit(n) {
      limitFailures = n;
    },
    failNextWithOutage(n, afterCalls = 0) {
      outageFailures = n;
      outageDelay = afterCalls;
    },
    touchOpportunity(id, patch) {
      const target = options.opportunities.find((o) => o.Id === id);
      if (!target) throw new Error(`no opportunity ${id}`);
      modstampClock = Math.max(modstampClock + 1000, Date.now());
      Object.assign(target, patch, { SystemModstamp: new Date(modstampClock).toISOString().replace('Z', '+0000') });
    },
    links,
    apiCalls: () => apiCalls,
    clearRecords() {
      requests.length = 0;
      tokens.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

type Row = Record<string, unknown>;

const RELATIONSHIP_TYPES: Record<string, string> = { Account: 'Account', Product2: 'Product2', Contact: 'Contact' };

function fakeId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

function canonicalName(names: string[], name: string, fail: () => Error): string {
  const found = names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (found === undefined) throw fail();
  return found;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(json),
    'sforce-limit-info': 'api-usage=1/15000',
    ...headers,
  });
  res.end(json);
}

// -------------------------------------------------------------------------------------------------
// SOQL: tokenizer, parser and evaluator for the subset the adapter sends (and the ways injection
// would change it: OR, NOT, parentheses, comparison operators).

export class SoqlError extends Error {
  constructor(
    readonly code: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
    message: string,
  ) {
    super(message);
  }
}

type Token =
  | { t: 'word'; v: string }
  | { t: 'str'; v: string; like: RegExp; likeEscapes: boolean }
  | { t: 'num'; v: number }
  | { t: 'date'; v: string }
  | { t: 'op'; v: string }
  | { t: 'punct'; v: string };

type Value = string | number | boolean | null;
type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'cmp'; field: string; op: string; value: Value }
  | { kind: 'in'; field: string; negate: boolean; values: Value[] }
  | { kind: 'like'; field: string; pattern: RegExp };

export interface SoqlQuery {
  items: ({ kind: 'field'; path: string } | { kind: 'subquery'; query: SoqlQuery })[];
  object: string;
  where?: Condition;
  orderBy: { field: string; desc: boolean; nullsLast: boolean }[];
  limit?: number;
}

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'IN',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'LAST',
  'LIMIT',
  'TRUE',
  'FALSE',
  'NULL',
  'OFFSET',
]);
const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Decodes one quoted SOQL string literal by SOQL's escaping rules; `like` is its LIKE pattern. */
export function decodeSoqlString(literal: string): { value: string; like: RegExp; likeEscapes: boolean } {
  const [token, end] = readString(literal, 0);
  if (literal[0] !== "'" || end !== literal.length) throw new SoqlError('MALFORMED_QUERY', 'not one string literal');
  return { value: token.v, like: token.like, likeEscapes: token.likeEscapes };
}

function readString(s: string, start: number): [Extract<Token, { t: 'str' }>, number] {
  const value: string[] = [];
  const pattern: string[] = [];
  let likeEscapes = false;
  let i = start + 1;
  const literal = (ch: string) => {
    value.push(ch);
    pattern.push(ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  };
  for (;;) {
    const c = s[i];
    if (c === undefined) throw new SoqlError('MALFORMED_QUERY', 'unterminated string literal');
    if (c === "'") return [{ t: 'str', v: value.join(''), like: new RegExp(`^${pattern.join('')}$`, 'isu'), likeEscapes }, i + 1];
    if (c !== '\\') {
      if (c === '%' || c === '_') {
        value.push(c);
        pattern.push(c === '%' ? '.*' : '.');
      } else literal(c);
      i += 1;
      continue;
    }
    const e = s[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      literal(simple);
      i += 2;
    } else if (e === '%' || e === '_') {
      likeEscapes = true;
      literal(e);
      i += 2;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      literal(String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16)));
      i += 6;
    } else {
      throw new SoqlError('MALFORMED_QUERY', `Invalid string literal: illegal escape sequence \\${e}`);
    }
  }
}

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  const patterns: [Token['t'], RegExp][] = [
    ['date', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y],
    ['date', /\d{4}-\d{2}-\d{2}(?![\w.:])/y],
    ['num', /-?\d+(?:\.\d+)?/y],
    ['word', /[A-Za-z_][A-Za-z0-9_.]*/y],
    ['op', /!=|<>|<=|>=|=|<|>/y],
    ['punct', /[(),]/y],
  ];
  let i = 0;
  outer: while (i < soql.length) {
    const c = soql[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "'") {
      const [token, end] = readString(soql, i);
      tokens.push(token);
      i = end;
      continue;
    }
    for (const [t, re] of patterns) {
      re.lastIndex = i;
      const m = re.exec(soql);
      if (!m) continue;
      tokens.push(t === 'num' ? { t, v: Number(m[0]) } : ({ t, v: m[0] } as Token));
      i += m[0].length;
      continue outer;
    }
    throw new SoqlError('MALFORMED_QUERY', `unexpected character '${c}' at ${i}`);
  }
  return tokens;
}

/** Parses the SOQL subset; throws SoqlError('MALFORMED_QUERY') like Salesforce does for what it cannot parse. */
export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let i = 0;
  const malformed = (what = 'unexpected token') => {
    const t = tokens[i];
    return new SoqlError('MALFORMED_QUERY', `${what}: '${t === undefined ? '<end>' : String(t.v)}'`);
  };
  const isWord = (kw: string, at = i) => {
    const t = tokens[at];
    return t?.t === 'word' && t.v.toUpperCase() === kw;
  };
  const accept = (kw: string): boolean => {
    if (!isWord(kw)) return false;
    i += 1;
    return true;
  };
  const expect = (kw: string) => {
    if (!accept(kw)) throw malformed(`expected ${kw}`);
  };
  const acceptPunct = (p: string): boolean => {
    const t = tokens[i];
    if (t?.t !== 'punct' || t.v !== p) return false;
    i += 1;
    return true;
  };
  const expectPunct = (p: string) => {
    if (!acceptPunct(p)) throw malformed(`expected '${p}'`);
  };
  const ident = (): string => {
    const t = tokens[i];
    if (t?.t !== 'word' || KEYWORDS.has(t.v.toUpperCase())) throw malformed('expected a field name');
    i += 1;
    return t.v;
  };
  const value = (): Value => {
    const t = tokens[i];
    i += 1;
    if (t?.t === 'str') {
      if (t.likeEscapes) throw new SoqlError('MALFORMED_QUERY', 'Invalid string literal: \\% and \\_ are only valid in LIKE');
      return t.v;
    }
    if (t?.t === 'num' || t?.t === 'date') return t.v;
    if (t?.t === 'word' && ['TRUE', 'FALSE', 'NULL'].includes(t.v.toUpperCase()))
      return t.v.toUpperCase() === 'NULL' ? null : t.v.toUpperCase() === 'TRUE';
    i -= 1;
    throw malformed('expected a value');
  };
  const comparison = (): Condition => {
    const field = ident();
    if (accept('LIKE')) {
      const t = tokens[i];
      if (t?.t !== 'str') throw malformed('expected a string after LIKE');
      i += 1;
      return { kind: 'like', field, pattern: t.like };
    }
    const negate = accept('NOT');
    if (negate || accept('IN')) {
      if (negate) expect('IN');
      expectPunct('(');
      const values = [value()];
      while (acceptPunct(',')) values.push(value());
      expectPunct(')');
      return { kind: 'in', field, negate, values };
    }
    const op = tokens[i];
    if (op?.t !== 'op') throw malformed('expected an operator');
    i += 1;
    return { kind: 'cmp', field, op: op.v, value: value() };
  };
  const unary = (): Condition => {
    if (accept('NOT')) return { kind: 'not', item: unary() };
    if (acceptPunct('(')) {
      const c = condition();
      expectPunct(')');
      return c;
    }
    return comparison();
  };
  // SOQL rejects AND and OR side by side without parentheses; so does this.
  const condition = (): Condition => {
    const items = [unary()];
    let joiner: 'and' | 'or' | undefined;
    while (isWord('AND') || isWord('OR')) {
      const next = isWord('AND') ? 'and' : 'or';
      if (joiner && joiner !== next) throw malformed();
      joiner = next;
      i += 1;
      items.push(unary());
    }
    return joiner && items.length > 1 ? { kind: joiner, items } : (items[0] as Condition);
  };
  const query = (): SoqlQuery => {
    expect('SELECT');
    const items: SoqlQuery['items'] = [];
    do {
      if (acceptPunct('(')) {
        items.push({ kind: 'subquery', query: query() });
        expectPunct(')');
      } else items.push({ kind: 'field', path: ident() });
    } while (acceptPunct(','));
    expect('FROM');
    const object = ident();
    const where = accept('WHERE') ? condition() : undefined;
    const orderBy: SoqlQuery['orderBy'] = [];
    if (accept('ORDER')) {
      expect('BY');
      do {
        const field = ident();
        const desc = accept('DESC');
        if (!desc) accept('ASC');
        let nullsLast = desc; // Salesforce's default: nulls first ascending, last descending
        if (accept('NULLS')) {
          nullsLast = accept('LAST');
          if (!nullsLast) expect('FIRST');
        }
        orderBy.push({ field, desc, nullsLast });
      } while (acceptPunct(','));
    }
    let limit: number | undefined;
    if (accept('LIMIT')) {
      const t = tokens[i];
      if (t?.t !== 'num' || !Number.isInteger(t.v) || t.v < 0) throw malformed('expected a row count');
      limit = t.v;
      i += 1;
    }
    return { items, object, where, orderBy, limit };
  };
  const parsed = query();
  if (i < tokens.length) throw malformed();
  return parsed;
}

function fieldValue(row: Row, path: string): unknown {
  return path.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Row)[part] : null), row) ?? null;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const instant = (v: string) => Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

/** Salesforce compares text case-insensitively. */
function compare(a: unknown, b: Value): number {
  // Datetimes compare as instants, whichever of Salesforce's spellings (Z, +0000, +00:00) each uses.
  if (typeof a === 'string' && typeof b === 'string' && DATETIME.test(a) && DATETIME.test(b)) return instant(a) - instant(b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string')
    return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a === b ? 0 : NaN;
}

function matches(row: Row, c: Condition): boolean {
  switch (c.kind) {
    case 'and':
      return c.items.every((x) => matches(row, x));
    case 'or':
      return c.items.some((x) => matches(row, x));
    case 'not':
      return !matches(row, c.item);
    case 'like': {
      const v = fieldValue(row, c.field);
      return typeof v === 'string' && c.pattern.test(v);
    }
    case 'in': {
      const v = fieldValue(row, c.field);
      return c.values.some((x) => compare(v, x) === 0) !== c.negate;
    }
    case 'cmp': {
      const v = fieldValue(row, c.field);
      const d = compare(v, c.value);
      switch (c.op) {
        case '=':
          return d === 0;
        case '!=':
        case '<>':
          return d !== 0;
        case '<':
          return d < 0;
        case '<=':
          return d <= 0;
        case '>':
          return d > 0;
        default:
          return d >= 0;
      }
    }
  }
}

function select(rows: Row[], query: SoqlQuery): Row[] {
  const kept = query.where ? rows.filter((r) => matches(r, query.where as Condition)) : [...rows];
  kept.sort((a, b) => {
    for (const o of query.orderBy) {
      const x = fieldValue(a, o.field);
      const y = fieldValue(b, o.field);
      if (x === null || y === null) {
        if (x !== y) return (x === null) === o.nullsLast ? 1 : -1;
        continue;
      }
      const d = compare(x, y as Value);
      if (d) return o.desc ? -d : d;
    }
    return 0;
  });
  return query.limit === undefined ? kept : kept.slice(0, query.limit);
}

function userIdFilter(where: Condition | undefined): string | undefined {
  const parts = where?.kind === 'and' ? where.items : where ? [where] : [];
  const filter = parts.find((c) => c.kind === 'cmp' && c.field === 'UserId' && c.op === '=');
  return filter?.kind === 'cmp' && typeof filter.value === 'string' ? filter.value : undefined;
}
