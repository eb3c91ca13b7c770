import zlib from 'node:zlib';
import { createLogger } from '../server/log';
import { ANY_ROLE, route } from '../server/http/route';
import { ADMIN_TOKEN, bearer, startTestHub, type TestHub } from './support/hub';

/** HTTP hardening: rate limits, body limits, headers, CORS, request ids, authentication and logs. */

const ALLOWED_ORIGIN = 'https://acme.lightning.force.com';
const ALLOWED_ORIGIN_2 = 'https://acme.my.salesforce.com';
const STACK_TRACE = /\n\s+at\s|\.(?:ts|js):\d+:\d+|node_modules|\/work\//;

/** A token for an existing user without going through the API (keeps small rate-limit budgets intact). */
async function tokenFor(hub: TestHub, id: string, role: 'rep' | 'author' | 'leader' | 'admin') {
  const admin = await hub.auth.authenticate(ADMIN_TOKEN);
  await hub.auth.createUser(admin, { id, name: id, email: `${id}@example.test`, role, team: 'Team A' });
  return (await hub.auth.issueToken(admin, id, {})).token;
}

describe('rate limiting', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => hub.stop());

  it('when a token makes a 6th request in a minute, then it gets 429 with Retry-After and the error body, and another token is unaffected', async () => {
    const first = await tokenFor(hub, 'rep-1', 'rep');
    const second = await tokenFor(hub, 'rep-2', 'rep');
    for (let i = 1; i <= 5; i++) {
      const res = await hub.api.get('/api/search?q=anything').set(bearer(first));
      expect({ i, status: res.status }).toEqual({ i, status: 200 });
    }
    const limited = await hub.api.get('/api/search?q=anything').set(bearer(first));
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: retryAfter } });
    expect(limited.headers['x-request-id']).toBeTruthy();
    // The limit holds on every route, writes included.
    expect((await hub.api.post('/api/events').set(bearer(first)).send({})).status).toBe(429);

    const other = await hub.api.get('/api/search?q=anything').set(bearer(second));
    expect(other.status).toBe(200);
  });

  it('when unauthenticated requests spoof X-Forwarded-For with trust proxy off, then they still share one bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await hub.api
        .get('/api/me')
        .set('X-Forwarded-For', `203.0.113.${i + 1}`)
        .set('X-Real-IP', `198.51.100.${i + 1}`)
        .set('Forwarded', `for=192.0.2.${i + 1}`);
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers['retry-after']).toBeTruthy();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});

describe('rate limiting of failed authentication', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => hub.stop());

  it('when a client rotates made-up tokens, then its failures are counted per address and it gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await hub.api.get('/api/me').set(bearer(`khub_made_up_token_number_${i}_xxxxxxxx`))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});

describe('failed authentications never lock out valid tokens', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { RATE_LIMIT_PER_MINUTE: '600' } });
  });
  afterAll(() => hub.stop());

  it('when 1,000 made-up tokens come from one address, then they get 429 after their budget, and valid tokens from that address still work', async () => {
    const rep = await tokenFor(hub, 'rep-lockout', 'rep');
    const counts = new Map<number, number>();
    for (let batch = 0; batch < 1000; batch += 50) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          hub.api.get('/api/me').set(bearer(`khub_made_up_${batch + i}_${Math.random().toString(36).slice(2)}`)),
        ),
      );
      for (const r of responses) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ 401: 600, 429: 400 });
    // Still refused: the failure budget holds for bad tokens.
    expect((await hub.api.get('/api/me').set(bearer('khub_one_more_made_up_token'))).status).toBe(429);
    // A valid token is limited only by its own budget, whoever shares its address.
    expect((await hub.api.get('/api/me').set(bearer(ADMIN_TOKEN))).status).toBe(200);
    const me = await hub.api.get('/api/me').set(bearer(rep));
    expect(me.status).toBe(200);
    expect(me.body.id).toBe('rep-lockout');
    // A token issued during the lockout works at once too.
    const fresh = await tokenFor(hub, 'rep-fresh', 'rep');
    expect((await hub.api.get('/api/me').set(bearer(fresh))).status).toBe(200);
    // A revoked token is unknown again: refused by the failure budget.
    const admin = await hub.auth.authenticate(ADMIN_TOKEN);
    const issued = await hub.auth.issueToken(admin, 'rep-fresh', {});
    expect((await hub.api.get('/api/me').set(bearer(issued.token))).status).toBe(200);
    await hub.auth.revokeToken(admin, 'rep-fresh', issued.id);
    expect([401, 429]).toContain((await hub.api.get('/api/me').set(bearer(issued.token))).status);
  });
});

