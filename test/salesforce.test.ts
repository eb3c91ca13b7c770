import { generateKeyPairSync, verify as verifySignature, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppError, Forbidden, Unavailable } from '../server/errors';
import {
  createSalesforceCrm,
  salesforceConfigFromEnv,
  soqlContains,
  soqlId,
  soqlString,
  type SalesforceConfigInput,
  type SalesforceCrmDeps,
} from '../server/opportunities/salesforce';
import type { CrmCaller, ListOpportunitiesQuery, Opportunity } from '../server/opportunities/schema';
import {
  decodeSoqlString,
  parseSoql,
  startSalesforceWire,
  type SalesforceWire,
  type WireOpportunity,
  type WireUser,
} from './support/salesforce-wire';

const opp = (n: number) => `006${String(n).padStart(12, '0')}AAA`;
const sfUser = (n: number) => `005${String(n).padStart(12, '0')}AAA`;
const HOSTILE = "x' OR Name != '";

const INTEGRATION = sfUser(1);
const ALICE = sfUser(2);
const BOB = sfUser(3);
const CAROL_INACTIVE = sfUser(4);
const DAVE_UNAPPROVED = sfUser(5);
const ERIN_NO_AMOUNT = sfUser(6);

const users: WireUser[] = [
  { Id: INTEGRATION, Username: 'integration@acme.example', visibleOpportunityIds: 'all' },
  { Id: ALICE, Username: 'alice@acme.example', visibleOpportunityIds: [opp(1), opp(2), opp(5)] },
  { Id: BOB, Username: 'bob@acme.example', visibleOpportunityIds: [opp(3), opp(4)] },
  { Id: CAROL_INACTIVE, Username: 'carol@acme.example', IsActive: false, visibleOpportunityIds: 'all' },
  { Id: DAVE_UNAPPROVED, Username: 'dave@acme.example', connectedAppApproved: false, visibleOpportunityIds: 'all' },
  { Id: ERIN_NO_AMOUNT, Username: 'erin@acme.example', visibleOpportunityIds: [opp(1), opp(2)], hiddenFields: ['Amount'] },
];

const opportunities: WireOpportunity[] = [
  {
    Id: opp(1),
    Name: 'Acme platform renewal',
    Account: { Name: 'Acme Corp', Industry: 'Manufacturing' },
    Amount: 120000,
    CurrencyIsoCode: 'EUR',
    StageName: 'Negotiation/Review',
    CloseDate: '2025-09-30',
    OwnerId: ALICE,
    Description: 'Three-year renewal',
    custom: { Segment__c: 'Enterprise', 'Account.Region__c': 'EMEA' },
    lineItems: [{ product: 'Analytics Cloud', family: 'Analytics' }, { product: 'Data Connector' }],
    competitors: ['Globex', 'Initech'],
    contactRoles: [{ role: 'Decision Maker', title: 'CFO' }, { role: 'Evaluator' }],
  },
  { Id: opp(2), Name: 'Beta 100% uplift', Account: { Name: 'Beta' }, StageName: 'Prospecting', CloseDate: '2025-08-31', OwnerId: ALICE },
  { Id: opp(3), Name: "O'Brien expansion", Account: null, StageName: 'Prospecting', CloseDate: '2025-07-31', OwnerId: BOB },
  { Id: opp(4), Name: 'Delta_pilot', StageName: 'Closed Won', IsClosed: true, IsWon: true, CloseDate: '2025-06-30', OwnerId: BOB },
  { Id: opp(5), Name: 'Back\\slash deal', StageName: 'Qualification', CloseDate: '2025-05-31', OwnerId: ALICE },
  { Id: opp(6), Name: 'Gamma new logo', StageName: 'Qualification', CloseDate: null, OwnerId: BOB },
  { Id: opp(7), Name: 'Epsilon services', StageName: 'Qualification', CloseDate: '2025-04-30', OwnerId: BOB },
  { Id: opp(8), Name: 'Zeta odd stage', StageName: HOSTILE, CloseDate: '2025-03-31', OwnerId: BOB },
];
/** Open ones first: ORDER BY IsClosed, CloseDate NULLS LAST, Id */
const ALL_IN_ORDER = [8, 7, 5, 3, 2, 1, 6, 4].map(opp);

