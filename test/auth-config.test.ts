import { generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { ConfigError, loadConfig } from '../server/config';
import { AppError, Conflict, Forbidden, NotFound, toHttpError, ValidationFailed } from '../server/errors';
import { silentLogger } from '../server/log';
import { ADMIN_TOKEN, bearer, startTestHub, type TestHub } from './support/hub';

describe('configuration', () => {
  it('when a variable is wrong, then the error names it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ MEILI_URL: 'http://127.0.0.1:7700' })).toThrow(/MEILI_MASTER_KEY/);
    expect(() => loadConfig({ HUB_ADMIN_TOKEN: 'short' })).toThrow(/HUB_ADMIN_TOKEN/);
    expect(() => loadConfig({ SALESFORCE_CLIENT_ID: 'abc' })).toThrow(/SALESFORCE_/);
  });

  it('when nothing is set, then the embedded defaults apply', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('sqlite');
    expect(c.search.url).toBeUndefined();
    expect(c.demo).toBe(false);
    expect(loadConfig({}, { HUB_DEMO: 'on' }).demo).toBe(true);
  });
});

describe('toHttpError', () => {
  it.each([
    [new NotFound('Thing'), 404, 'not_found'],
    [new Forbidden(), 403, 'forbidden'],
    [new Conflict('x'), 409, 'conflict'],
    [new ValidationFailed('bad', [{ path: 'a', message: 'b' }]), 400, 'validation_failed'],
    [new AppError(503, 'unavailable', 'later'), 503, 'unavailable'],
    [Object.assign(new Error('too big'), { type: 'entity.too.large', status: 413 }), 413, 'payload_too_large'],
    [Object.assign(new Error('bad json'), { type: 'entity.parse.failed', status: 400 }), 400, 'validation_failed'],
    [
      Object.assign(new Error('unsupported content encoding "bogus"'), { type: 'encoding.unsupported', status: 415, expose: true }),
      415,
      'unsupported_media_type',
    ],
    // zlib's error for a body that is not what its Content-Encoding says, as body-parser passes it on.
    [Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR', status: 400, expose: true }), 400, 'bad_request'],
    [new Error('secret internals at /srv/app.js:1'), 500, 'internal'],
    ['a string', 500, 'internal'],
  ])('when %p is thrown, then %i %s', (err, status, code) => {
    const out = toHttpError(err);
    expect(out.status).toBe(status);
    expect(out.body.error.code).toBe(code);
    if (status === 500) expect(out.body.error.message).toBe('Internal server error');
  });
});

describe('the Salesforce integration token without an assertion configured', () => {
  let hub: TestHub;
  let integration: string;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'sf-integration', name: 'Salesforce', email: 'sf@example.test', role: 'rep', team: 'Integration', integration: true });
    integration = (await hub.api.post('/api/users/sf-integration/tokens').set(bearer(ADMIN_TOKEN)).send({ label: 'Named Credential' })).body
      .token;
    await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'rep-sf', name: 'Rep Sf', email: 'rep-sf@example.test', role: 'rep', team: 'A', salesforceUserId: '005000000000001AAA' });
  });
  afterAll(() => hub.stop());

  it('when the integration token names a mapped user by the header alone, then 403 naming HUB_PROXY_ASSERTION_CERT', async () => {
    for (const headers of [{ 'X-Salesforce-User-Id': '005000000000001AAA' }, {}]) {
      const me = await hub.api.get('/api/me').set(bearer(integration)).set(headers);
      expect([me.status, me.body.error.message]).toEqual([403, expect.stringMatching(/HUB_PROXY_ASSERTION_CERT/)]);
    }
  });

  it('when an ordinary token sends the header, then it is ignored', async () => {
    const me = await hub.api.get('/api/me').set(bearer(ADMIN_TOKEN)).set('X-Salesforce-User-Id', '005000000000001AAA');
    expect(me.body.id).toBe('hub-admin');
  });
});

