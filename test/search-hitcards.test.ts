import { createHitCards, type HitCard } from '../server/search/hitCards';
import { bearer, startTestHub, type TestHub } from './support/hub';

const card = (id: string, docHash: string): HitCard => ({
  id,
  docHash,
  title: `Title ${id}`,
  summary: 'S',
  kind: 'capability',
  contentType: 'faq',
  authors: [],
  products: [],
  industries: [],
  competitors: [],
  stages: [],
  personas: [],
  updatedAt: '2026-11-01T00:00:00.000Z',
  verifiedAt: null,
  verifyEveryDays: null,
  expiresAt: null,
});

describe('hit cards', () => {
  it('when the index returns the hash a card was fetched with, then the card is reused; another hash fetches it again', async () => {
    const loads: string[][] = [];
    let hash = 'h1';
    const cards = createHitCards({
      fetch: async (ids) => (loads.push(ids), ids.filter((id) => id !== 'gone').map((id) => card(id, hash))),
    });
    const first = await cards.resolve([
      { id: 'a', docHash: 'h1' },
      { id: 'b', docHash: 'h1' },
      { id: 'gone', docHash: 'h1' },
    ]);
    expect([...first.keys()].sort()).toEqual(['a', 'b']);
    await cards.resolve([
      { id: 'a', docHash: 'h1' },
      { id: 'b', docHash: 'h1' },
    ]);
    expect(loads).toEqual([['a', 'b', 'gone']]);
    hash = 'h2';
    const changed = await cards.resolve([
      { id: 'a', docHash: 'h2' },
      { id: 'b', docHash: 'h1' },
    ]);
    expect(loads[1]).toEqual(['a']);
    expect(changed.get('a')!.docHash).toBe('h2');
  });

  it('when more items than the bound are seen, then the least recently used cards are dropped', async () => {
    const loads: string[] = [];
    const cards = createHitCards({ max: 2, fetch: async (ids) => (loads.push(...ids), ids.map((id) => card(id, 'h'))) });
    await cards.resolve([{ id: 'a', docHash: 'h' }]);
    await cards.resolve([{ id: 'b', docHash: 'h' }]);
    await cards.resolve([{ id: 'a', docHash: 'h' }]);
    await cards.resolve([{ id: 'c', docHash: 'h' }]);
    await cards.resolve([
      { id: 'a', docHash: 'h' },
      { id: 'b', docHash: 'h' },
    ]);
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });
});

describe('search hits while the index lags behind the database (real Meilisearch and SQLite)', () => {
  let hub: TestHub;
  let author: string;
  let rep: string;
  beforeAll(async () => {
    hub = await startTestHub({ hub: { startRelay: false } });
    author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
  });
  afterAll(() => hub.stop());

  const search = async (q: string) => {
    const res = await hub.api.get(`/api/search?q=${encodeURIComponent(q)}`).set(bearer(rep));
    expect(res.status).toBe(200);
    return res.body as { total: number; hits: { id: string; title: string; highlight: { title: string } }[] };
  };

  const publish = async (title: string) => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title,
        summary: 'Steps for the first week.',
        body: 'Body.',
        status: 'published',
        authors: [{ userId: 'author-1', role: 'author', share: 1 }],
      });
    expect(created.status).toBe(201);
    await hub.relay.drain();
    return created.body.id as string;
  };
  const hitsOf = async (q: string) => (await search(q)).hits.map((h) => [h.title, h.highlight.title]);

  it('when a hit was shown before an edit that is not relayed yet, then it shows what the index holds, highlighted', async () => {
    const id = await publish('Quokka onboarding checklist');
    expect(await hitsOf('quokka')).toEqual([['Quokka onboarding checklist', '<mark>Quokka</mark> onboarding checklist']]);
    expect(
      (await hub.api.patch(`/api/content/${id}`).set(bearer(author)).send({ version: 1, title: 'Quokka onboarding, revised' })).status,
    ).toBe(200);
    expect(await hitsOf('quokka')).toEqual([['Quokka onboarding checklist', '<mark>Quokka</mark> onboarding checklist']]);
    await hub.relay.drain();
    expect(await hitsOf('quokka')).toEqual([['Quokka onboarding, revised', '<mark>Quokka</mark> onboarding, revised']]);
  });

  it('when a hit is first shown after an edit that is not relayed yet, then it too shows what the index holds; markup in titles stays inert', async () => {
    const id = await publish('Platypus & <b>wombat</b> rollout');
    expect(
      (await hub.api.patch(`/api/content/${id}`).set(bearer(author)).send({ version: 1, title: 'Platypus rollout, revised' })).status,
    ).toBe(200);
    expect(await hitsOf('platypus')).toEqual([
      ['Platypus & <b>wombat</b> rollout', '<mark>Platypus</mark> &amp; &lt;b&gt;wombat&lt;/b&gt; rollout'],
    ]);
    await hub.relay.drain();
    expect(await hitsOf('platypus')).toEqual([['Platypus rollout, revised', '<mark>Platypus</mark> rollout, revised']]);
  });

  it('when an item was archived and not yet relayed, then it appears in no hit', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Narwhal pricing note',
        summary: 'Short.',
        body: 'Body.',
        status: 'published',
        authors: [{ userId: 'author-1', role: 'author', share: 1 }],
      });
    await hub.relay.drain();
    expect((await search('narwhal')).hits).toHaveLength(1);
    expect((await hub.api.post(`/api/content/${created.body.id}/archive`).set(bearer(author)).send({})).status).toBe(200);
    expect((await search('narwhal')).hits).toEqual([]);
  });
});
