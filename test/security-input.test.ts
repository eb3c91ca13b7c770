import fc from 'fast-check';
import { sql } from 'kysely';
import type { Test } from 'supertest';
import { ADMIN_TOKEN, bearer, startTestHub, type TestHub } from './support/hub';

/**
 * Hostile input: filter values that try to break out of their quotes, ids that try to walk the
 * path or the database, and fuzzed bodies for every write endpoint.
 */

const HOSTILE = [
  'x" OR visibility = "confidential',
  'x" OR visibilityScope = "confidential',
  'a\\',
  "a'b",
  ')',
  '") OR ("1" = "1',
  'a\\" OR id EXISTS OR "b',
  'x] OR [y',
  'NOT x',
];
const TEN_KB = 'x'.repeat(10_000);
const FREE_FACETS = ['products', 'industries', 'segments', 'regions', 'competitors', 'stages', 'personas'] as const;
const ENUM_FACETS = ['kind', 'contentType'] as const;

/** A stack trace or a server path in a response body means internals leaked. */
const STACK_TRACE = /\n\s+at\s|\bat\s+(?:async\s+)?[\w.<>]+\s+\(|\.(?:ts|js|mjs|cjs):\d+:\d+|node_modules|\/work\/|\/home\/|\/tmp\//;

/** Every string in a JSON value, keys included. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsIn(v, out);
    }
  }
  return out;
}

/**
 * The response's own words: error messages may quote what the client sent (an unknown key, an
 * id), and fuzzed input can look like anything, so those echoes are removed before looking.
 */
function ownText(res: { text: string; body: unknown }, sent: string): string {
  const parsed = (text: string) => {
    try {
      return stringsIn(JSON.parse(text));
    } catch {
      return [text];
    }
  };
  // A whole body, or NDJSON line by line. Short echoes stay: removing "a" would hide an "at " line.
  const sentStrings = [...parsed(sent), ...sent.split('\n').flatMap(parsed)];
  const echoes = sentStrings.filter((x) => x.length >= 4).sort((a, b) => b.length - a.length);
  const texts = res.body && typeof res.body === 'object' && Object.keys(res.body).length ? stringsIn(res.body) : [res.text];
  return texts.map((t) => echoes.reduce((acc, e) => acc.split(e).join(' '), t)).join('\n');
}

const base = {
  kind: 'capability',
  contentType: 'battlecard',
  summary: 'Hostile value carrier.',
  body: 'Short body.',
  status: 'published',
  authors: [{ userId: 'author-1', role: 'author', share: 1 }],
};

const facetsOf = (values: string[]) => Object.fromEntries(FREE_FACETS.map((f) => [f, values]));

describe('hostile filter values on every facet parameter', () => {
  let hub: TestHub;
  let rep: string;
  const literalItem = new Map<string, string>();
  let confidentialId = '';

  beforeAll(async () => {
    hub = await startTestHub();
    const author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
    for (const [i, value] of HOSTILE.entries()) {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({ ...base, title: `Hostile carrier ${i}`, ...facetsOf([value]) });
      expect(res.status).toBe(201);
      literalItem.set(value, res.body.id);
    }
    // Decoys an unescaped filter would match, and a confidential item carrying every hostile value.
    const decoy = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({ ...base, title: 'Decoy', ...facetsOf(['x', 'a', 'b', 'y', 'confidential', '1']) });
    expect(decoy.status).toBe(201);
    const secret = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        ...base,
        title: 'Sealed vault ledger',
        summary: 'sealedvault',
        ...facetsOf([...HOSTILE, 'x', 'a', 'confidential']),
        visibility: { scope: 'confidential', users: ['author-1'] },
      });
    expect(secret.status).toBe(201);
    confidentialId = secret.body.id;
    await hub.relay.drain();
  });
  afterAll(() => hub.stop());

  const search = (query: string) => hub.api.get(`/api/search?${query}`).set(bearer(rep));
  const noLeak = (res: { text: string }) => {
    expect(res.text).not.toContain(confidentialId);
    expect(res.text).not.toContain('Sealed vault');
    expect(res.text).not.toContain('sealedvault');
  };

  it.each(FREE_FACETS)('when %s carries a hostile value, then only the item with that literal value comes back', async (param) => {
    for (const value of HOSTILE) {
      const res = await search(`${param}=${encodeURIComponent(value)}`);
      noLeak(res);
      if (res.status === 400) continue;
      expect(res.status).toBe(200);
      expect({ value, ids: res.body.hits.map((h: { id: string }) => h.id), total: res.body.total }).toEqual({
        value,
        ids: [literalItem.get(value)],
        total: 1,
      });
      // Disjunctive facets: the selected group counts its other values too (one item each), as
      // literal values; the hostile value is still counted exactly once.
      expect(res.body.facets[param][value]).toBe(1);
      expect(Object.values(res.body.facets[param] as Record<string, number>).every((n) => n === 1)).toBe(true);
    }
  });

  it.each(FREE_FACETS)('when %s carries every hostile value at once, then exactly their literal items come back', async (param) => {
    const res = await search(HOSTILE.map((v) => `${param}=${encodeURIComponent(v)}`).join('&'));
    noLeak(res);
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: { id: string }) => h.id).sort()).toEqual([...literalItem.values()].sort());
  });

  it('when authors carries a hostile value, then nothing comes back (no user id can hold it)', async () => {
    for (const value of HOSTILE) {
      const res = await search(`authors=${encodeURIComponent(value)}`);
      noLeak(res);
      if (res.status === 400) continue;
      expect({ value, status: res.status, total: res.body.total }).toEqual({ value, status: 200, total: 0 });
    }
    const mine = await search('authors=author-1&limit=100');
    noLeak(mine);
    expect(mine.body.total).toBe(HOSTILE.length + 1);
  });

  it.each(ENUM_FACETS)('when %s carries a hostile value, then it is refused with 400 naming the field', async (param) => {
    for (const value of [...HOSTILE, TEN_KB]) {
      const res = await search(`${param}=${encodeURIComponent(value)}`);
      expect({ value: value.slice(0, 40), status: res.status }).toEqual({ value: value.slice(0, 40), status: 400 });
      expect(res.body.error.details.issues[0].path).toMatch(new RegExp(`^query\\.${param}`));
      noLeak(res);
    }
  });

  it.each([...FREE_FACETS, 'authors'])('when %s carries a 10 kB value, then it is refused with 400', async (param) => {
    const res = await search(`${param}=${TEN_KB}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.text.length).toBeLessThan(2000);
  });

  it('when the query text itself is hostile or a filter is smuggled in as a parameter, then nothing confidential leaks', async () => {
    for (const q of [...HOSTILE, 'sealedvault', 'Sealed vault ledger']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      noLeak(res);
    }
    for (const smuggled of [
      'filter=visibilityScope%20%3D%20confidential',
      'visibilityScope=confidential',
      'visibleUsers=rep-1',
      'q=x&facets=visibleUsers',
      'sort=title:asc',
    ]) {
      const res = await search(smuggled);
      expect(res.status).toBe(400);
      noLeak(res);
    }
  });

  it('when 1,000 random ids are asked for as a rep, then none answers 200 and none fails with 5xx', async () => {
    const draft = await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send({ ...base, title: 'Admin draft', status: 'draft', authors: [{ userId: 'author-1', role: 'author', share: 1 }] });
    const hiddenIds = [confidentialId, draft.body.id as string];
    const tricky = [
      '../../etc/passwd',
      '..%2F..%2Fapi%2Fusers',
      '..\\..\\windows\\win.ini',
      '/api/users',
      '%00',
      '\u0000',
      'ci-\u0000',
      "' OR 1=1 --",
      '" OR ""="',
      '1; DROP TABLE content_items; --',
      '*',
      '%',
      '_',
      'ci-%',
      'ci-_',
      '${7*7}',
      '{{7*7}}',
      '<script>',
      'null',
      'undefined',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'x'.repeat(201),
      'x'.repeat(5000),
      '\u202e',
      '\ufeff',
      '😀',
      'ｃｉ－',
      'İ',
      'ß',
      ...hiddenIds,
      ...hiddenIds.map((id) => id.toUpperCase()),
      ...hiddenIds.map((id) => ` ${id}`),
      ...hiddenIds.map((id) => `${id}/`),
      ...hiddenIds.map((id) => `${id}\u0000`),
      ...hiddenIds.map((id) => `${id}%`),
      ...hiddenIds.map((id) => id.slice(0, -1)),
      ...hiddenIds.map((id) => `${id}/../${id}`),
    ];
    const randomId = fc.oneof(
      fc.constantFrom(...tricky),
      fc.uuid().map((u) => `ci-${u}`),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 250 }),
      fc.stringMatching(/^[A-Za-z0-9_.:-]{1,100}$/),
    );
    const seen: { id: string; status: number }[] = [];
    const ids = [...tricky, ...fc.sample(randomId, 1000 - tricky.length)]
      // A bare "." or ".." is not an id: the URL resolves it to another path before it reaches the hub.
      .filter((id) => id !== '.' && id !== '..');
    for (const id of ids) {
      const res = await hub.api.get(`/api/content/${encodeURIComponent(id)}`).set(bearer(rep));
      if (res.status === 200 || res.status >= 500 || STACK_TRACE.test(res.text)) seen.push({ id, status: res.status });
    }
    expect(ids.length).toBeGreaterThanOrEqual(990);
    expect(seen).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based fuzzing of every write endpoint's body.
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One change to a valid body; paths are picked at run time, modulo the nodes the body has. */
type Op = { op: 'set'; at: number; key: string; value: Json } | { op: 'delete'; at: number } | { op: 'retype'; at: number; value: Json };
type Plan = { kind: 'mutated'; ops: Op[] } | { kind: 'value'; value: Json } | { kind: 'text'; text: string };

const nest = (depth: number): Json => {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Json>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e21,
      -1e21,
      2 ** 53 + 1,
      '',
      ' ',
      [],
      {},
      'published',
      'admin',
      'confidential',
      { scope: 'everyone' },
      [{}],
      [null],
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(300, 5_000, 250_000, 1_100_000).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 1500 }).map(nest) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

const KEYS = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isAdmin',
    'role',
    'id',
    'version',
    'status',
    'visibility',
    'owner',
    'ownerId',
    'integration',
    'active',
    'authors',
    'createdBy',
    'actorId',
  ),
  fc.string({ maxLength: 20 }),
);

const RAW_TEXTS = [
  '',
  '{',
  '}',
  '[]',
  '[1,2',
  'null',
  'true',
  '"string"',
  '{"version":1e309}',
  '{"version":-0}',
  '{"title":"\\ud800"}',
  '{"a":1,"a":2}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '\u0000',
  '\ufeff{}',
  '{"version":1}garbage',
  '{"version":01}',
];

const plan: fc.Arbitrary<Plan> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.record({ op: fc.constant('set' as const), at: fc.nat(), key: KEYS, value: anyValue }),
          fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
          fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: anyValue }),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((ops) => ({ kind: 'mutated' as const, ops })),
  },
  { weight: 2, arbitrary: anyValue.map((value) => ({ kind: 'value' as const, value })) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...RAW_TEXTS)).map((text) => ({ kind: 'text' as const, text })),
  },
);

/** Every object/array in a JSON value, with the parent and key of each non-root node. */
function nodesOf(root: Json): {
  containers: (Json[] | { [k: string]: Json })[];
  children: { parent: Json[] | { [k: string]: Json }; key: string | number }[];
} {
  const containers: (Json[] | { [k: string]: Json })[] = [];
  const children: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const walk = (v: Json) => {
    if (v === null || typeof v !== 'object') return;
    containers.push(v);
    const entries: [string | number, Json][] = Array.isArray(v) ? v.map((c, i) => [i, c]) : Object.entries(v);
    for (const [key, child] of entries) {
      children.push({ parent: v, key });
      walk(child);
    }
  };
  walk(root);
  return { containers, children };
}

/** Sets an own property even for `__proto__`, so JSON.stringify sends it as a plain key. */
function setOwn(target: Json[] | { [k: string]: Json }, key: string | number, value: Json) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies a plan to a valid body and returns the text to send. */
function render(p: Plan, valid: Json): string {
  if (p.kind === 'text') return p.text;
  if (p.kind === 'value') return JSON.stringify(p.value);
  let body = structuredClone(valid);
  // Generated values are copied in: fast-check replays them while shrinking, so they must stay untouched.
  for (const original of p.ops) {
    const op = 'value' in original ? { ...original, value: structuredClone(original.value) } : original;
    const { containers, children } = nodesOf(body);
    if (op.op === 'set' && containers.length) {
      const target = containers[op.at % containers.length] as Json[] | { [k: string]: Json };
      setOwn(target, Array.isArray(target) ? op.at % (target.length + 1) : op.key, op.value);
    } else if (op.op === 'delete' && children.length) {
      const { parent, key } = children[op.at % children.length] as (typeof children)[number];
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (op.op === 'retype') {
      if (!children.length) body = op.value;
      else {
        const { parent, key } = children[op.at % children.length] as (typeof children)[number];
        setOwn(parent, key, op.value);
      }
    }
  }
  return JSON.stringify(body) ?? 'null';
}

describe('fuzzed bodies on every write endpoint', () => {
  let hub: TestHub;
  let author: string;
  let rep: string;
  let itemId = '';
  let run = 0;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    // No background relay: the fuzzer measures the request path, not indexing.
    hub = await startTestHub({ hub: { startRelay: false } });
    author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
    await hub.user('fuzz-target', 'rep', 'Team F');
    const item = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({ ...base, title: 'Fuzz target item' });
    expect(item.status).toBe(201);
    itemId = item.body.id;
    const opp = await hub.api
      .post('/api/opportunities')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'opp-fuzz', name: 'Fuzz deal', accountName: 'Fuzz Corp', stage: 'Discovery', ownerId: 'rep-1' });
    expect(opp.status).toBe(201);
  });
  afterAll(() => hub.stop());

  /** Row counts of every table and the rows PATCH requests aim at: a refused request changes none. */
  async function fingerprint(): Promise<string> {
    const counts = await sql<Record<string, unknown>>`select
      (select count(*) from users) as users, (select count(*) from api_tokens) as tokens,
      (select count(*) from content_items) as items, (select count(*) from content_authors) as authors,
      (select count(*) from content_versions) as versions, (select count(*) from search_outbox) as outbox,
      (select count(*) from opportunities) as opportunities, (select count(*) from audit_log) as audit,
      (select count(*) from usage_events) as events`.execute(hub.db.db);
    const item = await hub.db.db.selectFrom('content_items').selectAll().where('id', '=', itemId).executeTakeFirst();
    const user = await hub.db.db.selectFrom('users').selectAll().where('id', '=', 'fuzz-target').executeTakeFirst();
    const opp = await hub.db.db.selectFrom('opportunities').selectAll().where('id', '=', 'opp-fuzz').executeTakeFirst();
    return JSON.stringify({ counts: counts.rows[0], item, user, opp });
  }

  const currentVersion = async () =>
    (await hub.db.db.selectFrom('content_items').select('version').where('id', '=', itemId).executeTakeFirstOrThrow()).version;

  interface Endpoint {
    name: string;
    send: (text: string) => Test;
    valid: (n: number) => Promise<Json>;
    /** Extra checks for endpoints that accept part of a request (import, batch). */
    partial?: (res: { status: number; body: Record<string, unknown> }, before: string, after: string, text: string) => void;
  }

  const json = (t: Test, token: string, text: string) => t.set(bearer(token)).set('Content-Type', 'application/json').send(text);

  const ENDPOINTS: Endpoint[] = [
    {
      name: 'POST /api/content',
      send: (text) => json(hub.api.post('/api/content'), author, text),
      valid: async (n) => ({
        ...base,
        status: 'draft',
        title: `Fuzz item ${n}`,
        competitors: ['Globex'],
        visibility: { scope: 'teams', teams: ['Team A'] },
      }),
    },
    {
      name: 'PATCH /api/content/:id',
      send: (text) => json(hub.api.patch(`/api/content/${itemId}`), author, text),
      valid: async (n) => ({
        version: await currentVersion(),
        title: `Fuzz target item ${n}`,
        visibility: { scope: 'everyone' },
        authors: [{ userId: 'author-1', role: 'author', share: 1 }],
      }),
    },
    {
      name: 'POST /api/users',
      send: (text) => json(hub.api.post('/api/users'), ADMIN_TOKEN, text),
      valid: async (n) => ({
        id: `fz-${n}`,
        name: `Fuzz ${n}`,
        email: `fz-${n}@example.test`,
        role: 'rep',
        team: 'Team F',
        leadsTeams: [],
      }),
    },
    {
      name: 'PATCH /api/users/:id',
      send: (text) => json(hub.api.patch('/api/users/fuzz-target'), ADMIN_TOKEN, text),
      valid: async (n) => ({ name: `Fuzz Target ${n}`, role: 'rep', team: 'Team F', leadsTeams: [], active: true }),
    },
    {
      name: 'POST /api/users/:id/tokens',
      send: (text) => json(hub.api.post('/api/users/fuzz-target/tokens'), ADMIN_TOKEN, text),
      valid: async (n) => ({ label: `fuzz ${n}`, expiresInDays: 30 }),
    },
    {
      name: 'POST /api/opportunities',
      send: (text) => json(hub.api.post('/api/opportunities'), ADMIN_TOKEN, text),
      valid: async (n) => ({
        id: `opp-fz-${n}`,
        name: `Deal ${n}`,
        accountName: 'Acme',
        stage: 'Discovery',
        amount: 1000,
        currency: 'EUR',
        products: [{ name: 'Lakehouse Core' }],
        competitors: ['Globex'],
        ownerId: 'rep-1',
      }),
    },
    {
      name: 'PATCH /api/opportunities/:id',
      send: (text) => json(hub.api.patch('/api/opportunities/opp-fuzz'), ADMIN_TOKEN, text),
      valid: async (n) => ({
        stage: `Stage ${n % 5}`,
        amount: n,
        products: [{ name: 'Stream Ingest' }],
        contactRoles: [{ role: 'Economic Buyer' }],
      }),
    },
    {
      name: 'POST /api/events',
      send: (text) => json(hub.api.post('/api/events').set('Idempotency-Key', `fuzz-key-${++run}`), rep, text),
      valid: async () => ({ type: 'view', contentId: itemId, opportunityId: 'opp-fuzz', note: 'seen' }),
    },
    {
      name: 'POST /api/events/batch',
      send: (text) => json(hub.api.post('/api/events/batch'), rep, text),
      valid: async (n) => ({
        events: [
          { idempotencyKey: `fuzz-batch-${n}-a`, type: 'view', contentId: itemId },
          { idempotencyKey: `fuzz-batch-${n}-b`, type: 'helpful', contentId: itemId },
        ],
      }),
      partial: (res, before, after) => {
        const stored = Number(JSON.parse(after).counts.events) - Number(JSON.parse(before).counts.events);
        const created = res.status === 200 ? (res.body.results as { status: number }[]).filter((r) => r.status === 201).length : 0;
        expect(stored).toBe(created);
      },
    },
  ];

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))(
    'when %s gets its valid body, then it is accepted (the fuzzer starts from real bodies)',
    async (_name, endpoint) => {
      const res = await endpoint.send(JSON.stringify(await endpoint.valid(0)));
      expect(res.status).toBeLessThan(300);
    },
  );

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))(
    'when %s gets fuzzed bodies, then no 5xx, no stack trace, and a refused request stores nothing',
    async (_name, endpoint) => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(plan, async (p) => {
          n++;
          const text = render(p, await endpoint.valid(1_000_000 + n + run * 7));
          const before = await fingerprint();
          const res = await endpoint.send(text);
          const after = await fingerprint();
          expect(res.status).toBeLessThan(500);
          expect(ownText(res, text)).not.toMatch(STACK_TRACE);
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
          if (res.status >= 400) {
            expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
            expect(after).toBe(before);
          }
          endpoint.partial?.(res, before, after, text);
        }),
        { numRuns: 120 },
      );
    },
  );

  it('when POST /api/content/import gets fuzzed NDJSON, then no 5xx, no stack trace, and only the lines it accepted are stored', async () => {
    let n = 0;
    const lineArb = fc.oneof(
      { weight: 3, arbitrary: plan },
      { weight: 2, arbitrary: fc.constant<Plan>({ kind: 'mutated', ops: [] }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Plan>({ kind: 'text', text: '' }, { kind: 'text', text: '   ' }, { kind: 'text', text: '{' }),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 0, maxLength: 6 }), async (lines) => {
        n++;
        const text = lines.map((p, i) => render(p, { ...base, externalId: `fz-import-${n}-${i}`, title: `Imported ${n} ${i}` })).join('\n');
        const before = JSON.parse(await fingerprint());
        const res = await hub.api.post('/api/content/import').set(bearer(author)).set('Content-Type', 'application/x-ndjson').send(text);
        const after = JSON.parse(await fingerprint());
        expect(res.status).toBeLessThan(500);
        expect(ownText(res, text)).not.toMatch(STACK_TRACE);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        if (res.status >= 400) {
          expect(after).toEqual(before);
          return;
        }
        const { created, updated, unchanged, failed } = res.body as {
          created: number;
          updated: number;
          unchanged: number;
          failed: unknown[];
        };
        const nonEmpty = text.split('\n').filter((l) => l.trim()).length;
        expect(created + updated + unchanged + failed.length).toBe(nonEmpty);
        expect(Number(after.counts.items) - Number(before.counts.items)).toBe(created);
        expect(Number(after.counts.versions) - Number(before.counts.versions)).toBe(created + updated);
      }),
      { numRuns: 120 },
    );
  });
});