const admin: CrmCaller = { userId: 'hub-admin', role: 'admin', salesforceUserId: null };
const alice: CrmCaller = { userId: 'hub-alice', role: 'rep', salesforceUserId: ALICE };
const bob: CrmCaller = { userId: 'hub-bob', role: 'rep', salesforceUserId: BOB };
const list = (q: Partial<ListOpportunitiesQuery> = {}): ListOpportunitiesQuery => ({ limit: 50, ...q });

let keys: { privateKey: KeyObject; publicKey: KeyObject; pem: string };
let wire: SalesforceWire;
const open: { close(): void }[] = [];

beforeAll(async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  keys = { ...pair, pem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  wire = await startSalesforceWire({
    clientId: 'hub-client',
    publicKey: keys.publicKey,
    clientSecret: 'hub-secret',
    refreshTokens: { 'refresh-for-integration': 'integration@acme.example' },
    users,
    opportunities,
    multiCurrency: true,
    customFields: ['Segment__c', 'Account.Region__c'],
    pageSize: 2,
  });
});

afterAll(async () => {
  await wire.close();
});

beforeEach(() => wire.clearRecords());
afterEach(() => open.splice(0).forEach((c) => c.close()));

function jwtCrm(overrides: Partial<SalesforceConfigInput> = {}, deps?: SalesforceCrmDeps) {
  const crm = createSalesforceCrm(
    {
      loginUrl: wire.url,
      clientId: 'hub-client',
      auth: { flow: 'jwt', username: 'integration@acme.example', privateKey: keys.pem },
      segmentField: 'Segment__c',
      regionField: 'Account.Region__c',
      maxRetries: 0,
      timeoutMs: 5000,
      ...overrides,
    },
    deps,
  );
  open.push(crm);
  return crm;
}

function refreshCrm(refreshToken = 'refresh-for-integration') {
  return jwtCrm({ auth: { flow: 'refresh_token', refreshToken, clientSecret: 'hub-secret' } });
}

async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const ids = (found: Opportunity[]) => found.map((o) => o.id);
const bearerOf = (username: string) => `Bearer ${wire.tokens.find((t) => t.username === username)?.accessToken}`;

