import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/*
 * Knowledge used on a deal: attachments as a resource on the embedded CRM (the Salesforce
 * write-back of a detach is in salesforce-hub.test.ts).
 */

const deal = {
  name: 'Acme renewal',
  accountName: 'Acme',
  amount: 120000,
  currency: 'USD',
  stage: 'Proposal',
  closeDate: '2026-12-20',
  products: [],
  competitors: [],
  contactRoles: [],
  description: null,
};

describe.each(databases())('knowledge used on a deal on $name', ({ url }) => {
  let hub: TestHub;
  let owner: string;
  let teammate: string;
  let outsider: string;
  let leader: string;
  let otherLeader: string;
  let author: string;
  const ids: Record<string, string> = {};

  const attachments = (token: string, opp = 'opp-att-1') => hub.api.get(`/api/opportunities/${opp}/attachments`).set(bearer(token));
  const attach = (token: string, contentId: string, opp = 'opp-att-1') =>
    hub.api.post(`/api/opportunities/${opp}/attachments`).set(bearer(token)).send({ contentId });
  const detach = (token: string, contentId: string, opp = 'opp-att-1') =>
    hub.api.delete(`/api/opportunities/${opp}/attachments/${contentId}`).set(bearer(token));
  const attachCredits = async (contentId: string) =>
    (
      await hub.db.db
        .selectFrom('credit_entries')
        .select(['opportunity_id', 'milli_points'])
        .where('type', '=', 'attach')
        .where('content_id', '=', contentId)
        .execute()
    ).map((r) => [r.opportunity_id, Number(r.milli_points)]);

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    owner = await hub.user('att-owner', 'rep', 'East');
    teammate = await hub.user('att-mate', 'rep', 'East');
    outsider = await hub.user('att-outsider', 'rep', 'West');
    leader = await hub.user('att-leader', 'leader', 'East', { leadsTeams: ['East'] });
    otherLeader = await hub.user('att-leader-w', 'leader', 'West', { leadsTeams: ['West'] });
    author = await hub.user('att-author', 'author', 'Marketing');
    for (const [id, ownerId] of [
      ['opp-att-1', 'att-owner'],
      ['opp-att-2', 'att-owner'],
      ['opp-att-west', 'att-outsider'],
    ]) {
      expect(
        (
          await hub.api
            .post('/api/opportunities')
            .set(bearer(ADMIN_TOKEN))
            .send({ ...deal, id, ownerId })
        ).status,
      ).toBe(201);
    }
    const make = async (key: string, extra: Record<string, unknown> = {}) => {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({
          kind: 'capability',
          contentType: 'faq',
          title: `${key} FAQ`,
          summary: 'S.',
          body: 'B.',
          status: 'published',
          authors: [{ userId: 'att-author', role: 'author', share: 1 }],
          ...extra,
        });
      expect(res.status).toBe(201);
      ids[key] = res.body.id as string;
    };
    await make('pricing');
    await make('security');
    await make('secret', { visibility: { scope: 'confidential', users: ['att-author', 'att-mate'] } });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  test('when a deal has nothing attached, then the list is empty', async () => {
    const res = await attachments(owner);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ attachments: [], helpfulContentIds: [] });
  });

  test('when the owner attaches two items and reloads, then both are listed with who attached them and when, newest first', async () => {
    const first = await attach(owner, ids.pricing as string);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      contentId: ids.pricing,
      title: 'pricing FAQ',
      attachedBy: { id: 'att-owner', name: 'att owner' },
      mayDetach: true,
      attachedAt: expect.any(String),
    });
    expect((await attach(owner, ids.security as string)).status).toBe(201);
    // Attaching again is the same attachment: 200, nothing recorded twice.
    expect((await attach(owner, ids.pricing as string)).status).toBe(200);
    const list = await attachments(owner);
    expect(list.body.attachments.map((a: { contentId: string }) => a.contentId)).toEqual([ids.security, ids.pricing]);
    const events = await hub.db.db
      .selectFrom('usage_events')
      .select('id')
      .where('type', '=', 'attach')
      .where('opportunity_id', '=', 'opp-att-1')
      .execute();
    expect(events).toHaveLength(2);
  });

  test('when someone attaches an item, then its author is credited once per item and deal, however often it is detached and attached again', async () => {
    expect((await attach(teammate, ids.pricing as string, 'opp-att-2')).status).toBe(201);
    expect((await detach(teammate, ids.pricing as string, 'opp-att-2')).status).toBe(204);
    expect((await attach(leader, ids.pricing as string, 'opp-att-2')).status).toBe(201);
    await hub.credits.drainPending();
    const credits = await attachCredits(ids.pricing as string);
    expect(credits.filter(([opp]) => opp === 'opp-att-1')).toHaveLength(1);
    expect(credits.filter(([opp]) => opp === 'opp-att-2')).toHaveLength(1);
    expect(credits.every(([, points]) => Number(points) > 0)).toBe(true);
  });

  test('when a teammate attaches to the owner’s deal, then the teammate, the owner and their leader may detach it; nobody else may', async () => {
    expect((await attach(teammate, ids.secret as string)).status).toBe(201);
    const seenByMate = await attachments(teammate);
    expect(seenByMate.body.attachments.find((a: { contentId: string }) => a.contentId === ids.secret)).toMatchObject({
      attachedBy: { id: 'att-mate' },
      mayDetach: true,
    });
    // The owner may not open the confidential item: it is not listed to them, and they cannot detach what they cannot see.
    expect((await attachments(owner)).body.attachments.map((a: { contentId: string }) => a.contentId)).not.toContain(ids.secret);
    expect((await detach(owner, ids.secret as string)).status).toBe(404);

    const mine = await attach(teammate, ids.security as string, 'opp-att-2');
    expect(mine.status).toBe(201);
    expect(
      (await attachments(owner, 'opp-att-2')).body.attachments.find((a: { contentId: string }) => a.contentId === ids.security),
    ).toMatchObject({ mayDetach: true });
    // Another team's leader does not see the deal at all; an author who sees it is not one of those who may detach.
    expect((await detach(otherLeader, ids.security as string, 'opp-att-2')).status).toBe(404);
    expect([403, 404]).toContain((await detach(author, ids.security as string, 'opp-att-2')).status);
    expect((await detach(outsider, ids.security as string, 'opp-att-2')).status).toBe(404);
    expect((await detach(leader, ids.security as string, 'opp-att-2')).status).toBe(204);
    expect((await detach(leader, ids.security as string, 'opp-att-2')).status).toBe(404);
    expect((await attachments(owner, 'opp-att-2')).body.attachments.map((a: { contentId: string }) => a.contentId)).not.toContain(
      ids.security,
    );

    expect((await detach(teammate, ids.secret as string)).status).toBe(204);
    expect((await attach(owner, ids.security as string, 'opp-att-2')).status).toBe(201);
    expect((await detach(owner, ids.security as string, 'opp-att-2')).status).toBe(204);
  });

  test('when a rep names a deal they may not see, an unknown item or a bad body, then the answer is 404 or a 400 naming the field', async () => {
    expect((await attachments(owner, 'opp-att-west')).status).toBe(404);
    expect((await attach(owner, ids.pricing as string, 'opp-att-west')).status).toBe(404);
    expect((await attach(owner, 'no-such-item')).status).toBe(404);
    expect((await attach(owner, ids.secret as string)).status).toBe(404);
    const bad = await hub.api.post('/api/opportunities/opp-att-1/attachments').set(bearer(owner)).send({ contentId: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/contentId|extra/);
    expect((await detach(outsider, ids.pricing as string)).status).toBe(404);
  });

  test('when a rep marks items helpful, then the marks are listed with the deal after a reload', async () => {
    expect(
      (
        await hub.api
          .post('/api/events')
          .set(bearer(owner))
          .set('Idempotency-Key', 'att-helpful-1')
          .send({ type: 'helpful', contentId: ids.pricing, opportunityId: 'opp-att-1' })
      ).status,
    ).toBe(201);
    expect((await attachments(owner)).body.helpfulContentIds).toEqual([ids.pricing]);
    expect((await attachments(teammate)).body.helpfulContentIds).toEqual([]);
  });

  test('when an item is attached through the usage-event door, then it is an attachment too', async () => {
    expect(
      (
        await hub.api
          .post('/api/events')
          .set(bearer(teammate))
          .set('Idempotency-Key', 'att-event-door-1')
          .send({ type: 'attach', contentId: ids.security, opportunityId: 'opp-att-2' })
      ).status,
    ).toBe(201);
    expect((await attachments(owner, 'opp-att-2')).body.attachments.map((a: { contentId: string }) => a.contentId)).toContain(ids.security);
  });
});