describe('the Salesforce integration token with HUB_ALLOW_UNSIGNED_PROXY_USER (local development only)', () => {
  let hub: TestHub;
  let integration: string;
  const warnings: string[] = [];
  beforeAll(async () => {
    const logger = { ...silentLogger, warn: (msg: string) => void warnings.push(msg) };
    hub = await startTestHub({ env: { HUB_ALLOW_UNSIGNED_PROXY_USER: 'true' }, hub: { logger } });
    await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'sf-integration', name: 'Salesforce', email: 'sf@example.test', role: 'rep', team: 'Integration', integration: true });
    integration = (await hub.api.post('/api/users/sf-integration/tokens').set(bearer(ADMIN_TOKEN)).send({ label: 'Named Credential' })).body
      .token;
    await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'rep-sf', name: 'Rep Sf', email: 'rep-sf@example.test', role: 'rep', team: 'A', salesforceUserId: '005000000000001AAA' });
  });
  afterAll(() => hub.stop());

  it('when the hub starts with the escape hatch, then it warns that it is not for production', () => {
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/HUB_ALLOW_UNSIGNED_PROXY_USER=true.*never in production/)]));
  });

  it('when the Apex proxy names a mapped Salesforce user, then the request acts as that hub user', async () => {
    const me = await hub.api.get('/api/me').set(bearer(integration)).set('X-Salesforce-User-Id', '005000000000001AAA');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe('rep-sf');
  });

  it('when the Salesforce user is unknown or missing, then 403', async () => {
    expect((await hub.api.get('/api/me').set(bearer(integration)).set('X-Salesforce-User-Id', '005000000000009AAA')).status).toBe(403);
    expect((await hub.api.get('/api/me').set(bearer(integration))).status).toBe(403);
  });

  it('when the escape hatch is set together with the assertion certificate, then the hub does not start and names the variable', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => loadConfig({ HUB_PROXY_ASSERTION_CERT: pem, HUB_ALLOW_UNSIGNED_PROXY_USER: 'true' })).toThrow(
      /HUB_ALLOW_UNSIGNED_PROXY_USER: set it only without HUB_PROXY_ASSERTION_CERT/,
    );
  });
});