describe('SOQL escaping', () => {
  const tenKb = 'a\'\\%_\n"'.repeat(1500).slice(0, 10_240);
  const hostile = [HOSTILE, 'a\\', '%', '_', "\\'", "\\\\'", 'tab\there\r\nnext', '\u0000\u0007\u001f\u007f', '\ud83d\ude00 ok', tenKb];

  test('when a value holds quotes, backslashes and control characters, then soqlString gives each its SOQL escape', () => {
    expect(soqlString(HOSTILE)).toBe("'x\\' OR Name != \\''");
    expect(soqlString('a\\')).toBe("'a\\\\'");
    expect(soqlString('%_')).toBe("'%_'");
    expect(soqlString('"\n\r\t')).toBe("'\\\"\\n\\r\\t'");
    expect(soqlString('\u0000\u007f')).toBe("'\\u0000\\u007f'");
    expect(soqlString('\ud800 lone')).toBe("'\ufffd lone'");
  });

  test.each(hostile.map((v) => [v.length > 40 ? `${v.length}-char string` : JSON.stringify(v), v]))(
    'when %s is escaped, then SOQL reads back exactly that value as one literal',
    (_label, value) => {
      expect(decodeSoqlString(soqlString(value)).value).toBe(value);
      const where = parseSoql(`SELECT Id FROM Opportunity WHERE StageName = ${soqlString(value)}`).where;
      expect(where).toEqual({ kind: 'cmp', field: 'StageName', op: '=', value });
    },
  );

  test('when a value is used in LIKE, then its % and _ match only themselves and it still reads back as one literal', () => {
    const percent = decodeSoqlString(soqlContains('100%')).like;
    expect(percent.test('Beta 100% uplift')).toBe(true);
    expect(percent.test('Beta 1000 uplift')).toBe(false);
    const underscore = decodeSoqlString(soqlContains('_')).like;
    expect(underscore.test('Delta_pilot')).toBe(true);
    expect(underscore.test('Delta pilot')).toBe(false);
    const long = decodeSoqlString(soqlContains(tenKb)).like;
    expect(long.test(`before ${tenKb} after`)).toBe(true);
    expect(parseSoql(`SELECT Id FROM Opportunity WHERE Name LIKE ${soqlContains(HOSTILE)}`).where).toMatchObject({
      kind: 'like',
      field: 'Name',
    });
  });

  test('when an id is not a 15- or 18-character Salesforce id, then soqlId refuses it with a 400, and a 15-character one is sent as 18', () => {
    expect(soqlId(opp(1))).toBe(`'${opp(1)}'`);
    // A 15-character id goes out in its 18-character form.
    expect(soqlId('006000000000001')).toBe("'006000000000001AAA'");
    for (const bad of ['006000000000001AAB', `${opp(1)}' OR Id != '`, '0060000000000001', '', 'x'.repeat(10_000), '006000000000001AA\n']) {
      expect(() => soqlId(bad)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_salesforce_id' }));
    }
  });
});

describe('salesforceConfigFromEnv', () => {
  const jwtEnv = () => ({
    SALESFORCE_CLIENT_ID: 'hub-client',
    SALESFORCE_USERNAME: 'integration@acme.example',
    SALESFORCE_PRIVATE_KEY: keys.pem.replace(/\n/g, '\\n'),
  });

  test('when no SALESFORCE_* variable is set, then there is no Salesforce config', () => {
    expect(salesforceConfigFromEnv({ PORT: '3000', SALESFORCE_LOGIN_URL: '' })).toBeUndefined();
  });

  test('when the JWT variables are set, then the config has the key and the defaults', () => {
    const config = salesforceConfigFromEnv(jwtEnv());
    expect(config).toMatchObject({
      loginUrl: 'https://login.salesforce.com',
      clientId: 'hub-client',
      auth: { flow: 'jwt', username: 'integration@acme.example', privateKey: keys.pem },
      apiVersion: '62.0',
      multiCurrency: 'auto',
      defaultCurrency: 'USD',
      viewCacheSeconds: 120,
    });
    expect(salesforceConfigFromEnv({ ...jwtEnv(), SALESFORCE_VIEW_CACHE_SECONDS: '0' })?.viewCacheSeconds).toBe(0);
  });

  test('when the key comes from a file and the refresh-token variables are complete, then both parse', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sf-key-')), 'key.pem');
    writeFileSync(file, keys.pem);
    const { SALESFORCE_PRIVATE_KEY: _inline, ...rest } = jwtEnv();
    expect(salesforceConfigFromEnv({ ...rest, SALESFORCE_PRIVATE_KEY_FILE: file })?.auth).toMatchObject({ privateKey: keys.pem });
    expect(
      salesforceConfigFromEnv({
        SALESFORCE_CLIENT_ID: 'c',
        SALESFORCE_REFRESH_TOKEN: 'r',
        SALESFORCE_CLIENT_SECRET: 's',
        SALESFORCE_MULTI_CURRENCY: 'false',
        SALESFORCE_LOGIN_URL: 'https://test.salesforce.com/',
      }),
    ).toMatchObject({ loginUrl: 'https://test.salesforce.com', auth: { flow: 'refresh_token' }, multiCurrency: false });
  });

  test.each([
    ['the client id is missing', { SALESFORCE_USERNAME: 'u' }, /^SALESFORCE_CLIENT_ID: is required/],
    ['the JWT username is missing', { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_PRIVATE_KEY: 'k' }, /^SALESFORCE_USERNAME: is required/],
    [
      'no key and no refresh token are set',
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_USERNAME: 'u' },
      /^SALESFORCE_PRIVATE_KEY: is required/,
    ],
    [
      'the key is not a key',
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_USERNAME: 'u', SALESFORCE_PRIVATE_KEY: 'nope' },
      /^SALESFORCE_PRIVATE_KEY: is not a PEM private key/,
    ],
    [
      'the key file is missing',
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_USERNAME: 'u', SALESFORCE_PRIVATE_KEY_FILE: '/nonexistent/key.pem' },
      /^SALESFORCE_PRIVATE_KEY_FILE: cannot read/,
    ],
    [
      'the refresh token has no client secret',
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_REFRESH_TOKEN: 'r' },
      /^SALESFORCE_CLIENT_SECRET: is required/,
    ],
    [
      'the API version is malformed',
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_REFRESH_TOKEN: 'r', SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_API_VERSION: 'v62' },
      /^SALESFORCE_API_VERSION:/,
    ],
    [
      'the view cache is longer than five minutes',
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_REFRESH_TOKEN: 'r', SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_VIEW_CACHE_SECONDS: '600' },
      /^SALESFORCE_VIEW_CACHE_SECONDS:/,
    ],
    [
      'the segment field is not a field name',
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_REFRESH_TOKEN: 'r', SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_SEGMENT_FIELD: 'Id, (SELECT' },
      /^SALESFORCE_SEGMENT_FIELD:/,
    ],
  ])('when %s, then it throws naming the variable', (_case, env, message) => {
    expect(() => salesforceConfigFromEnv(env)).toThrow(message);
  });
});

