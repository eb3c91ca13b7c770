import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

const opp = {
  id: 'opp-rec-1',
  name: 'Helvetia Mutual data platform',
  accountName: 'Helvetia Mutual',
  industry: 'Insurance',
  segment: 'Enterprise',
  region: 'EMEA',
  amount: 450000,
  currency: 'EUR',
  stage: 'Proposal',
  closeDate: '2026-12-20',
  products: [
    { name: 'Lakehouse Core', family: 'Data Platform' },
    { name: 'Privacy Vault', family: 'Security & Governance' },
  ],
  competitors: ['Snowcrest'],
  contactRoles: [
    { role: 'Economic Buyer', title: 'CFO' },
    { role: 'Technical Evaluator', title: 'Head of Data' },
  ],
  ownerId: 'rep-1',
  description: 'Replacing an on-prem warehouse.',
};

const base = { summary: 'Summary.', body: 'Body.', authors: [{ userId: 'author-1', role: 'author', share: 1 }], status: 'published' };

describe.each(databases())('knowledge for an opportunity on $name', ({ url }) => {
  let hub: TestHub;
  let rep: string;
  let author: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    rep = await hub.user('rep-1', 'rep', 'EMEA Enterprise');
    author = await hub.user('author-1', 'author', 'Product Marketing');
    await hub.user('author-2', 'author', 'EMEA Enterprise');
    const created = await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(opp);
    expect(created.status).toBe(201);
    const make = async (key: string, item: Record<string, unknown>) => {
      // Win/loss analyses need a reviewer's approval; an admin's import may publish directly.
      const token = item.contentType === 'win_loss_analysis' ? ADMIN_TOKEN : author;
      const res = await hub.api
        .post('/api/content')
        .set(bearer(token))
        .send({ ...base, ...item });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    };
    await make('sheet', {
      kind: 'capability',
      contentType: 'product_sheet',
      title: 'Lakehouse Core product sheet',
      products: ['Lakehouse Core'],
      stages: ['Proposal'],
      personas: ['CFO'],
    });
    await make('family', { kind: 'capability', contentType: 'faq', title: 'Pipeline Studio FAQ', products: ['Pipeline Studio'] });
    await make('unrelated', { kind: 'capability', contentType: 'faq', title: 'Forecast AI FAQ', products: ['Forecast AI'] });
    await make('expired', {
      kind: 'capability',
      contentType: 'pricing_guide',
      title: 'Old Lakehouse Core price list',
      products: ['Lakehouse Core'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    await make('winloss', {
      kind: 'situational',
      contentType: 'win_loss_analysis',
      title: 'Lost to Snowcrest at a Zurich insurer',
      competitors: ['Snowcrest'],
      industries: ['Insurance'],
      segments: ['Enterprise'],
      authors: [
        { userId: 'author-1', role: 'author', share: 0.5 },
        { userId: 'author-2', role: 'co_author', share: 0.5 },
      ],
    });
    await make('bodyOnly', {
      kind: 'situational',
      contentType: 'deal_story',
      title: 'How a retailer moved off its warehouse',
      body: 'The customer benchmarked Snowcrest for three months before choosing us.',
      industries: ['Retail'],
    });
    await make('secret', {
      kind: 'situational',
      contentType: 'account_insight',
      title: 'Confidential Snowcrest pricing leak',
      competitors: ['Snowcrest'],
      industries: ['Insurance'],
      visibility: { scope: 'confidential', users: ['author-2'] },
    });
    // A sibling product in the same family: the family comes from the CRM's line items.
    await hub.api
      .post('/api/opportunities')
      .set(bearer(ADMIN_TOKEN))
      .send({ ...opp, id: 'opp-rec-2', products: [{ name: 'Pipeline Studio', family: 'Data Platform' }] });
    await hub.api.post('/api/admin/search/reindex').set(bearer(ADMIN_TOKEN));
    await hub.relay.drain();
    // Reuse by someone else makes the co-authors experts with evidence.
    const ev = await hub.api
      .post('/api/events')
      .set(bearer(rep))
      .set('Idempotency-Key', 'rec-test-attach-1')
      .send({ type: 'attach', contentId: ids.winloss, opportunityId: opp.id });
    expect(ev.status).toBe(201);
  });
  afterAll(() => hub.stop());

  it('when a rep opens the opportunity, then capability and situational items come with their reasons', async () => {
    const res = await hub.api.get(`/api/opportunities/${opp.id}/knowledge?limit=5`).set(bearer(rep));
    expect(res.status).toBe(200);
    const cap = res.body.capability;
    expect(cap[0].id).toBe(ids.sheet);
    expect(cap[0].reasons).toEqual(expect.arrayContaining(['product: Lakehouse Core', 'stage: Proposal', 'persona: CFO']));
    expect(cap.find((i: { id: string }) => i.id === ids.family).reasons).toEqual(['product family: Data Platform']);
    const situational = res.body.situational;
    expect(situational[0].id).toBe(ids.winloss);
    expect(situational[0].reasons).toEqual(['competitor: Snowcrest', 'industry: Insurance', 'segment: Enterprise']);
    expect(situational[0].authors.map((a: { userId: string }) => a.userId)).toEqual(['author-1', 'author-2']);
    expect(situational[0]).toHaveProperty('freshness');
  });

  it('when an item names the competitor only in its body, then it is still suggested', async () => {
    const res = await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(rep));
    const story = res.body.situational.find((i: { id: string }) => i.id === ids.bodyOnly);
    expect(story.reasons).toEqual(['mentions Snowcrest']);
  });

  it('when items are unrelated, expired or confidential, then they are not suggested', async () => {
    const res = await hub.api.get(`/api/opportunities/${opp.id}/knowledge?limit=25`).set(bearer(rep));
    const all = [...res.body.capability, ...res.body.situational].map((i: { id: string }) => i.id);
    expect(all).not.toContain(ids.unrelated);
    expect(all).not.toContain(ids.expired);
    expect(all).not.toContain(ids.secret);
    // The confidential item is there for the person it names.
    const author2 = await hub.api.post('/api/users/author-2/tokens').set(bearer(ADMIN_TOKEN)).send({});
    const theirs = await hub.api.get(`/api/opportunities/${opp.id}/knowledge?limit=25`).set(bearer(author2.body.token));
    expect(theirs.body.situational.map((i: { id: string }) => i.id)).toContain(ids.secret);
  });

  it('when co-authors wrote a reused analysis of a similar deal, then they are listed as experts with evidence', async () => {
    const res = await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(rep));
    const names = res.body.experts.map((e: { userId: string }) => e.userId);
    expect(names).toEqual(expect.arrayContaining(['author-1', 'author-2']));
    const expert = res.body.experts.find((e: { userId: string }) => e.userId === 'author-2');
    expect(expert.reasons.join(' ')).toMatch(/reused 1 time by others/);
    expect(expert.reasons).toEqual(
      expect.arrayContaining(['competitor: Snowcrest', 'wrote a win/loss analysis: “Lost to Snowcrest at a Zurich insurer”']),
    );
  });

  it('when a suggested item is edited or archived after a view, then the next view tells what the database holds now', async () => {
    // The panel keeps candidates' records between views; the database's version decides.
    const url = `/api/opportunities/${opp.id}/knowledge?limit=25`;
    const situationalIds = async () =>
      ((await hub.api.get(url).set(bearer(rep))).body.situational as { id: string; reasons: string[] }[]).map((i) => i.id);
    const version = async () => (await hub.api.get(`/api/content/${ids.bodyOnly}`).set(bearer(author))).body.version as number;
    expect(await situationalIds()).toContain(ids.bodyOnly);
    const edited = await hub.api
      .patch(`/api/content/${ids.bodyOnly}`)
      .set(bearer(author))
      .send({ version: await version(), body: 'The customer benchmarked a rival for three months before choosing us.' });
    expect(edited.status).toBe(200);
    // Whether or not the index has caught up, the stored body no longer names the competitor.
    expect(await situationalIds()).not.toContain(ids.bodyOnly);
    const restored = await hub.api
      .patch(`/api/content/${ids.bodyOnly}`)
      .set(bearer(author))
      .send({ version: await version(), body: 'The customer benchmarked Snowcrest for three months before choosing us.' });
    expect(restored.status).toBe(200);
    await hub.relay.drain();
    expect(await situationalIds()).toContain(ids.bodyOnly);
    expect((await hub.api.post(`/api/content/${ids.bodyOnly}/archive`).set(bearer(author)).send({})).status).toBe(200);
    expect(await situationalIds()).not.toContain(ids.bodyOnly);
    expect((await hub.api.post(`/api/content/${ids.bodyOnly}/restore`).set(bearer(author)).send({})).status).toBe(200);
    await hub.relay.drain();
    expect(await situationalIds()).toContain(ids.bodyOnly);
  });

  it('when the opportunity is not visible or does not exist, then 404', async () => {
    const other = await hub.user('rep-2', 'rep', 'APAC Mid-Market');
    expect((await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(other))).status).toBe(404);
    expect((await hub.api.get('/api/opportunities/nope/knowledge').set(bearer(rep))).status).toBe(404);
  });

  it('when an event is replayed with the same key, then the first answer comes back; with another body, 409', async () => {
    const send = (key: string, body: object) => hub.api.post('/api/events').set(bearer(rep)).set('Idempotency-Key', key).send(body);
    const first = await send('rec-view-0001', { type: 'view', contentId: ids.sheet });
    expect(first.status).toBe(201);
    const again = await send('rec-view-0001', { type: 'view', contentId: ids.sheet });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await send('rec-view-0001', { type: 'helpful', contentId: ids.sheet })).status).toBe(409);
    expect((await send('rec-view-0002', { type: 'view', contentId: ids.secret })).status).toBe(404);
    expect((await hub.api.post('/api/events').set(bearer(rep)).send({ type: 'view', contentId: ids.sheet })).status).toBe(400);
  });
});
