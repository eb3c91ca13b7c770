import path from 'node:path';
import { createContentDocumentSource } from '../server/content/searchDocument';
import { createRestEmbedder, EmbedderUnavailableError, type Embedder } from '../server/embeddings/embedder';
import { reindex } from '../search-index/reindex';
import { ensureContentIndex, loadSynonyms } from '../server/search/contentIndex';
import { fakeVector, startEmbeddingServer, type EmbeddingServer } from './support/embeddingServer';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

const DIMS = 8;
const item = (title: string, body: string, extra: Record<string, unknown> = {}) => ({
  kind: 'situational',
  contentType: 'deal_story',
  status: 'published',
  title,
  summary: `${title}.`,
  body,
  authors: [{ userId: 'emb-author', role: 'author', share: 1 }],
  ...extra,
});

/** The stored vector of a document, as Meilisearch keeps it. */
async function storedVector(hub: TestHub, id: string): Promise<number[] | null> {
  const res = await hub.search.client.request<{ results: { _vectors?: { hub?: { embeddings?: number[][] } } }[] }>(
    'POST',
    `/indexes/${hub.search.contentIndex}/documents/fetch`,
    { ids: [id], retrieveVectors: true },
  );
  return res.results[0]?._vectors?.hub?.embeddings?.[0] ?? null;
}

describe('the REST embedder against a loopback embedding server', () => {
  let server: EmbeddingServer;
  beforeAll(async () => {
    server = await startEmbeddingServer(DIMS);
  });
  afterAll(() => server.stop());

  it.each(['openai', 'ollama'] as const)(
    'when configured as %s, then it sends the model and texts and returns unit vectors in order',
    async (kind) => {
      const embedder = createRestEmbedder({
        kind,
        url: server.url,
        model: 'test-model',
        dimensions: DIMS,
        apiKey: 'sk-test',
        timeoutMs: 2000,
      });
      const [a, b] = await embedder.embed(['mainframe support ends', 'works council']);
      const expected = fakeVector('mainframe support ends', DIMS);
      const norm = Math.sqrt(expected.reduce((s, x) => s + x * x, 0));
      expect(a).toEqual(expected.map((x) => x / norm));
      expect(b).toHaveLength(DIMS);
      const last = server.requests.at(-1);
      expect(last?.path).toBe(kind === 'openai' ? '/embeddings' : '/api/embed');
      expect(last?.body).toMatchObject({ model: 'test-model', input: ['mainframe support ends', 'works council'] });
      expect(last?.authorization).toBe('Bearer sk-test');
      expect(embedder.id).toContain('test-model');
    },
  );

  it('when the endpoint answers other dimensions or is stopped, then the embedder says it is unavailable', async () => {
    const wrong = createRestEmbedder({ kind: 'openai', url: server.url, model: 'm', dimensions: DIMS + 1, timeoutMs: 2000 });
    await expect(wrong.embed(['x y'])).rejects.toBeInstanceOf(EmbedderUnavailableError);
    const nowhere = createRestEmbedder({ kind: 'ollama', url: 'http://127.0.0.1:9', model: 'm', dimensions: DIMS, timeoutMs: 2000 });
    await expect(nowhere.embed(['x y'])).rejects.toBeInstanceOf(EmbedderUnavailableError);
  });
});