describe('Salesforce adapter with the JWT bearer flow', () => {
  test('when a user reads an opportunity they can see, then it is mapped exactly, children and all', async () => {
    await expect(jwtCrm().getOpportunity(opp(1), alice)).resolves.toEqual({
      id: opp(1),
      name: 'Acme platform renewal',
      accountName: 'Acme Corp',
      industry: 'Manufacturing',
      segment: 'Enterprise',
      region: 'EMEA',
      amount: 120000,
      amountBand: '50k–250k',
      currency: 'EUR',
      stage: 'Negotiation/Review',
      closeDate: '2025-09-30',
      isClosed: false,
      isWon: false,
      products: [
        { name: 'Analytics Cloud', family: 'Analytics' },
        { name: 'Data Connector', family: '' },
      ],
      competitors: ['Globex', 'Initech'],
      contactRoles: [
        { role: 'Decision Maker', title: 'CFO' },
        { role: 'Evaluator', title: '' },
      ],
      ownerId: ALICE,
      description: 'Three-year renewal',
    } satisfies Opportunity);
  });

  test('when the Stage filter asks, then the StageName picklist comes in picklist order, inactive values left out, described once', async () => {
    const crm = jwtCrm();
    const expected = [
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost',
    ];
    await expect(crm.stages()).resolves.toEqual(expected);
    await expect(crm.stages()).resolves.toEqual(expected);
    expect(wire.requests.filter((r) => r.path.endsWith('/sobjects/Opportunity/describe')).length).toBe(1);
  });

  test('when the adapter signs in, then it posts an RS256 JWT with iss, sub, aud and a three-minute exp', async () => {
    await jwtCrm().getOpportunity(opp(1), admin);
    const form = wire.requests.find((r) => r.path === '/services/oauth2/token')?.form;
    expect(form?.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header = '', claims = '', signature = ''] = (form?.assertion ?? '').split('.');
    expect(verifySignature('RSA-SHA256', Buffer.from(`${header}.${claims}`), keys.publicKey, Buffer.from(signature, 'base64url'))).toBe(
      true,
    );
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256' });
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
    expect(decoded).toEqual({ iss: 'hub-client', sub: 'integration@acme.example', aud: wire.url, exp: expect.any(Number) });
    const inSeconds = (decoded.exp as number) - Date.now() / 1000;
    expect(inSeconds).toBeGreaterThan(170);
    expect(inSeconds).toBeLessThanOrEqual(181);
  });

  test("when a mapped user asks, then the query runs with that user's own token, minted once and cached", async () => {
    const crm = jwtCrm();
    await crm.getOpportunity(opp(1), alice);
    await crm.listOpportunities(list(), alice);
    expect(wire.soql()[0]).toBe(`SELECT Username FROM User WHERE Id = '${ALICE}' AND IsActive = true LIMIT 1`);
    expect(wire.tokens.map((t) => t.username)).toEqual(['integration@acme.example', 'alice@acme.example']);
    const opportunityQueries = wire.requests.filter((r) => r.soql?.includes('FROM Opportunity') || r.path.includes('/query/'));
    expect(opportunityQueries.length).toBeGreaterThan(1);
    for (const r of opportunityQueries) expect(r.authorization).toBe(bearerOf('alice@acme.example'));
  });

  test('when one user sends many requests at once, then one username lookup and one token serve them all', async () => {
    const crm = jwtCrm();
    const found = await Promise.all([1, 2, 5, 1, 2].map((n) => crm.getOpportunity(opp(n), alice)));
    expect(found.map((o) => o?.id)).toEqual([1, 2, 5, 1, 2].map(opp));
    expect(wire.tokens.map((t) => t.username)).toEqual(['integration@acme.example', 'alice@acme.example']);
    expect(wire.soql().filter((q) => q.includes('FROM User'))).toHaveLength(1);
  });

  test("when a user's session is older than its time to live, then a new token is minted for them", async () => {
    let now = Date.now();
    // Views uncached, so each read reaches Salesforce and shows which session it used.
    const crm = jwtCrm({ userSessionTtlSeconds: 900, viewCacheSeconds: 0 }, { now: () => now });
    await crm.getOpportunity(opp(1), alice);
    now += 899_000;
    await crm.getOpportunity(opp(1), alice);
    expect(wire.tokens.filter((t) => t.username === 'alice@acme.example')).toHaveLength(1);
    now += 2_000;
    await crm.getOpportunity(opp(1), alice);
    expect(wire.tokens.filter((t) => t.username === 'alice@acme.example')).toHaveLength(2);
    expect(wire.tokens.filter((t) => t.username === 'integration@acme.example')).toHaveLength(1);
  });

  test("when user B asks for user A's opportunity, then B gets null and B's list holds only what B can see", async () => {
    const crm = jwtCrm();
    await expect(crm.getOpportunity(opp(1), bob)).resolves.toBeNull();
    expect(ids(await crm.listOpportunities(list(), bob))).toEqual([opp(3), opp(4)]);
    expect(ids(await crm.listOpportunities(list(), alice))).toEqual([opp(5), opp(2), opp(1)]);
  });

  test('when a caller has no Salesforce user, then a rep sees nothing without a single request and an admin sees the integration view', async () => {
    const crm = jwtCrm();
    const rep: CrmCaller = { userId: 'hub-rep', role: 'rep', salesforceUserId: null };
    await expect(crm.getOpportunity(opp(1), rep)).resolves.toBeNull();
    await expect(crm.listOpportunities(list(), rep)).resolves.toEqual([]);
    await expect(crm.listOpportunities(list(), { ...rep, role: 'leader' })).resolves.toEqual([]);
    expect(wire.requests).toEqual([]);
    expect(ids(await crm.listOpportunities(list(), admin))).toEqual(ALL_IN_ORDER);
  });

  test('when the Salesforce user is inactive or unknown, then they see nothing and no token is minted for them', async () => {
    const crm = jwtCrm();
    await expect(crm.getOpportunity(opp(1), { ...alice, salesforceUserId: CAROL_INACTIVE })).resolves.toBeNull();
    await expect(crm.listOpportunities(list(), { ...alice, salesforceUserId: sfUser(99) })).resolves.toEqual([]);
    expect(wire.tokens.map((t) => t.username)).toEqual(['integration@acme.example']);
  });

  test('when Salesforce refuses a token for the user, then the caller gets a Forbidden naming the reason', async () => {
    const failure = jwtCrm().getOpportunity(opp(1), { ...alice, salesforceUserId: DAVE_UNAPPROVED });
    await expect(failure).rejects.toBeInstanceOf(Forbidden);
    await expect(failure).rejects.toThrow("user hasn't approved this consumer");
  });

  test('when results span several pages, then the list follows nextRecordsUrl until the limit', async () => {
    const crm = jwtCrm();
    expect(ids(await crm.listOpportunities(list(), admin))).toEqual(ALL_IN_ORDER);
    const pages = wire.requests
      .filter((r) => /^\/services\/data\/v62\.0\/query\/01g\w+-\d+$/.test(r.path))
      .map((r) => r.path.split('-').pop());
    expect(pages).toEqual(['2', '4', '6']);
    expect(wire.soql().at(-1)).toMatch(/ FROM Opportunity ORDER BY IsClosed ASC, CloseDate ASC NULLS LAST, Id ASC LIMIT 50$/);

    wire.clearRecords();
    expect(ids(await crm.listOpportunities(list({ limit: 3 }), admin))).toEqual(ALL_IN_ORDER.slice(0, 3));
    expect(wire.soql()).toEqual([expect.stringMatching(/ LIMIT 3$/)]);
    expect(wire.requests.filter((r) => r.path.includes('/query/'))).toHaveLength(1);
  });

  test('when the list filters by owner and stage, then the owner is mapped to a Salesforce user and both filters apply', async () => {
    const crm = jwtCrm({}, { salesforceUserIdOf: (hubId) => (hubId === 'hub-bob' ? BOB : null) });
    expect(ids(await crm.listOpportunities(list({ owner: 'hub-bob', stage: 'qualification' }), admin))).toEqual([opp(7), opp(6)]);
    expect(wire.soql()[0]).toContain(` WHERE OwnerId = '${BOB}' AND StageName = 'qualification' ORDER BY`);
    wire.clearRecords();
    await expect(crm.listOpportunities(list({ owner: 'hub-nobody' }), admin)).resolves.toEqual([]);
    expect(wire.requests).toEqual([]);
  });

  test('when the token has expired, then the adapter gets one new token and the retried query succeeds', async () => {
    const crm = jwtCrm();
    await crm.getOpportunity(opp(1), alice);
    const before = wire.tokens.length;
    wire.expireTokens();
    wire.clearRecords();
    await expect(crm.getOpportunity(opp(2), alice)).resolves.toMatchObject({ id: opp(2), name: 'Beta 100% uplift' });
    expect(wire.tokens).toHaveLength(1);
    expect(before).toBe(2);
    expect(wire.tokens[0]?.username).toBe('alice@acme.example');
    expect(wire.requests.map((r) => r.path)).toEqual([
      '/services/data/v62.0/query',
      '/services/oauth2/token',
      '/services/data/v62.0/query',
    ]);
  });

  test('when the org has used up its API requests, then the caller gets a clear 503', async () => {
    const crm = jwtCrm();
    wire.failNextWithRequestLimit(1);
    const failure = crm.getOpportunity(opp(1), admin);
    await expect(failure).rejects.toMatchObject({
      status: 503,
      code: 'salesforce_limit_exceeded',
      message: expect.stringMatching(/API request limit/),
    });
    await expect(failure).rejects.toHaveProperty('cause.errorCode', 'REQUEST_LIMIT_EXCEEDED');
    await expect(crm.getOpportunity(opp(1), admin)).resolves.toMatchObject({ id: opp(1) });
  });

  test('when the login URL does not answer, then the caller gets Unavailable naming the URL', async () => {
    const dead = await closedPortUrl();
    const failure = jwtCrm({ loginUrl: dead }).getOpportunity(opp(1), admin);
    await expect(failure).rejects.toBeInstanceOf(Unavailable);
    await expect(failure).rejects.toThrow(`Salesforce is unreachable at ${dead}`);
  });

  test('when the instance URL does not answer, then the caller gets Unavailable naming the instance', async () => {
    const dead = await closedPortUrl();
    const other = await startSalesforceWire({ clientId: 'hub-client', publicKey: keys.publicKey, users, opportunities, instanceUrl: dead });
    try {
      const failure = jwtCrm({ loginUrl: other.url }).listOpportunities(list(), admin);
      await expect(failure).rejects.toBeInstanceOf(Unavailable);
      await expect(failure).rejects.toThrow(`Salesforce is unreachable at ${dead}`);
    } finally {
      await other.close();
    }
  });

  test('when q holds quotes, wildcards or backslashes, then they are searched for literally', async () => {
    const crm = jwtCrm();
    await expect(crm.listOpportunities(list({ q: HOSTILE }), admin)).resolves.toEqual([]);
    expect(wire.soql()[0]).toContain(" WHERE Name LIKE '%x\\' OR Name != \\'%' ORDER BY");
    expect(ids(await crm.listOpportunities(list({ q: '%' }), admin))).toEqual([opp(2)]);
    expect(ids(await crm.listOpportunities(list({ q: '_' }), admin))).toEqual([opp(4)]);
    expect(ids(await crm.listOpportunities(list({ q: 'a\\' }), admin))).toEqual([]);
    expect(ids(await crm.listOpportunities(list({ q: 'k\\s' }), admin))).toEqual([opp(5)]);
    expect(ids(await crm.listOpportunities(list({ q: "o'brien" }), admin))).toEqual([opp(3)]);
  });

  test('when stage holds a quote-and-OR payload, then it only matches that exact stage', async () => {
    const crm = jwtCrm();
    expect(ids(await crm.listOpportunities(list({ stage: HOSTILE }), admin))).toEqual([opp(8)]);
    expect(wire.soql()[0]).toContain(" WHERE StageName = 'x\\' OR Name != \\'' ORDER BY");
    await expect(crm.listOpportunities(list({ stage: '%' }), admin)).resolves.toEqual([]);
  });

  test('when an id or a Salesforce user id is not a Salesforce id, then nothing is sent and nothing is found', async () => {
    const crm = jwtCrm();
    for (const id of [`${opp(1)}' OR Id != '`, `${opp(1)}%`, '006000000000001AAA\n', 'x'.repeat(10_240)]) {
      await expect(crm.getOpportunity(id, admin)).resolves.toBeNull();
    }
    await expect(crm.listOpportunities(list(), { ...alice, salesforceUserId: `${ALICE}' OR Id != '` })).resolves.toEqual([]);
    expect(wire.requests).toEqual([]);
  });
});

