import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/**
 * Expert profiles and contacts. Teams Alpha (auth-a1, rep-a) and Beta (rep-b).
 *
 *   I1 situational, Snowcrest/Insurance, by auth-a1, everyone; reused by rep-a on won deal O3
 *   I2 capability, Lakehouse Core, by auth-a1, confidential to auth-a1 (a rep may not see it)
 *   O3 won, Alpha (rep-a), 1000: rep-b (Beta) may not see it
 */
describe.each(databases())('expert profiles on $name', ({ url }) => {
  let hub: TestHub;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const get = (path: string, token: string) => hub.api.get(path).set(bearer(token));
  const contact = (userId: string, token: string, body: Record<string, unknown>) =>
    hub.api.post(`/api/experts/${userId}/contacts`).set(bearer(token)).send(body);

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_CORPORATE_CURRENCY: 'EUR', HUB_SLACK_TEAM_ID: 'T0TEAM' } });
    tok.a1 = await hub.user('auth-a1', 'author', 'Alpha');
    tok.repA = await hub.user('rep-a', 'rep', 'Alpha');
    tok.repB = await hub.user('rep-b', 'rep', 'Beta');
    const make = async (key: string, item: Record<string, unknown>) => {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(ADMIN_TOKEN))
        .send({
          summary: 'Summary.',
          body: 'Body.',
          status: 'published',
          authors: [{ userId: 'auth-a1', role: 'author', share: 1 }],
          ...item,
        });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    };
    await make('I1', {
      kind: 'situational',
      contentType: 'deal_story',
      title: 'Beating Snowcrest at an insurer',
      competitors: ['Snowcrest'],
      industries: ['Insurance'],
    });
    await make('I2', {
      kind: 'capability',
      contentType: 'product_sheet',
      title: 'Secret Lakehouse sheet',
      products: ['Lakehouse Core'],
      visibility: { scope: 'confidential', users: ['auth-a1'] },
    });
    await hub.relay.drain();
    await hub.db.db
      .insertInto('opportunities')
      .values({
        id: 'O3',
        name: 'Deal O3',
        account_name: 'Account O3',
        industry: 'Insurance',
        segment: null,
        region: null,
        amount: 1000,
        currency: 'EUR',
        stage: 'Closed Won',
        close_date: '2026-03-01',
        is_closed: 1,
        is_won: 1,
        products: '[]',
        competitors: '["Snowcrest"]',
        contact_roles: '[]',
        owner_id: 'rep-a',
        description: null,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await hub.db.db
      .insertInto('usage_events')
      .values({
        event_id: 'ev-x1',
        actor_id: 'rep-a',
        idempotency_key: 'k-x1',
        request_hash: 'h',
        type: 'attach',
        content_id: ids.I1 as string,
        opportunity_id: 'O3',
        note: null,
        at: '2026-02-15T00:00:00.000Z',
      })
      .execute();
  });
  afterAll(() => hub.stop());

  describe('profile', () => {
    it('when the deal owner opens a profile, then topics, evidence items, reuse and the won deal with its amount are shown', async () => {
      const res = await get('/api/experts/auth-a1', tok.repA as string);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        userId: 'auth-a1',
        name: 'auth a1',
        team: 'Alpha',
        reuseCount: 1,
        wonAmount: 1000,
        wonDeals: [{ id: 'O3', name: 'Deal O3', amount: 1000 }],
      });
      expect(res.body.items).toEqual([
        expect.objectContaining({ id: ids.I1, reuseCount: 1, wonDeals: [expect.objectContaining({ id: 'O3' })] }),
      ]);
      expect(res.body.topics).toEqual(
        expect.arrayContaining([
          { kind: 'competitor', value: 'Snowcrest', reuseCount: 1, itemIds: [ids.I1] },
          { kind: 'industry', value: 'Insurance', reuseCount: 1, itemIds: [ids.I1] },
        ]),
      );
      expect(res.body.contact).toEqual({ email: 'auth-a1@example.test', chat: null });
    });

    it('when the viewer may not see an item, then it is absent from the items, the topics and the figures', async () => {
      const rep = await get('/api/experts/auth-a1', tok.repA as string);
      expect(JSON.stringify(rep.body)).not.toContain(ids.I2);
      expect(JSON.stringify(rep.body)).not.toContain('Lakehouse');
      const admin = await get('/api/experts/auth-a1', ADMIN_TOKEN);
      expect(admin.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.I1, ids.I2].sort());
      expect(admin.body.topics.map((t: { value: string }) => t.value)).toContain('Lakehouse Core');
    });

    it('when the viewer may not see a won deal, then it is neither named nor counted', async () => {
      const res = await get('/api/experts/auth-a1', tok.repB as string);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ wonDeals: [], wonAmount: 0, wonAmountBand: null, items: [{ id: ids.I1, wonDeals: [] }] });
      expect(JSON.stringify(res.body)).not.toContain('O3');
      expect(JSON.stringify(res.body)).not.toMatch(/1000/);
    });

    it('when the person is unknown or wrote nothing the viewer may see, then the answer is 404', async () => {
      expect((await get('/api/experts/nobody', tok.repA as string)).status).toBe(404);
      expect((await get('/api/experts/rep-b', tok.repA as string)).status).toBe(404);
    });
  });

  describe('contact details on the user record', () => {
    it('when an admin sets a Slack account, then the profile offers a Slack deep link into the configured workspace, and the change is audited', async () => {
      const patched = await hub.api
        .patch('/api/users/auth-a1')
        .set(bearer(ADMIN_TOKEN))
        .send({ chatProvider: 'slack', chatUserId: 'U0AUTH1' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ chatProvider: 'slack', chatUserId: 'U0AUTH1' });
      const res = await get('/api/experts/auth-a1', tok.repB as string);
      expect(res.body.contact.chat).toEqual({ provider: 'slack', url: 'slack://user?team=T0TEAM&id=U0AUTH1' });
      const audit = await get('/api/audit?targetType=user&targetId=auth-a1', ADMIN_TOKEN);
      expect(audit.body.entries[0].details).toMatchObject({
        chatProvider: { from: null, to: 'slack' },
        chatUserId: { from: null, to: 'U0AUTH1' },
      });
    });

    it('when a chat account is malformed or half given, then the change is refused naming chatUserId', async () => {
      for (const body of [
        { chatProvider: 'slack', chatUserId: 'bob' },
        { chatProvider: 'teams', chatUserId: 'not-an-upn' },
        { chatProvider: 'teams' },
      ]) {
        const res = await hub.api.patch('/api/users/auth-a1').set(bearer(ADMIN_TOKEN)).send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.details.issues[0].path).toBe('chatUserId');
      }
    });
  });

  describe('contacts', () => {
    it('when the body is wrong, then the answer is 400 naming the field', async () => {
      const fax = await contact('auth-a1', tok.repA as string, { channel: 'fax' });
      expect(fax.status).toBe(400);
      expect(fax.body.error.details.issues[0].path).toBe('channel');
      const chatter = await contact('auth-a1', tok.repA as string, { channel: 'chatter' });
      expect(chatter.status).toBe(400);
      expect(chatter.body.error.details.issues[0].path).toBe('opportunityId');
    });

    it('when a rep contacts an expert from a deal, then the contact is recorded as knowledge flow and counted in the flow metrics', async () => {
      const res = await contact('auth-a1', tok.repA as string, { channel: 'email', opportunityId: 'O3' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ expertId: 'auth-a1', channel: 'email', opportunityId: 'O3' });
      const rows = await hub.db.db.selectFrom('expert_contacts').selectAll().where('actor_id', '=', 'rep-a').execute();
      expect(rows.map((r) => [r.expert_id, r.channel, r.opportunity_id, r.actor_team])).toEqual([['auth-a1', 'email', 'O3', 'Alpha']]);
      const metrics = await get('/api/flow/metrics', ADMIN_TOKEN);
      expect(metrics.body.expertContacts).toEqual({ total: 1, fromDeals: 1 });
    });

    it('when the deal is one the rep may not open, or the expert is unknown, then nothing is recorded', async () => {
      expect((await contact('auth-a1', tok.repB as string, { channel: 'chat', opportunityId: 'O3' })).status).toBe(404);
      expect((await contact('nobody', tok.repB as string, { channel: 'email' })).status).toBe(404);
      expect(await hub.db.db.selectFrom('expert_contacts').selectAll().where('actor_id', '=', 'rep-b').execute()).toEqual([]);
    });
  });
});
