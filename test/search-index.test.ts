import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../search-index/engine';
import { openSearch } from '../server/search/runtime';
import { MeiliClient } from '../search-index/client';
import { reindexContent } from '../server/content/reindex';
import { ADMIN_TOKEN, bearer, startTestHub, type TestHub } from './support/hub';

const base = {
  kind: 'capability',
  contentType: 'battlecard',
  summary: 'How we win.',
  body: 'Short body.',
  authors: [{ userId: 'author-1', role: 'author', share: 1 }],
  status: 'published',
};

describe('facets, hostile filter values and import', () => {
  let hub: TestHub;
  let author: string;
  let rep: string;

  beforeAll(async () => {
    hub = await startTestHub();
    author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
    const items = [
      { title: 'Battlecard: Globex in Banking', competitors: ['Globex'], industries: ['Banking'], products: ['Stream Ingest'] },
      { title: 'Battlecard: Globex in Retail', competitors: ['Globex'], industries: ['Retail'], products: ['Stream Ingest'] },
      { title: 'Battlecard: Initech in Banking', competitors: ['Initech'], industries: ['Banking'], products: ['Lakehouse Core'] },
      // Hostile values stored as real facet values: each must match only itself.
      { title: 'Quote value', competitors: ['x" OR visibility = "confidential'] },
      { title: 'Backslash value', competitors: ['a\\'] },
      { title: 'Apostrophe value', competitors: ["a'b"] },
      { title: 'Paren value', competitors: [')'] },
    ];
    for (const it of items) {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({ ...base, ...it });
      expect(res.status).toBe(201);
    }
    await hub.relay.drain();
  });
  afterAll(() => hub.stop());

  const get = (q: string, token = rep) => hub.api.get(`/api/search?${q}`).set(bearer(token));

  it('when searching, then facet counts reflect the matching items', async () => {
    const res = await get('q=battlecard');
    expect(res.status).toBe(200);
    expect(res.body.facets.competitors).toMatchObject({ Globex: 2, Initech: 1 });
    expect(res.body.facets.industries).toEqual({ Banking: 2, Retail: 1 });
  });

  it('when filtering on several values of one facet and another facet, then values OR and facets AND', async () => {
    const res = await get('competitors=Globex&competitors=Initech&industries=Banking');
    expect(res.body.hits.map((h: { title: string }) => h.title).sort()).toEqual([
      'Battlecard: Globex in Banking',
      'Battlecard: Initech in Banking',
    ]);
    expect(res.body.total).toBe(2);
  });

  it.each([
    ['x" OR visibility = "confidential', 'Quote value'],
    ['a\\', 'Backslash value'],
    ["a'b", 'Apostrophe value'],
    [')', 'Paren value'],
  ])('when a facet value is hostile (%s), then only the literal match comes back', async (value, title) => {
    for (const param of ['competitors', 'products', 'industries', 'stages', 'personas', 'authors']) {
      const res = await get(`${param}=${encodeURIComponent(value)}`);
      expect(res.status).toBe(200);
      const titles = res.body.hits.map((h: { title: string }) => h.title);
      expect(titles).toEqual(param === 'competitors' ? [title] : []);
    }
  });

  it('when a facet value is 10 kB long, then the request is refused with 400 naming the field', async () => {
    const res = await get(`competitors=${'x'.repeat(10_000)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toMatch(/^query\.competitors/);
  });

  it('when the limit is huge, then it is clamped', async () => {
    const res = await get('limit=100000');
    expect(res.status).toBe(200);
    expect(res.body.limit).toBe(100);
  });

  it('when an NDJSON import has bad lines, then the good lines are stored and each bad line is reported', async () => {
    const good = (n: number) => JSON.stringify({ ...base, externalId: `imp-${n}`, title: `Imported item ${n}` });
    const body = [
      good(1),
      '{not json',
      JSON.stringify({
        ...base,
        externalId: 'imp-bad-share',
        title: 'Bad shares',
        authors: [{ userId: 'author-1', role: 'author', share: 0.5 }],
      }),
      JSON.stringify({ ...base, title: 'No external id' }),
      JSON.stringify({
        ...base,
        externalId: 'imp-unknown-author',
        title: 'Unknown author',
        authors: [{ userId: 'nobody', role: 'author', share: 1 }],
      }),
      '',
      good(2),
    ].join('\n');
    const res = await hub.api.post('/api/content/import').set(bearer(author)).set('Content-Type', 'application/x-ndjson').send(body);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.updated).toBe(0);
    expect(res.body.failed.map((f: { line: number }) => f.line)).toEqual([2, 3, 4, 5]);
    expect(res.body.failed[3].error).toMatch(/authors\.0\.userId: unknown user nobody/);

    // The same import again updates nothing; a changed line updates its item.
    const again = await hub.api
      .post('/api/content/import')
      .set(bearer(author))
      .set('Content-Type', 'application/x-ndjson')
      .send([good(1), JSON.stringify({ ...base, externalId: 'imp-2', title: 'Imported item 2, revised' })].join('\n'));
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 1, failed: [] });
    await hub.relay.drain();
    const found = await get('q=revised');
    expect(found.body.hits.map((h: { title: string }) => h.title)).toEqual(['Imported item 2, revised']);
  });

  it('when 10,000 lines are imported, then all are stored and searchable', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      JSON.stringify({ ...base, externalId: `bulk-${i}`, title: `Bulk item ${i}`, competitors: [`Bulkco ${i % 10}`] }),
    );
    const res = await hub.api
      .post('/api/content/import')
      .set(bearer(author))
      .set('Content-Type', 'application/x-ndjson')
      .send(lines.join('\n'));
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(10_000);
    await hub.relay.drain(120_000);
    const found = await get('competitors=Bulkco%203');
    expect(found.body.total).toBe(1000);
  });

  it('when the body is over the limit, then 413', async () => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({ ...base, title: 'big', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('when the OpenAPI document is requested, then it describes the fixed endpoints', async () => {
    const res = await hub.api.get('/api/openapi.json').set(bearer(rep));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/content',
        '/api/content/{id}',
        '/api/content/import',
        '/api/search',
        '/api/users',
        '/api/users/{id}/tokens',
      ]),
    );
    expect(res.body.paths['/api/content'].post.requestBody.content['application/json'].schema.properties.authors).toBeDefined();
  });

  it('when health is asked without a token, then it answers', async () => {
    const res = await hub.api.get('/api/health');
    expect(res.body).toEqual({ status: 'ok', database: 'ok', search: 'ok', crm: { kind: 'local', state: 'ok' } });
    const admin = await hub.api.get('/api/admin/search/status').set(bearer(ADMIN_TOKEN));
    expect(admin.body).toEqual({ pending: 0, failing: [] });
  });
});

describe('index recovery and reconciliation', () => {
  let engine: EmbeddedMeilisearch;
  let hub: TestHub;
  let dir: string;
  let author: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-recovery-'));
    engine = await startEmbeddedMeilisearch({ dir });
    const search = await openSearch({
      url: engine.url,
      masterKey: engine.masterKey,
      dataDir: dir,
      indexPrefix: 'rec_',
      synonymsFile: path.resolve(__dirname, '../server/search/synonyms.json'),
    });
    hub = await startTestHub({ search, hub: { startRelay: true } });
    author = await hub.user('author-1', 'author');
  });
  afterAll(async () => {
    await hub.stop();
    await engine.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when Meilisearch is stopped and restarted mid-way through 1,000 publishes, then every publish is acknowledged and all 1,000 are searchable once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i === 300) await engine.stop();
      if (i === 700) await engine.restart();
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({ ...base, title: `Resilient item ${i}` });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    await hub.relay.drain(120_000);
    const master = new MeiliClient({ url: engine.url, apiKey: engine.masterKey });
    const stats = await master.getStats(hub.search.contentIndex);
    expect(stats.numberOfDocuments).toBe(1000);
    const docs = await master.getDocuments<{ id: string }>(hub.search.contentIndex, { offset: 0, limit: 2000, fields: ['id'] });
    expect(new Set(docs.results.map((d) => d.id))).toEqual(new Set(ids));
  });

  it('when the index is edited behind the hub, then reindex restores parity and a second run changes nothing', async () => {
    const master = new MeiliClient({ url: engine.url, apiKey: engine.masterKey });
    const docs = await master.getDocuments<{ id: string }>(hub.search.contentIndex, { offset: 0, limit: 3, fields: ['id'] });
    const [a, b] = docs.results;
    await master.waitTask((await master.deleteDocuments(hub.search.contentIndex, [a!.id])).taskUid);
    // With the embedder configured the engine refuses documents that say nothing about their vector.
    const noVector = { _vectors: { hub: null } };
    await master.waitTask(
      (
        await master.addDocuments(hub.search.contentIndex, [
          { id: b!.id, title: 'tampered', ...noVector },
          { id: 'orphan-1', title: 'orphan', ...noVector },
        ])
      ).taskUid,
    );
    const first = await reindexContent(hub);
    expect(first).toEqual({ added: 1, updated: 1, deleted: 1, unchanged: 998 });
    const second = await reindexContent(hub);
    expect(second).toEqual({ added: 0, updated: 0, deleted: 0, unchanged: 1000 });
  });
});
