import { bearer, databases, startTestHub, type TestHub } from './support/hub';

const item = (over: Record<string, unknown> = {}) => ({
  kind: 'capability',
  contentType: 'pricing_guide',
  title: 'Pricing guidance for the Lakehouse Core platform',
  summary: 'How to position list pricing and discounts for enterprise deals.',
  body: '## Discounts\n\nNever exceed 20% without a CFO sign-off. Anchor on total cost of ownership.',
  products: ['Lakehouse Core'],
  industries: ['Banking'],
  competitors: ['Globex'],
  authors: [{ userId: 'author-1', role: 'author', share: 1 }],
  ...over,
});

describe.each(databases())('content and search on $name', ({ url }) => {
  let hub: TestHub;
  let author: string;
  let rep: string;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
  });
  afterAll(() => hub.stop());

  const search = async (token: string, query: string) => {
    await hub.relay.drain();
    const res = await hub.api.get(`/api/search?${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body;
  };

  it('when an item is published, then it is searchable with its authors and highlights', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ status: 'published' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'published',
      version: 1,
      authors: [{ userId: 'author-1', name: 'author 1', role: 'author', share: 1 }],
    });
    const body = await search(rep, 'q=lakehouse');
    expect(body.hits.map((h: { id: string }) => h.id)).toContain(created.body.id);
    const hit = body.hits.find((h: { id: string }) => h.id === created.body.id);
    expect(hit.highlight.title).toContain('<mark>Lakehouse</mark>');
    expect(hit.authors).toEqual([{ userId: 'author-1', name: 'author 1', role: 'author' }]);
    expect(hit.freshness).toBe('verified');
  });

  it('when an item is a draft, then it is not searchable until published', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ title: 'Zebrafish migration playbook' }));
    expect(created.body.status).toBe('draft');
    expect((await search(rep, 'q=zebrafish')).total).toBe(0);
    const published = await hub.api.post(`/api/content/${created.body.id}/publish`).set(bearer(author)).send({});
    expect(published.status).toBe(200);
    expect((await search(rep, 'q=zebrafish')).total).toBe(1);
    const archived = await hub.api.post(`/api/content/${created.body.id}/archive`).set(bearer(author)).send({});
    expect(archived.body.status).toBe('archived');
    expect((await search(rep, 'q=zebrafish')).total).toBe(0);
    // Undoing the archive puts it back where it was: published and found again.
    const restored = await hub.api
      .post(`/api/content/${created.body.id}/restore`)
      .set(bearer(author))
      .send({ version: archived.body.version });
    expect(restored.status).toBe(200);
    expect(restored.body.status).toBe('published');
    expect((await search(rep, 'q=zebrafish')).total).toBe(1);
    const again = await hub.api
      .post(`/api/content/${created.body.id}/restore`)
      .set(bearer(author))
      .send({ version: restored.body.version });
    expect(again.status).toBe(409);
  });

  it('when the query has a typo, then typo tolerance still finds the item', async () => {
    const body = await search(rep, 'q=pricng');
    expect(body.hits.some((h: { title: string }) => h.title.includes('Pricing'))).toBe(true);
  });

  it('when the query uses a synonym, then items with the other wording are found', async () => {
    // The body says "total cost of ownership"; the query says TCO.
    const body = await search(rep, 'q=TCO');
    expect(body.hits.some((h: { title: string }) => h.title.includes('Lakehouse'))).toBe(true);
  });

  it('when a PATCH names a stale version, then it is refused with 409 and nothing changes', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ title: 'Concurrency sample' }));
    const first = await hub.api.patch(`/api/content/${created.body.id}`).set(bearer(author)).send({ version: 1, title: 'Edited once' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await hub.api
      .patch(`/api/content/${created.body.id}`)
      .set(bearer(author))
      .send({ version: 1, title: 'Edited from a stale copy' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.currentVersion).toBe(2);
    const now = await hub.api.get(`/api/content/${created.body.id}`).set(bearer(author));
    expect(now.body.title).toBe('Edited once');
    const versions = await hub.api.get(`/api/content/${created.body.id}/versions`).set(bearer(author));
    expect(versions.body.versions.map((v: { version: number; changedFields: string[] }) => [v.version, v.changedFields])).toEqual([
      [2, ['title']],
      [1, ['created']],
    ]);
  });

  it('when shares do not sum to 1, then the create is refused naming the field', async () => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ authors: [{ userId: 'author-1', role: 'author', share: 0.7 }] }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('authors');
  });

  it('when a body has unknown fields, then it is rejected', async () => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ isAdmin: true }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
