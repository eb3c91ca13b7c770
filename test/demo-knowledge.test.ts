import { demoRoutes, seedDemo } from '../server/demo/seed';
import { bearer, startTestHub, type TestHub } from './support/hub';

describe('the demo organisation', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { HUB_DEMO: 'on' }, hub: { extraRoutes: (core) => demoRoutes(core) } });
    await seedDemo(hub);
    await hub.relay.drain(180_000);
  }, 300_000);
  afterAll(() => hub.stop());

  it('when any demo opportunity is opened by its owner, then both kinds of knowledge are there with reasons', async () => {
    const users = (await hub.api.get('/api/demo/users')).body.users as { id: string; role: string; token: string }[];
    const tokens = new Map(users.map((u) => [u.id, u.token]));
    const admin = users.find((u) => u.role === 'admin') as { token: string };
    const all = (await hub.api.get('/api/opportunities?limit=200').set(bearer(admin.token))).body.opportunities as {
      id: string;
      ownerId: string;
    }[];
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const opp of all) {
      const token = tokens.get(opp.ownerId) as string;
      const res = await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(token));
      expect({ id: opp.id, status: res.status }).toEqual({ id: opp.id, status: 200 });
      expect({ id: opp.id, capability: res.body.capability.length > 0, situational: res.body.situational.length > 0 }).toEqual({
        id: opp.id,
        capability: true,
        situational: true,
      });
      for (const item of [...res.body.capability, ...res.body.situational]) expect(item.reasons.length).toBeGreaterThan(0);
    }
  });

  it('when the demo starts, then it has months of usage history, with some items never reused', async () => {
    const events = await hub.db.db.selectFrom('usage_events').select(['content_id', 'at', 'type']).execute();
    expect(events.length).toBeGreaterThan(800);
    const oldest = events.map((e) => e.at).sort()[0] as string;
    expect(Date.now() - Date.parse(oldest)).toBeGreaterThan(100 * 86_400_000);
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['view', 'attach', 'helpful', 'share_internal', 'share_external', 'flag_outdated']),
    );
    const published = await hub.db.db.selectFrom('content_items').select('id').where('status', '=', 'published').execute();
    const used = new Set(events.map((e) => e.content_id));
    expect(published.filter((p) => !used.has(p.id)).length).toBeGreaterThan(5);
  });

  it('when an admin opens the content gaps, then the demo searches that found nothing are there', async () => {
    const users = (await hub.api.get('/api/demo/users')).body.users as { role: string; token: string }[];
    const admin = users.find((u) => u.role === 'admin')!;
    const gaps = await hub.api.get('/api/flow/gaps/searches').set(bearer(admin.token));
    expect(gaps.status).toBe(200);
    const quantaflow = gaps.body.gaps.find((g: { query: string }) => g.query === 'quantaflow');
    expect(quantaflow).toMatchObject({ noResults: quantaflow.searches });
    expect(quantaflow.searches).toBeGreaterThanOrEqual(2);
    const pipeline = await hub.api.get('/api/flow/gaps/pipeline').set(bearer(admin.token));
    expect(
      pipeline.body.gaps.find((g: { dimension: string; value: string }) => g.dimension === 'competitor' && g.value === 'Quantaflow'),
    ).toMatchObject({ deals: 2 });
  });

  it('when a leader opens the review queue, then seeded analyses wait there; owners have closed deals to write up', async () => {
    const users = (await hub.api.get('/api/demo/users')).body.users as { role: string; token: string }[];
    let reviews = 0;
    let closeOut = 0;
    for (const u of users.filter((x) => x.role === 'leader')) {
      reviews += (await hub.api.get('/api/reviews/queue').set(bearer(u.token))).body.items.length;
      closeOut += (await hub.api.get('/api/win-loss/queue').set(bearer(u.token))).body.items.length;
    }
    expect(reviews).toBeGreaterThanOrEqual(2);
    expect(closeOut).toBeGreaterThanOrEqual(3);
  });
});