describe('the Salesforce integration token with an org-signed assertion', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ORG = '00D000000000001EAA';
  const USER = '005000000000001AAA';
  const sign = (claims: Record<string, unknown>, key: KeyObject = privateKey, alg = 'RS256') => {
    const input = `${Buffer.from(JSON.stringify({ alg })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${cryptoSign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const good = (extra: Record<string, unknown> = {}) =>
    sign({ sub: USER, aud: 'knowledge-hub', iss: ORG, iat: now(), exp: now() + 120, ...extra });
  let hub: TestHub;
  let integration: string;
  beforeAll(async () => {
    hub = await startTestHub({
      env: { HUB_PROXY_ASSERTION_CERT: publicKey.export({ type: 'spki', format: 'pem' }).toString(), HUB_PROXY_ORG_ID: ORG.slice(0, 15) },
    });
    await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'sf-integration', name: 'Salesforce', email: 'sf@example.test', role: 'rep', team: 'Integration', integration: true });
    integration = (await hub.api.post('/api/users/sf-integration/tokens').set(bearer(ADMIN_TOKEN)).send({})).body.token;
    await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'rep-sf', name: 'Rep Sf', email: 'rep-sf@example.test', role: 'rep', team: 'A', salesforceUserId: USER });
  });
  afterAll(() => hub.stop());
  const me = (headers: Record<string, string>) => hub.api.get('/api/me').set(bearer(integration)).set(headers);

  it('when the proxy sends a valid assertion, then the request acts as the user it names', async () => {
    const res = await me({ 'X-Salesforce-Assertion': good(), 'X-Salesforce-User-Id': USER.slice(0, 15) });
    expect([res.status, res.body.id]).toEqual([200, 'rep-sf']);
    expect((await me({ 'X-Salesforce-Assertion': good() })).body.id).toBe('rep-sf');
  });

  it('when the assertion is missing, forged, for another audience or org, expired, too long-lived or names someone else, then 403 saying why', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'X-Salesforce-User-Id': USER }, /needs the org-signed X-Salesforce-Assertion/],
      [{ 'X-Salesforce-Assertion': good({}).replace(/\.[^.]+$/, '.AAAA') }, /signature does not verify/],
      [
        { 'X-Salesforce-Assertion': sign({ sub: USER, aud: 'knowledge-hub', iss: ORG, exp: now() + 60 }, other) },
        /signature does not verify/,
      ],
      [{ 'X-Salesforce-Assertion': sign({ sub: USER, aud: 'knowledge-hub', iss: ORG, exp: now() + 60 }, privateKey, 'none') }, /RS256/],
      [{ 'X-Salesforce-Assertion': good({ aud: 'someone-else' }) }, /another audience/],
      [{ 'X-Salesforce-Assertion': good({ iss: '00D000000000002AAA' }) }, /another org/],
      [{ 'X-Salesforce-Assertion': good({ iat: now() - 600, exp: now() - 120 }) }, /expired/],
      [{ 'X-Salesforce-Assertion': good({ exp: now() + 86_400 }) }, /lives longer/],
      [{ 'X-Salesforce-Assertion': good(), 'X-Salesforce-User-Id': '005000000000009AAA' }, /name different users/],
      [{ 'X-Salesforce-Assertion': 'not-a-jwt' }, /compact JWS/],
    ];
    for (const [headers, why] of cases) {
      const res = await me(headers);
      expect([res.status, res.body.error.message]).toEqual([403, expect.stringMatching(why)]);
    }
  });

  it('when a request with a valid assertion is followed by one without, then the second is refused (integration identities are never cached)', async () => {
    expect((await me({ 'X-Salesforce-Assertion': good() })).body.id).toBe('rep-sf');
    const bare = await me({ 'X-Salesforce-User-Id': USER });
    expect([bare.status, bare.body.error.message]).toEqual([403, expect.stringMatching(/needs the org-signed X-Salesforce-Assertion/)]);
    expect((await me({})).status).toBe(403);
  });

  it('when the certificate is not a PEM key, then the hub does not start and names the variable', () => {
    expect(() => loadConfig({ HUB_PROXY_ASSERTION_CERT: 'nope' })).toThrow(/HUB_PROXY_ASSERTION_CERT: not a PEM certificate or public key/);
  });
});

describe('taxonomies', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  it('when an admin replaces a vocabulary, then everyone reads it, it is audited, and products carry their family into the index', async () => {
    const put = await hub.api
      .put('/api/taxonomies/products')
      .set(bearer(ADMIN_TOKEN))
      .send({
        terms: [
          { value: 'Lakehouse Core', family: 'Data Platform' },
          { value: 'Forecast AI', family: 'Analytics' },
        ],
      });
    expect(put.status).toBe(200);
    const rep = await hub.user('rep-t', 'rep');
    const all = await hub.api.get('/api/taxonomies').set(bearer(rep));
    expect(all.body.products).toEqual([
      { value: 'Lakehouse Core', family: 'Data Platform' },
      { value: 'Forecast AI', family: 'Analytics' },
    ]);
    expect((await hub.api.put('/api/taxonomies/products').set(bearer(rep)).send({ terms: [] })).status).toBe(403);
    expect((await hub.api.put('/api/taxonomies/nonsense').set(bearer(ADMIN_TOKEN)).send({ terms: [] })).status).toBe(400);
    expect(
      (
        await hub.api
          .put('/api/taxonomies/industries')
          .set(bearer(ADMIN_TOKEN))
          .send({ terms: [{ value: 'Retail' }, { value: 'retail' }] })
      ).status,
    ).toBe(400);
    const audit = await hub.api.get('/api/audit?action=taxonomy.replace').set(bearer(ADMIN_TOKEN));
    expect(audit.body.entries[0]).toMatchObject({
      targetId: 'products',
      details: { added: ['Lakehouse Core', 'Forecast AI'], removed: [] },
    });
    const docs = await hub.documentSource.load(['none']);
    expect(docs.get('none')).toBeNull();
  });
});