describe('Salesforce views cached briefly', () => {
  const opportunityQueries = () => wire.soql().filter((q) => /\bFROM Opportunity\b/.test(q)).length;

  test('when a user views the same deal and list again within SALESFORCE_VIEW_CACHE_SECONDS, then no further SOQL is spent; after it, Salesforce is asked again', async () => {
    let now = Date.now();
    const crm = jwtCrm({ viewCacheSeconds: 120 }, { now: () => now });
    const first = await crm.getOpportunity(opp(1), alice);
    const firstList = await crm.listOpportunities(list({ stage: 'Prospecting' }), alice);
    expect(opportunityQueries()).toBe(2);
    for (let i = 0; i < 5; i++) {
      expect(await crm.getOpportunity(opp(1), alice)).toEqual(first);
      expect(await crm.listOpportunities(list({ stage: 'Prospecting' }), alice)).toEqual(firstList);
    }
    expect(opportunityQueries()).toBe(2);
    // Another question is another call; the 15-character form of the same id is the same question.
    await crm.listOpportunities(list({ stage: 'Closed Won' }), alice);
    await crm.getOpportunity(opp(1).slice(0, 15), alice);
    expect(opportunityQueries()).toBe(3);
    now += 121_000;
    await crm.getOpportunity(opp(1), alice);
    expect(opportunityQueries()).toBe(4);
  });

  test("when another user views the same deal, then it is their own live read, never the first user's answer", async () => {
    const crm = jwtCrm({ viewCacheSeconds: 120 });
    expect(await crm.getOpportunity(opp(1), alice)).not.toBeNull();
    await expect(crm.getOpportunity(opp(1), bob)).resolves.toBeNull();
    await expect(crm.getOpportunity(opp(1), bob)).resolves.toBeNull();
    expect(opportunityQueries()).toBe(2);
    expect(wire.requests.filter((r) => r.soql && /FROM Opportunity/.test(r.soql)).map((r) => r.authorization)).toEqual([
      bearerOf('alice@acme.example'),
      bearerOf('bob@acme.example'),
    ]);
  });

  test('when a cached answer is changed by its caller, then the next view still gets what Salesforce said', async () => {
    const crm = jwtCrm({ viewCacheSeconds: 120 });
    const first = (await crm.getOpportunity(opp(1), alice)) as Opportunity;
    const name = first.name;
    first.name = 'changed by a caller';
    expect((await crm.getOpportunity(opp(1), alice))?.name).toBe(name);
  });

  test('when SALESFORCE_VIEW_CACHE_SECONDS is 0, then every view is a live read', async () => {
    const crm = jwtCrm({ viewCacheSeconds: 0 });
    for (let i = 0; i < 3; i++) await crm.getOpportunity(opp(1), alice);
    expect(opportunityQueries()).toBe(3);
  });

  test('when a Salesforce call fails, then the failure is not cached', async () => {
    const crm = jwtCrm({ viewCacheSeconds: 120 });
    wire.failNextWithOutage(1);
    await expect(crm.getOpportunity(opp(1), alice)).rejects.toThrow();
    expect(await crm.getOpportunity(opp(1), alice)).not.toBeNull();
    wire.failNextWithOutage(0);
  });
});