describe.each(databases())('hybrid search with a configured REST embedder on $name', ({ url }) => {
  let hub: TestHub;
  let server: EmbeddingServer;
  let rep: string;
  beforeAll(async () => {
    server = await startEmbeddingServer(DIMS);
    hub = await startTestHub({
      databaseUrl: url,
      env: {
        HUB_EMBEDDER: 'openai',
        HUB_EMBEDDER_URL: server.url,
        HUB_EMBEDDER_MODEL: 'loopback',
        HUB_EMBEDDER_DIMENSIONS: String(DIMS),
        HUB_EMBEDDER_TIMEOUT_MS: '1000',
      },
    });
    rep = await hub.user('emb-rep', 'rep');
    await hub.user('emb-author', 'author');
  });
  afterAll(async () => {
    await hub.stop();
    await server.stop();
  });

  it('when an item is published, then the outbox relay indexes it with the vector the endpoint computed', async () => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send(item('Mainframe exit at a bank', 'The legacy host maintenance contract was expiring.'));
    expect(res.status).toBe(201);
    await hub.relay.drain();
    const stored = await storedVector(hub, res.body.id);
    expect(stored).toHaveLength(DIMS);
    const search = await hub.api.get('/api/search?q=mainframe&semanticRatio=0.5').set(bearer(rep));
    expect(search.status).toBe(200);
    expect(search.body.semantic).toEqual({ mode: 'hybrid', semanticRatio: 0.5 });
    expect(search.body.hits.map((h: { id: string }) => h.id)).toContain(res.body.id);
    // Pure keyword stays available, and is what a search without semanticRatio gets.
    const keyword = await hub.api.get('/api/search?q=mainframe').set(bearer(rep));
    expect(keyword.body.semantic).toEqual({ mode: 'keyword', semanticRatio: 0 });
    const bad = await hub.api.get('/api/search?q=x&semanticRatio=2').set(bearer(rep));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('semanticRatio');
  });

  it('when the embedding endpoint is stopped, then search answers by keywords with a clear flag, items are still indexed, and a reindex adds their vectors later', async () => {
    await server.stop();
    let createdId = '';
    try {
      const search = await hub.api.get('/api/search?q=mainframe&semanticRatio=0.5').set(bearer(rep));
      expect(search.status).toBe(200);
      expect(search.body.semantic).toEqual({ mode: 'unavailable', semanticRatio: 0.5 });
      expect(search.body.hits.length).toBeGreaterThan(0);
      const created = await hub.api
        .post('/api/content')
        .set(bearer(ADMIN_TOKEN))
        .send(item('Works council at a carmaker', 'The employee representatives had a veto on monitoring software.'));
      expect(created.status).toBe(201);
      createdId = created.body.id;
      await hub.relay.drain();
      expect(await storedVector(hub, createdId)).toBeNull();
      const found = await hub.api.get('/api/search?q=carmaker').set(bearer(rep));
      expect(found.body.hits.map((h: { id: string }) => h.id)).toContain(created.body.id);
      // Recommendations fall back to the fields: never a 500.
      await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send({
        id: 'emb-opp-1',
        name: 'Plant rollout',
        accountName: 'Carmaker',
        stage: 'Discovery',
        ownerId: 'emb-rep',
        description: 'A works council must approve tools that record employee activity.',
      });
      expect((await hub.api.get('/api/opportunities/emb-opp-1/knowledge').set(bearer(rep))).status).toBe(200);
    } finally {
      await server.restart();
    }
    const report = await hub.api.post('/api/admin/search/reindex').set(bearer(ADMIN_TOKEN));
    expect(report.status).toBe(200);
    expect(report.body.updated).toBeGreaterThanOrEqual(1);
    expect(await storedVector(hub, createdId)).toHaveLength(DIMS);
  });
});

describe('a change of model', () => {
  let hub: TestHub;
  const fake = (id: string, dims: number): Embedder => ({
    id,
    dimensions: dims,
    embed: async (texts) => texts.map((t) => fakeVector(t, dims)),
  });
  beforeAll(async () => {
    hub = await startTestHub({ hub: { embedder: fake('model-a', DIMS) } });
    await hub.user('emb-author', 'author');
    for (const title of ['Budget freeze at a retailer', 'Champion left mid-evaluation']) {
      expect(
        (
          await hub.api
            .post('/api/content')
            .set(bearer(ADMIN_TOKEN))
            .send(item(title, `${title}: what we learnt.`))
        ).status,
      ).toBe(201);
    }
    await hub.relay.drain();
  });
  afterAll(() => hub.stop());

  const reindexWith = (embedder: Embedder) =>
    reindex({
      client: hub.search.client,
      indexUid: hub.search.contentIndex,
      source: createContentDocumentSource({ content: hub.contentStore, users: hub.auth.users, embedder }),
      searchableIds: (after, limit) => hub.contentStore.publishedIds(after, limit),
    });

  it('when the model changes, then reindex re-embeds every item once, and search answers throughout', async () => {
    const first = await reindexWith(fake('model-b', DIMS));
    expect(first).toMatchObject({ updated: 2, added: 0, deleted: 0 });
    expect(await reindexWith(fake('model-b', DIMS))).toMatchObject({ updated: 0, unchanged: 2 });

    // Other dimensions: the embedder is rebuilt; keyword search answers while vectors are missing,
    // and a hybrid query the engine cannot serve falls back to keywords with the flag.
    await ensureContentIndex(
      hub.search.client,
      hub.search.contentIndex,
      loadSynonyms(path.resolve(__dirname, '../server/search/synonyms.json')),
      { embedder: 'hub', dimensions: 12 },
    );
    const during = await hub.api.get('/api/search?q=budget&semanticRatio=0.5').set(bearer(ADMIN_TOKEN));
    expect(during.status).toBe(200);
    expect(during.body.hits).toHaveLength(1);
    expect(during.body.semantic.mode).toBe('unavailable');
    expect(await reindexWith(fake('model-c', 12))).toMatchObject({ updated: 2 });
    const hybrid = await hub.search.client.search(hub.search.contentIndex, {
      q: 'budget',
      hybrid: { embedder: 'hub', semanticRatio: 0.5 },
      vector: fakeVector('budget', 12),
    });
    expect(hybrid.hits.length).toBeGreaterThan(0);
  });
});