describe('rate limiting behind a trusted proxy', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' } });
  });
  afterAll(() => hub.stop());

  it('when trust proxy is on, then X-Forwarded-For names the client and each client has its own bucket', async () => {
    const from = (ip: string) => hub.api.get('/api/me').set('X-Forwarded-For', ip);
    expect([(await from('203.0.113.1')).status, (await from('203.0.113.1')).status, (await from('203.0.113.1')).status]).toEqual([
      401, 401, 429,
    ]);
    expect((await from('203.0.113.2')).status).toBe(401);
  });
});

describe('body limits, headers, CORS, request ids and authentication', () => {
  let hub: TestHub;
  let author: string;

  beforeAll(async () => {
    hub = await startTestHub({
      env: { BODY_LIMIT: '100kb', IMPORT_BODY_LIMIT: '2mb', CORS_ORIGINS: `${ALLOWED_ORIGIN},${ALLOWED_ORIGIN_2}` },
      hub: {
        // A route that fails the way a bug would, with internals in its message.
        extraRoutes: () => [
          route({
            method: 'get',
            path: '/api/test/failure',
            tag: 'test',
            roles: ANY_ROLE,
            summary: 'Always fails',
            handler: async () => {
              throw new Error('boom in /work/main/server/secret.ts:12:3 with SELECT * FROM users');
            },
          }),
        ],
      },
    });
    author = await hub.user('author-1', 'author');
  });
  afterAll(() => hub.stop());

  const item = (over: Record<string, unknown> = {}) => ({
    kind: 'capability',
    contentType: 'faq',
    title: 'Limits',
    authors: [{ userId: 'author-1', role: 'author', share: 1 }],
    ...over,
  });

  it('when a JSON body is over the limit, then 413 with the error body and nothing is stored', async () => {
    const before = await hub.db.db.selectFrom('content_items').select('id').execute();
    const res = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ body: 'x'.repeat(150 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', message: expect.any(String) });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(await hub.db.db.selectFrom('content_items').select('id').execute()).toHaveLength(before.length);
    const under = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ body: 'x'.repeat(90 * 1024) }));
    expect(under.status).toBe(201);
  });

  it('when an NDJSON import is over the JSON limit but under its own, then it is accepted; over its own, 413', async () => {
    const line = (i: number) => JSON.stringify(item({ externalId: `big-${i}`, title: `Big import ${i}`, body: 'y'.repeat(60 * 1024) }));
    const big = Array.from({ length: 25 }, (_, i) => line(i)).join('\n');
    expect(big.length).toBeGreaterThan(1.4 * 1024 * 1024);
    const ok = await hub.api.post('/api/content/import').set(bearer(author)).set('Content-Type', 'application/x-ndjson').send(big);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ created: 25, failed: [] });

    const tooBig = Array.from({ length: 40 }, (_, i) => line(100 + i)).join('\n');
    expect(tooBig.length).toBeGreaterThan(2 * 1024 * 1024);
    const countBefore = (await hub.db.db.selectFrom('content_items').select('id').execute()).length;
    const refused = await hub.api.post('/api/content/import').set(bearer(author)).set('Content-Type', 'application/x-ndjson').send(tooBig);
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe('payload_too_large');
    expect(await hub.db.db.selectFrom('content_items').select('id').execute()).toHaveLength(countBefore);
  });

  it('when a body has a bogus or lying Content-Encoding, or fails to decode, then 400 or 415 with a clear message, never 500 or a stack trace', async () => {
    const json = Buffer.from(JSON.stringify(item({ title: 'Encoded' })));
    const gzipped = zlib.gzipSync(json);
    const cases: [string, Buffer][] = [
      ['gzip', json], // a gzip header on a plain JSON body
      ['deflate', json],
      ['br', json],
      ['gzip', gzipped.subarray(0, gzipped.length - 8)], // truncated
      ['gzip', Buffer.concat([gzipped.subarray(0, 20), Buffer.from('garbage'), gzipped.subarray(20)])], // corrupt
      ['bogus', json],
      ['gzip, gzip', gzipped],
      ['x-compress', json],
    ];
    // Bytes as they are: superagent writes a Buffer unchanged, though its typing promises a string.
    const asIs = (b: Buffer) => b as unknown as string;
    const send = (encoding: string, body: Buffer) =>
      hub.api
        .post('/api/content')
        .set(bearer(author))
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .serialize(asIs)
        .send(body);
    for (const [encoding, body] of cases) {
      const res = await send(encoding, body);
      expect({ encoding, ok: res.status === 400 || res.status === 415 }).toEqual({ encoding, ok: true });
      expect(res.body.error).toMatchObject({
        code: expect.stringMatching(/^(bad_request|unsupported_media_type)$/),
        message: expect.stringMatching(/encod/i),
      });
      expect(JSON.stringify(res.body)).not.toMatch(STACK_TRACE);
    }
    // A body that really is gzipped is read as the JSON it encodes.
    const ok = await send('gzip', gzipped);
    expect(ok.status).toBe(201);
    expect(ok.body.title).toBe('Encoded');
  });

  it('when any response goes out, then it carries the security headers', async () => {
    for (const res of [
      await hub.api.get('/api/health'),
      await hub.api.get('/api/me'),
      await hub.api.get('/api/nope').set(bearer(author)),
      await hub.api.get('/'),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(new RegExp(`frame-ancestors 'self' ${ALLOWED_ORIGIN} ${ALLOWED_ORIGIN_2}`));
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-dns-prefetch-control']).toBe('off');
      // helmet's headers are captured once and replayed (server/app.ts staticHeaders): all of them.
      for (const name of [
        'cross-origin-resource-policy',
        'origin-agent-cluster',
        'x-download-options',
        'x-frame-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
      ])
        expect(res.headers[name]).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('when an allowed origin calls, then CORS allows it; an unknown origin gets no CORS grant', async () => {
    for (const origin of [ALLOWED_ORIGIN, ALLOWED_ORIGIN_2]) {
      const simple = await hub.api.get('/api/health').set('Origin', origin);
      expect(simple.headers['access-control-allow-origin']).toBe(origin);
      expect(simple.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
      const preflight = await hub.api
        .options('/api/search')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'Authorization');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    }
    for (const origin of [
      'https://evil.example',
      'https://acme.lightning.force.com.evil.example',
      'null',
      'http://acme.lightning.force.com',
      `${ALLOWED_ORIGIN}:8443`,
    ]) {
      const simple = await hub.api.get('/api/health').set('Origin', origin);
      expect({ origin, acao: simple.headers['access-control-allow-origin'] }).toEqual({ origin, acao: undefined });
      const preflight = await hub.api
        .options('/api/search')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'Authorization');
      expect({ origin, acao: preflight.headers['access-control-allow-origin'] }).toEqual({ origin, acao: undefined });
    }
  });

  it('when responses of every kind go out, then each carries an X-Request-Id; a well-formed incoming one is echoed', async () => {
    const responses = {
      ok: await hub.api.get('/api/health'),
      badRequest: await hub.api.get('/api/search?limit=abc').set(bearer(author)),
      unauthorized: await hub.api.get('/api/me'),
      forbidden: await hub.api.get('/api/audit').set(bearer(author)),
      notFound: await hub.api.get('/api/content/ci-missing').set(bearer(author)),
      unknownEndpoint: await hub.api.get('/api/nope').set(bearer(author)),
      tooLarge: await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send(item({ body: 'x'.repeat(200 * 1024) })),
      malformedJson: await hub.api.post('/api/content').set(bearer(author)).set('Content-Type', 'application/json').send('{"title":'),
      serverError: await hub.api.get('/api/test/failure').set(bearer(author)),
      page: await hub.api.get('/'),
    };
    const statuses = Object.fromEntries(Object.entries(responses).map(([k, r]) => [k, r.status]));
    expect(statuses).toEqual({
      ok: 200,
      badRequest: 400,
      unauthorized: 401,
      forbidden: 403,
      notFound: 404,
      unknownEndpoint: 404,
      tooLarge: 413,
      malformedJson: 400,
      serverError: 500,
      page: 200,
    });
    for (const [kind, res] of Object.entries(responses)) {
      expect({ kind, id: /^[A-Za-z0-9._-]{8,100}$/.test(String(res.headers['x-request-id'])) }).toEqual({ kind, id: true });
      expect({ kind, stack: STACK_TRACE.test(res.text) }).toEqual({ kind, stack: false });
    }
    expect(responses.serverError.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
    const ids = Object.values(responses).map((r) => r.headers['x-request-id']);
    expect(new Set(ids).size).toBe(ids.length);

    const echoed = await hub.api.get('/api/health').set('X-Request-Id', 'trace-1234abcd');
    expect(echoed.headers['x-request-id']).toBe('trace-1234abcd');
    const replaced = await hub.api.get('/api/health').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).not.toContain('<');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when any non-public route in the OpenAPI document is called without a valid token, then 401', async () => {
    const doc = await hub.api.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths as Record<string, Record<string, { security?: unknown[] }>>;
    const publicOps: string[] = [];
    const answers: string[] = [];
    const badCredentials: [string, Record<string, string>][] = [
      ['no header', {}],
      ['unknown token', bearer('khub_' + 'A'.repeat(43))],
      ['admin token plus a character', bearer(ADMIN_TOKEN + 'x')],
      ['empty bearer', { Authorization: 'Bearer ' }],
      ['basic scheme', { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }],
      ['token without scheme', { Authorization: ADMIN_TOKEN }],
    ];
    let checked = 0;
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (Array.isArray(op.security) && op.security.length === 0) {
          publicOps.push(`${method.toUpperCase()} ${path}`);
          continue;
        }
        const url = path.replace(/\{tokenId\}/g, 'tok-1').replace(/\{[A-Za-z]+\}/g, 'x-1');
        for (const [label, headers] of badCredentials) {
          let req = hub.api[method as 'get' | 'post' | 'patch' | 'put' | 'delete'](url).set(headers);
          if (method !== 'get' && method !== 'delete') req = req.send({});
          const res = await req;
          checked++;
          if (res.status !== 401 || res.body?.error?.code !== 'unauthorized' || res.headers['www-authenticate'] !== 'Bearer')
            answers.push(`${method.toUpperCase()} ${path} (${label}): ${res.status}`);
        }
      }
    }
    expect(answers).toEqual([]);
    expect(checked).toBeGreaterThan(20 * badCredentials.length);
    // Only these answer without a token (the demo sign-in list exists in demo mode only; a buyer's
    // share link is its own credential, an unguessable token: test/share-links.test.ts).
    expect(publicOps.filter((op) => op !== 'GET /api/demo/users')).toEqual(['GET /api/health', 'GET /api/shared/{token}']);
    expect((await hub.api.get('/api/health')).status).toBe(200);
  });

  it('when a token is revoked, expires or its user is deactivated, then it is refused; tokens are stored hashed', async () => {
    const admin = bearer(ADMIN_TOKEN);
    expect(
      (
        await hub.api
          .post('/api/users')
          .set(admin)
          .send({ id: 'rep-t', name: 'Rep T', email: 'rep-t@example.test', role: 'rep', team: 'Team A' })
      ).status,
    ).toBe(201);
    const issue = async (body: Record<string, unknown> = {}) => {
      const res = await hub.api.post('/api/users/rep-t/tokens').set(admin).send(body);
      expect(res.status).toBe(201);
      return res.body as { token: string; id: string; expiresAt: string | null };
    };
    const works = async (token: string) => (await hub.api.get('/api/search?q=x').set(bearer(token))).status;

    const revoked = await issue({ label: 'to revoke' });
    expect(await works(revoked.token)).toBe(200);
    expect((await hub.api.delete(`/api/users/rep-t/tokens/${revoked.id}`).set(admin)).status).toBe(204);
    expect(await works(revoked.token)).toBe(401);

    const expiring = await issue({ expiresInDays: 1 });
    expect(Date.parse(expiring.expiresAt as string)).toBeGreaterThan(Date.now());
    expect(await works(expiring.token)).toBe(200);
    await hub.db.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', expiring.id)
      .execute();
    // Written behind the hub's back, like another instance would: identities are reused for at
    // most HUB_AUTH_CACHE_SECONDS (test/access-cache.test.ts), so drop them rather than wait.
    hub.auth.forgetIdentities();
    expect(await works(expiring.token)).toBe(401);

    const lasting = await issue();
    expect(await works(lasting.token)).toBe(200);
    expect((await hub.api.patch('/api/users/rep-t').set(admin).send({ active: false })).status).toBe(200);
    expect(await works(lasting.token)).toBe(401);

    const rows = await hub.db.db.selectFrom('api_tokens').selectAll().where('user_id', '=', 'rep-t').execute();
    const stored = JSON.stringify(rows);
    for (const t of [revoked, expiring, lasting]) expect(stored).not.toContain(t.token);
    const listed = await hub.api.get('/api/users/rep-t/tokens').set(admin);
    expect(listed.body.tokens).toHaveLength(3);
    for (const t of [revoked, expiring, lasting]) expect(listed.text).not.toContain(t.token);
    const audit = await hub.api.get('/api/audit?targetId=rep-t').set(admin);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['token.issue', 'token.revoke', 'user.create']),
    );
    for (const t of [revoked, expiring, lasting]) expect(audit.text).not.toContain(t.token);
  });
});

