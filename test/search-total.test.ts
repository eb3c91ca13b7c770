import { MeiliClient } from '../search-index/client';
import { bearer, startTestHub, type TestHub } from './support/hub';

/**
 * Meilisearch counts hits exactly only up to the index's pagination.maxTotalHits (10,000 in the
 * hub's index definition); beyond it `totalHits` stops at the cap. The hub says so instead of
 * presenting the cap as the count. The cap is lowered on this test index so a few items suffice.
 */
describe('search totals beyond the engine cap', () => {
  let hub: TestHub;
  let rep: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
    for (let i = 0; i < 6; i++) {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({
          kind: 'capability',
          contentType: 'faq',
          title: `Capped item ${i}`,
          summary: 'Capped',
          status: 'published',
          products: [i < 2 ? 'Rare Product' : 'Common Product'],
          authors: [{ userId: 'author-1', role: 'author', share: 1 }],
        });
      expect(res.status).toBe(201);
    }
    await hub.relay.drain();
    const master = new MeiliClient({ url: process.env.TEST_MEILI_URL as string, apiKey: process.env.TEST_MEILI_MASTER_KEY });
    const task = await master.updateSettings(hub.search.contentIndex, { pagination: { maxTotalHits: 4 } });
    await master.waitTask(task.taskUid, { timeoutMs: 30_000 });
  });
  afterAll(() => hub.stop());

  it('when more items match than the engine counts, then total is the cap and totalIsLowerBound is true', async () => {
    const res = await hub.api.get('/api/search?q=capped').set(bearer(rep));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 4, totalIsLowerBound: true });
  });

  it('when fewer items match than the cap, then total is exact and totalIsLowerBound is false', async () => {
    const res = await hub.api.get('/api/search?q=capped&products=Rare%20Product').set(bearer(rep));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, totalIsLowerBound: false });
  });
});