describe('situational knowledge explains the similar situation with the matched sentence (offline default embedder)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.user('emb-author', 'author');
  });
  afterAll(() => hub.stop());

  it('when a deal tells its story, then the item telling the same situation in other words is suggested with its best sentence', async () => {
    const story = await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send(
        item(
          'Rolling out at a German manufacturer',
          'We started with a kickoff in Munich. The employee representatives had a veto on monitoring software. Pricing was agreed in the second week.',
          { industries: ['Manufacturing'] },
        ),
      );
    await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send(
        item(
          'Pricing a multi-year deal',
          'Discounts were tied to a three-year commitment. The procurement team asked for quarterly billing.',
          { industries: ['Manufacturing'] },
        ),
      );
    await hub.relay.drain();
    const opp = {
      id: 'emb-story-1',
      name: 'Plant analytics',
      accountName: 'Autowerk',
      industry: 'Manufacturing',
      stage: 'Discovery',
      description: 'A works council must approve any tool that records employee activity.',
    };
    expect((await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(opp)).status).toBe(201);
    const res = await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(ADMIN_TOKEN));
    expect(res.status).toBe(200);
    const [top] = res.body.situational;
    expect(top.id).toBe(story.body.id);
    expect(top.reasons[0]).toBe('similar situation: “The employee representatives had a veto on monitoring software.”');
    expect(top.reasons).toContain('industry: Manufacturing');
    // Without the story, both items match by industry alone, and no situation is claimed.
    await hub.api
      .post('/api/opportunities')
      .set(bearer(ADMIN_TOKEN))
      .send({ ...opp, id: 'emb-story-2', description: null });
    const plain = await hub.api.get('/api/opportunities/emb-story-2/knowledge').set(bearer(ADMIN_TOKEN));
    expect(
      plain.body.situational.flatMap((i: { reasons: string[] }) => i.reasons).some((r: string) => r.startsWith('similar situation')),
    ).toBe(false);
  });

  it('when a closed deal has no description but its win/loss analysis tells the customer situation, then the item telling that situation is suggested with its matched sentence', async () => {
    const host = await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send(
        item(
          'Rolling out at a savings bank',
          'The kickoff was in Hamburg. The purchase was postponed because the budget was cut for the remaining months. Training ran for two weeks.',
          { industries: ['Banking'] },
        ),
      );
    await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send(
        item('Quarterly billing for a bank', 'Procurement asked for quarterly billing. Discounts were tied to a three-year commitment.', {
          industries: ['Banking'],
        }),
      );
    await hub.relay.drain();
    const opp = {
      id: 'emb-closed-1',
      name: 'Core reporting',
      accountName: 'Hanse Sparkasse',
      industry: 'Banking',
      stage: 'Closed Won',
      closeDate: '2026-11-20',
      isClosed: true,
      isWon: true,
      description: null,
    };
    expect((await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(opp)).status).toBe(201);
    // Fields alone: both items share the industry, and nothing is called a similar situation.
    const before = await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(ADMIN_TOKEN));
    expect(
      before.body.situational.flatMap((i: { reasons: string[] }) => i.reasons).some((r: string) => r.startsWith('similar situation')),
    ).toBe(false);
    await hub.api
      .put('/api/taxonomies/reasonCodes')
      .set(bearer(ADMIN_TOKEN))
      .send({ terms: [{ value: 'Time to value' }] });
    const analysis = await hub.api
      .post('/api/win-loss')
      .set(bearer(ADMIN_TOKEN))
      .send({
        opportunityId: opp.id,
        title: 'Won the core reporting move at Hanse Sparkasse',
        outcome: 'won',
        reasons: [{ code: 'Time to value' }],
        situation: 'Management froze all spending until the next fiscal period.',
        authors: [{ userId: 'emb-author', role: 'author' }],
      });
    expect(analysis.status).toBe(201);
    const res = await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(ADMIN_TOKEN));
    expect(res.status).toBe(200);
    const [top] = res.body.situational;
    expect(top.id).toBe(host.body.id);
    expect(top.reasons[0]).toBe('similar situation: “The purchase was postponed because the budget was cut for the remaining months.”');
    expect(top.reasons).toContain('industry: Banking');
  });
});