describe('Salesforce field-level security', () => {
  test('when Salesforce hides Amount from a user, then they get the deals without an amount, and the adapter stops asking for it', async () => {
    const crm = jwtCrm();
    const erin: CrmCaller = { userId: 'hub-erin', role: 'leader', salesforceUserId: ERIN_NO_AMOUNT };
    const found = await crm.getOpportunity(opp(1), erin);
    expect(found).toMatchObject({ id: opp(1), name: 'Acme platform renewal', amount: null, amountBand: null });
    expect(ids(await crm.listOpportunities(list(), erin))).toEqual([opp(2), opp(1)]);
    const queries = wire.soql().filter((q) => q.includes('FROM Opportunity'));
    // One refused query, then none that names Amount for this user; others still get it.
    expect(queries.map((q) => /\bAmount\b/.test(q.split(' FROM ')[0] as string))).toEqual([true, false, false]);
    expect((await crm.getOpportunity(opp(1), alice))?.amount).toBe(120000);
  });
});

describe('Salesforce adapter with the refresh-token flow', () => {
  test('when the adapter signs in, then it uses the refresh token and client credentials', async () => {
    await expect(refreshCrm().getOpportunity(opp(1), admin)).resolves.toMatchObject({ id: opp(1), currency: 'EUR' });
    expect(wire.requests[0]?.form).toEqual({
      grant_type: 'refresh_token',
      client_id: 'hub-client',
      client_secret: 'hub-secret',
      refresh_token: 'refresh-for-integration',
    });
  });

  test("when users read, then UserRecordAccess decides: A sees A's opportunity, B neither gets it nor lists it", async () => {
    const crm = refreshCrm();
    await expect(crm.getOpportunity(opp(1), alice)).resolves.toMatchObject({ id: opp(1) });
    expect(wire.soql()[0]).toBe(
      `SELECT RecordId, HasReadAccess FROM UserRecordAccess WHERE UserId = '${ALICE}' AND RecordId IN ('${opp(1)}')`,
    );
    await expect(crm.getOpportunity(opp(1), bob)).resolves.toBeNull();
    expect(ids(await crm.listOpportunities(list(), bob))).toEqual([opp(3), opp(4)]);
    expect(ids(await crm.listOpportunities(list({ limit: 2 }), alice))).toEqual([opp(5), opp(2)]);
    expect(wire.tokens).toHaveLength(1);
  });

  test('when the refresh token is refused, then the caller gets a 503 saying the credentials were refused', async () => {
    await expect(refreshCrm('revoked').getOpportunity(opp(1), admin)).rejects.toMatchObject({
      status: 503,
      code: 'salesforce_auth_failed',
      message: expect.stringContaining('invalid_grant'),
    });
  });
});

