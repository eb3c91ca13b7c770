import { OutboxRelay } from '../server/search/relay';
import { MeiliClient } from '../search-index/client';
import { startTestHub, type TestHub } from './support/hub';

describe('the outbox relay', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ hub: { startRelay: false } });
  });
  afterAll(() => hub.stop());

  it('when Meilisearch refuses one document, then the others are indexed and the failure stays visible with its error', async () => {
    const master = new MeiliClient({ url: process.env.TEST_MEILI_URL as string, apiKey: process.env.TEST_MEILI_MASTER_KEY });
    const index = `${hub.search.contentIndex}_relaytest`;
    await master.createIndexIfMissing(index, 'id');
    const ids = ['ok-1', 'bad id with spaces!', 'ok-2'];
    await hub.contentStore.enqueueOutbox(hub.db.db, ids);
    const relay = new OutboxRelay({
      db: hub.db.db,
      client: master,
      indexUid: index,
      source: { load: async (xs: string[]) => new Map(xs.map((id) => [id, { id, title: `doc ${id}` }])) },
    });
    await relay.runOnce();
    const status = await relay.status();
    expect(status.pending).toBe(1);
    expect(status.failing).toHaveLength(1);
    expect(status.failing[0]).toMatchObject({ contentId: 'bad id with spaces!', attempts: 1 });
    expect(status.failing[0]!.lastError).toMatch(/document id|identifier/i);
    const docs = await master.getDocuments<{ id: string }>(index, { offset: 0, limit: 10, fields: ['id'] });
    expect(docs.results.map((d) => d.id).sort()).toEqual(['ok-1', 'ok-2']);
    await master.deleteIndex(index);
  });
});