describe('logs', () => {
  const lines: string[] = [];
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ hub: { logger: createLogger('debug', (line) => lines.push(line)) } });
  });
  afterAll(() => hub.stop());

  it('when requests carry tokens and confidential bodies, then no log line contains either, and request lines carry the request id', async () => {
    const secret = 'Zanzibar merger codename Bluefin at 41 dollars a share';
    const secretWord = 'bluefinzanzibar';
    const author = await hub.user('author-1', 'author');
    const rep = await hub.user('rep-1', 'rep');
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'situational',
        contentType: 'deal_story',
        title: `Deal story ${secretWord}`,
        summary: secret,
        body: `${secret}\n\nMore: ${secretWord}.`,
        status: 'published',
        visibility: { scope: 'confidential', users: ['rep-1'] },
        authors: [{ userId: 'author-1', role: 'author', share: 1 }],
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await hub.relay.drain();
    const requests = [
      hub.api.get(`/api/content/${id}`).set(bearer(rep)),
      hub.api.get(`/api/content/${id}/versions`).set(bearer(author)),
      hub.api
        .patch(`/api/content/${id}`)
        .set(bearer(author))
        .send({ version: 1, body: `${secret} (revised)` }),
      hub.api
        .patch(`/api/content/${id}`)
        .set(bearer(author))
        .send({ version: 1, body: `${secret} (stale)` }),
      hub.api.get(`/api/search?q=${secretWord}`).set(bearer(rep)),
      hub.api.get(`/api/search?q=${encodeURIComponent(rep)}`).set(bearer(rep)),
      hub.api.get(`/api/content/${rep}`).set(bearer(rep)),
      hub.api.get('/api/me').set(bearer(`${rep}x`)),
      hub.api.get('/api/me').set('Authorization', `Bearer ${ADMIN_TOKEN}`),
      hub.api.post('/api/content').set(bearer(author)).send({ title: secret, body: secret, bogus: author }),
      hub.api
        .post('/api/content/import')
        .set(bearer(author))
        .set('Content-Type', 'application/x-ndjson')
        .send(
          `${JSON.stringify({ kind: 'capability', contentType: 'faq', externalId: 'log-1', title: secret, body: secret, authors: [{ userId: 'author-1', role: 'author', share: 1 }] })}\n{"title": "${secret}"`,
        ),
      hub.api.post('/api/users/rep-1/tokens').set(bearer(ADMIN_TOKEN)).send({ label: 'another' }),
    ];
    const issued: string[] = [];
    for (const r of requests) {
      const res = await r;
      if (typeof res.body?.token === 'string') issued.push(res.body.token);
    }
    await hub.relay.drain();

    expect(lines.length).toBeGreaterThan(requests.length);
    const forbidden = [
      author,
      rep,
      ADMIN_TOKEN,
      ...issued,
      ...[author, rep, ...issued].map((t) => t.slice(5)),
      secret,
      secretWord,
      'Zanzibar',
      'Bluefin',
    ];
    const leaks = lines.filter((line) => forbidden.some((f) => line.toLowerCase().includes(f.toLowerCase())));
    expect(leaks).toEqual([]);
    const requestLines = lines.map((l) => JSON.parse(l) as { msg: string; requestId?: string }).filter((l) => l.msg === 'request');
    expect(requestLines.length).toBeGreaterThanOrEqual(requests.length);
    expect(requestLines.filter((l) => !l.requestId)).toEqual([]);
  });
});