describe('Salesforce adapter against a single-currency org', () => {
  test('when the org has no CurrencyIsoCode, then the adapter drops the field once and uses the default currency', async () => {
    const plain = await startSalesforceWire({ clientId: 'hub-client', publicKey: keys.publicKey, users, opportunities });
    try {
      const crm = jwtCrm({ loginUrl: plain.url, defaultCurrency: 'GBP', segmentField: undefined, regionField: undefined });
      await expect(crm.getOpportunity(opp(1), admin)).resolves.toMatchObject({ id: opp(1), currency: 'GBP', segment: null, region: null });
      await crm.getOpportunity(opp(2), admin);
      const queries = plain.soql().filter((q) => q.includes('FROM Opportunity WHERE'));
      expect(queries.map((q) => q.includes('CurrencyIsoCode'))).toEqual([true, false, false]);
    } finally {
      await plain.close();
    }
  });

  test('when a configured custom field does not exist, then the caller gets a 502 AppError naming the code and the field in its message and details', async () => {
    const failure = jwtCrm({ segmentField: 'Tier__c' }).getOpportunity(opp(1), admin);
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/^Salesforce rejected the request \(INVALID_FIELD on Tier__c\): No such column 'Tier__c'/),
      details: {
        salesforce: {
          errorCode: 'INVALID_FIELD',
          fields: ['Tier__c'],
          message: expect.stringContaining("No such column 'Tier__c' on entity 'Opportunity'"),
        },
      },
    });
  });

  test('when a configured field does not exist, then the start-up check names the variable and the field', async () => {
    const crm = jwtCrm({ segmentField: 'Tier__c' });
    await expect(crm.verifySchema()).rejects.toThrow(/^SALESFORCE_SEGMENT_FIELD: Tier__c: Opportunity has no field Tier__c/);
    await expect(jwtCrm({ regionField: 'Account.Zone__c' }).verifySchema()).rejects.toThrow(
      /^SALESFORCE_REGION_FIELD: Account.Zone__c: Account has no field Zone__c/,
    );
    await expect(jwtCrm({ regionField: 'Acount.Region__c' }).verifySchema()).rejects.toThrow(
      /^SALESFORCE_REGION_FIELD: Acount.Region__c: Opportunity has no relationship Acount/,
    );
    await expect(jwtCrm().verifySchema()).resolves.toBeUndefined();
    expect(wire.requests.filter((r) => r.path.endsWith('/describe')).map((r) => r.path.split('/').at(-2))).toEqual([
      'Opportunity',
      'Opportunity',
      'Account',
      'Opportunity',
      'Opportunity',
      'Account',
    ]);
  });
});
