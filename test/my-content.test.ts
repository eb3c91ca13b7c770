import { bearer, databases, startTestHub, type TestHub } from './support/hub';

interface Mine {
  id: string;
  title: string;
  status: string;
  myRole: string;
  reviewComment: string | null;
  reuse: { views: number; shares: number; attaches: number; helpful: number; derives: number };
  may: { edit: boolean; archive: boolean; restore: boolean };
}

/**
 * GET /api/me/content, the author's "My content" page: what I author or own, by status, with reuse
 * by others (never my own or my co-authors' clicks) and only the actions the policy allows.
 */
describe.each(databases())('my content on $name', ({ url }) => {
  let hub: TestHub;
  let author: string;
  let coAuthor: string;
  let leader: string;
  let rep: string;
  let other: string;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_REVIEW_TYPES: 'win_loss_analysis,battlecard' } });
    author = await hub.user('m-author', 'author', 'Team M');
    coAuthor = await hub.user('m-coauthor', 'author', 'Team M');
    leader = await hub.user('m-leader', 'leader', 'Team L', { leadsTeams: ['Team M'] });
    rep = await hub.user('m-rep', 'rep', 'Team M');
    other = await hub.user('m-other', 'author', 'Team O');
  });
  afterAll(() => hub.stop());

  const mine = async (token: string) => {
    const res = await hub.api.get('/api/me/content').set(bearer(token));
    expect(res.status).toBe(200);
    return res.body.items as Mine[];
  };
  const create = async (token: string, body: Record<string, unknown>) => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(token))
      .send({ kind: 'capability', summary: 'S', body: 'B', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  let key = 0;
  const event = (token: string, type: string, contentId: string) =>
    hub.api.post('/api/events').set(bearer(token)).set('Idempotency-Key', `my-content-${++key}`).send({ type, contentId });

  it('when an author co-writes, owns and is sent back an item, then each is listed once with their role, status and the reviewer comment', async () => {
    const card = await create(author, {
      contentType: 'battlecard',
      title: 'Mine: battlecard',
      authors: [
        { userId: 'm-author', role: 'author', share: 0.5 },
        { userId: 'm-coauthor', role: 'co_author', share: 0.5 },
      ],
    });
    const owned = await create(other, {
      contentType: 'faq',
      title: 'Mine: owned only',
      authors: [{ userId: 'm-other', role: 'author', share: 1 }],
      owner: 'm-author',
    });
    await create(other, { contentType: 'faq', title: 'Not mine', authors: [{ userId: 'm-other', role: 'author', share: 1 }] });
    const submitted = await hub.api.post(`/api/content/${card.id}/submit`).set(bearer(author)).send({ version: card.version });
    expect(submitted.body.status).toBe('in_review');
    const rejected = await hub.api
      .post(`/api/content/${card.id}/request-changes`)
      .set(bearer(leader))
      .send({ version: submitted.body.version, comment: 'Name the pricing objection' });
    expect(rejected.status).toBe(200);

    const items = await mine(author);
    expect(items.map((i) => i.title).sort()).toEqual(['Mine: battlecard', 'Mine: owned only']);
    expect(items.find((i) => i.id === card.id)).toMatchObject({
      status: 'draft',
      myRole: 'author',
      reviewComment: 'Name the pricing objection',
      may: { edit: true, archive: true, restore: true },
    });
    expect(items.find((i) => i.id === owned.id)).toMatchObject({ myRole: 'owner' });
    expect((await mine(coAuthor)).map((i) => i.id)).toEqual([card.id]);
    // A rep who wrote nothing has an empty page, not someone else's.
    expect(await mine(rep)).toEqual([]);
  });

  it('when others and the authors use a published item, then only the others count as reuse', async () => {
    const faq = await create(author, {
      contentType: 'faq',
      title: 'Mine: reused',
      status: 'published',
      authors: [
        { userId: 'm-author', role: 'author', share: 0.5 },
        { userId: 'm-coauthor', role: 'co_author', share: 0.5 },
      ],
    });
    for (const [token, type] of [
      [rep, 'view'],
      [other, 'view'],
      [rep, 'helpful'],
      [author, 'view'],
      [coAuthor, 'view'],
      [coAuthor, 'helpful'],
    ] as const) {
      expect((await event(token, type, faq.id)).status).toBeLessThan(300);
    }
    const derived = await hub.api.post(`/api/content/${faq.id}/derive`).set(bearer(other)).send({});
    expect(derived.status).toBe(201);

    const item = (await mine(author)).find((i) => i.id === faq.id);
    expect(item?.reuse).toEqual({ views: 2, shares: 0, attaches: 0, helpful: 1, derives: 1 });
    // The deriving author lists the new draft; the source stays off their page.
    const others = await mine(other);
    expect(others.some((i) => i.id === derived.body.id && i.status === 'draft')).toBe(true);
    expect(others.some((i) => i.id === faq.id)).toBe(false);
  });

  it('when no token is given, then the page is refused with 401', async () => {
    expect((await hub.api.get('/api/me/content')).status).toBe(401);
  });
});
