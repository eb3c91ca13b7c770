import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/* Tracked buyer sharing: links to client-facing items, a public page, opens counted and credited once. */

const deal = {
  id: 'opp-share-1',
  name: 'Acme expansion',
  accountName: 'Acme',
  amount: 90000,
  currency: 'USD',
  stage: 'Proposal',
  closeDate: '2026-12-20',
  products: [],
  competitors: [],
  contactRoles: [],
  ownerId: 'sh-owner',
  description: null,
};
const BUYER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const SLACK = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';

describe.each(databases())('share links on $name', ({ url }) => {
  let hub: TestHub;
  let owner: string;
  let teammate: string;
  let outsider: string;
  let author: string;
  const ids: Record<string, string> = {};

  const share = (token: string, contentId: string, body: Record<string, unknown> = { opportunityId: deal.id }) =>
    hub.api.post(`/api/content/${contentId}/share-links`).set(bearer(token)).send(body);
  const open = (link: string, userAgent = BUYER) => hub.api.get(new URL(link).pathname).set('User-Agent', userAgent);
  const links = async (token = owner) =>
    (await hub.api.get(`/api/opportunities/${deal.id}/share-links`).set(bearer(token))).body.links as {
      id: string;
      opens: number;
      state: string;
      firstOpenedAt: string | null;
      mayRevoke: boolean;
    }[];
  const shareCredits = async (contentId: string) => {
    await hub.credits.drainPending();
    return hub.db.db
      .selectFrom('credit_entries')
      .select(['user_id', 'milli_points'])
      .where('type', '=', 'share_external')
      .where('content_id', '=', contentId)
      .execute();
  };

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_PUBLIC_URL: 'https://hub.example.test' } });
    owner = await hub.user('sh-owner', 'rep', 'East');
    teammate = await hub.user('sh-mate', 'rep', 'East');
    outsider = await hub.user('sh-out', 'rep', 'West');
    author = await hub.user('sh-author', 'author', 'Marketing');
    expect((await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(deal)).status).toBe(201);
    const make = async (key: string, extra: Record<string, unknown>) => {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({
          kind: 'capability',
          contentType: 'product_sheet',
          title: `${key} sheet`,
          summary: 'For buyers.',
          body: `Public words.\n\n<script>alert(1)</script>[x](javascript:alert(1))`,
          status: 'published',
          authors: [{ userId: 'sh-author', role: 'author', share: 1 }],
          internalNotes: undefined,
          ...extra,
        });
      expect(res.status).toBe(201);
      ids[key] = res.body.id as string;
    };
    await make('public', { audience: 'client_facing', products: ['SECRET-PRODUCT-TAG'] });
    await make('fresh', { audience: 'client_facing' });
    await make('internal', { audience: 'internal' });
    await make('draft', { audience: 'client_facing', status: 'draft' });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  test('when a rep shares a client-facing item, then the link opens a clean public page with no internal field and a strict policy, and only a hash is stored', async () => {
    const created = await share(owner, ids.public as string);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^sl-/),
      url: expect.stringMatching(/^https:\/\/hub\.example\.test\/api\/shared\/[A-Za-z0-9_-]{43}$/),
      expiresAt: null,
    });
    const token = (created.body.url as string).split('/').pop() as string;
    const stored = await hub.db.db.selectFrom('share_links').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    const page = await open(created.body.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['content-security-policy']).not.toMatch(/script-src|unsafe-inline/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('public sheet');
    expect(page.text).toContain('Public words.');
    for (const internal of [
      ids.public,
      'sh-author',
      'SECRET-PRODUCT-TAG',
      'published',
      'client_facing',
      '<script',
      'href="javascript',
      '/app.js',
    ])
      expect(page.text).not.toContain(internal);
  });

  test('when the buyer opens the link several times, then the opens are counted, and the first credits the author once as share_external', async () => {
    const created = await share(owner, ids.fresh as string);
    expect(await shareCredits(ids.fresh as string)).toHaveLength(0);
    for (let i = 0; i < 3; i += 1) expect((await open(created.body.url)).status).toBe(200);
    const mine = (await links()).find((l) => l.id === created.body.id);
    expect(mine).toMatchObject({ opens: 3, state: 'active', firstOpenedAt: expect.any(String), mayRevoke: true });
    // One usage event for the link, recorded as the sharer's; the credits relay turns it into the author's credit.
    const events = await hub.db.db
      .selectFrom('usage_events')
      .select(['actor_id', 'opportunity_id'])
      .where('type', '=', 'share_external')
      .where('content_id', '=', ids.fresh as string)
      .execute();
    expect(events).toEqual([{ actor_id: 'sh-owner', opportunity_id: deal.id }]);
    const credits = await shareCredits(ids.fresh as string);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ user_id: 'sh-author' });
    expect(Number(credits[0]?.milli_points)).toBeGreaterThan(0);
  });

  test('when a link unfurler or the signed-in sharer opens it, then the page is served but nothing is counted or credited', async () => {
    const created = await share(teammate, ids.public as string);
    const before = (await shareCredits(ids.public as string)).length;
    expect((await open(created.body.url, SLACK)).status).toBe(200);
    expect((await hub.api.get(new URL(created.body.url).pathname).set('User-Agent', BUYER).set(bearer(teammate))).status).toBe(200);
    expect((await links()).find((l) => l.id === created.body.id)).toMatchObject({ opens: 0, firstOpenedAt: null });
    expect(await shareCredits(ids.public as string)).toHaveLength(before);
  });

  test('when a link is revoked or has expired, or the token is made up, then the page is a 404 with nothing to tell them apart', async () => {
    const revoked = await share(owner, ids.public as string);
    expect((await hub.api.delete(`/api/content/${ids.public}/share-links/${revoked.body.id}`).set(bearer(outsider))).status).toBe(404);
    expect((await hub.api.delete(`/api/content/${ids.public}/share-links/${revoked.body.id}`).set(bearer(author))).status).toBe(404);
    expect((await hub.api.delete(`/api/content/${ids.public}/share-links/${revoked.body.id}`).set(bearer(owner))).status).toBe(204);
    const gone = await open(revoked.body.url);
    expect(gone.status).toBe(404);
    expect(gone.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect((await links()).find((l) => l.id === revoked.body.id)).toMatchObject({ state: 'revoked', mayRevoke: false });

    const soon = await share(owner, ids.public as string, {
      opportunityId: deal.id,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(soon.status).toBe(201);
    await hub.db.db
      .updateTable('share_links')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', soon.body.id)
      .execute();
    const expired = await open(soon.body.url);
    expect(expired.status).toBe(404);
    expect(expired.text).toBe(gone.text);
    expect((await open(`https://hub.example.test/api/shared/${'A'.repeat(43)}`)).text).toBe(gone.text);
    expect((await open('https://hub.example.test/api/shared/short')).status).toBe(404);
  });

  test('when an internal or unpublished item is shared, or the body is wrong, then a clear error names why', async () => {
    const internal = await share(owner, ids.internal as string);
    expect(internal.status).toBe(422);
    expect(internal.body.error).toMatchObject({ code: 'not_client_facing', message: expect.stringContaining('client-facing') });
    expect((await share(ADMIN_TOKEN, ids.draft as string)).body.error).toMatchObject({ code: 'not_published' });
    const past = await share(owner, ids.public as string, { opportunityId: deal.id, expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body)).toContain('expiresAt');
    expect((await share(owner, ids.public as string, { opportunityId: deal.id, extra: 1 })).status).toBe(400);
    expect((await share(outsider, ids.public as string)).status).toBe(404);
    expect((await hub.api.get(`/api/opportunities/${deal.id}/share-links`).set(bearer(outsider))).status).toBe(404);
  });
});
