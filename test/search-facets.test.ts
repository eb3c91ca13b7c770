import { createFlowFacts } from '../server/flow/facts';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/** Items with known facets: three competitors across two industries, one confidential. */
const ITEMS = [
  { key: 'globexBank', competitors: ['Globex'], industries: ['Banking'] },
  { key: 'globexRetail', competitors: ['Globex'], industries: ['Retail'] },
  { key: 'initechBank', competitors: ['Initech'], industries: ['Banking'] },
  { key: 'umbrellaBank', competitors: ['Umbrella'], industries: ['Banking'] },
  { key: 'secretInitech', competitors: ['Initech'], industries: ['Banking'], visibility: { scope: 'confidential', users: ['fa-author'] } },
] as const;

describe.each(databases())('disjunctive facets and sorting on $name', ({ url }) => {
  let hub: TestHub;
  let author: string;
  let rep: string;
  let other: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    author = await hub.user('fa-author', 'author');
    rep = await hub.user('fa-rep', 'rep');
    other = await hub.user('fa-other', 'rep');
    for (const it of ITEMS) {
      const { key, ...facets } = it;
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send({
          kind: 'capability',
          contentType: 'battlecard',
          status: 'published',
          title: `Facet sample ${key}`,
          summary: 'Disjunctive facet sample.',
          body: 'Body.',
          authors: [{ userId: 'fa-author', role: 'author', share: 1 }],
          ...facets,
        });
      expect([res.status, res.body.error]).toEqual([201, undefined]);
      ids[key] = res.body.id;
    }
    await hub.relay.drain();
  });
  afterAll(() => hub.stop());

  const search = async (token: string, query: string) => {
    await hub.relay.drain();
    const res = await hub.api.get(`/api/search?q=facet sample&${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as { hits: { id: string }[]; total: number; facets: Record<string, Record<string, number>> };
  };

  it('when two values of one group are ticked, then hits match either (OR) and that group keeps the counts of its other values', async () => {
    const body = await search(rep, 'competitors=Globex&competitors=Initech');
    expect(body.hits.map((h) => h.id).sort()).toEqual([ids.globexBank, ids.globexRetail, ids.initechBank].sort());
    // The group's own counts ignore its own selection: Umbrella is still offered with its count.
    expect(body.facets.competitors).toEqual({ Globex: 2, Initech: 1, Umbrella: 1 });
    // Other groups count within the selection.
    expect(body.facets.industries).toEqual({ Banking: 2, Retail: 1 });
  });

  it('when values are ticked in two groups, then the groups are ANDed and each group counts within the other group only', async () => {
    const body = await search(rep, 'competitors=Globex&competitors=Initech&industries=Banking');
    expect(body.hits.map((h) => h.id).sort()).toEqual([ids.globexBank, ids.initechBank].sort());
    // Competitors counted among Banking items, industries among Globex-or-Initech items.
    expect(body.facets.competitors).toEqual({ Globex: 1, Initech: 1, Umbrella: 1 });
    expect(body.facets.industries).toEqual({ Banking: 2, Retail: 1 });
  });

  it('when an item is confidential, then it is counted in no sub-query for those who may not see it, and in every one for its author', async () => {
    const repView = await search(rep, 'competitors=Umbrella&industries=Banking');
    expect(repView.facets.competitors).toEqual({ Globex: 1, Initech: 1, Umbrella: 1 });
    expect(repView.facets.industries).toEqual({ Banking: 1 });
    const authorView = await search(author, 'competitors=Umbrella&industries=Banking');
    expect(authorView.facets.competitors).toEqual({ Globex: 1, Initech: 2, Umbrella: 1 });
    const initech = await search(author, 'competitors=Initech');
    expect(initech.total).toBe(2);
    expect((await search(other, 'competitors=Initech')).total).toBe(1);
  });

  it('when a disjunctive search runs, then it is logged once, with the filters the user chose', async () => {
    const logged: { filters: Record<string, string[]> }[] = [];
    await hub.searchLog.flush();
    const before = await hub.db.db.selectFrom('search_log').select('id').execute();
    await search(rep, 'competitors=Globex&competitors=Initech&industries=Retail');
    await hub.searchLog.flush();
    const after = await hub.db.db
      .selectFrom('search_log')
      .selectAll()
      .where('id', 'not in', before.length ? before.map((r) => r.id) : [-1])
      .execute();
    for (const r of after) logged.push({ filters: JSON.parse(r.filters) as Record<string, string[]> });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.filters).toMatchObject({ competitors: ['Globex', 'Initech'], industries: ['Retail'] });
  });

  it('when sorted by most reused, then items others reused most come first', async () => {
    const use = (token: string, contentId: string, key: string) =>
      hub.api.post('/api/events').set(bearer(token)).set('Idempotency-Key', key).send({ type: 'helpful', contentId });
    expect((await use(rep, ids.umbrellaBank as string, 'facets-1')).status).toBe(201);
    expect((await use(other, ids.umbrellaBank as string, 'facets-2')).status).toBe(201);
    expect((await use(rep, ids.globexRetail as string, 'facets-3')).status).toBe(201);
    // A clock past the facts' settling delay, so the events just written are folded at once.
    await createFlowFacts({ db: hub.db.db, dialect: hub.db.dialect, clock: () => new Date(Date.now() + 60_000) }).refresh();
    const body = await search(rep, 'sort=reused');
    expect(body.hits.slice(0, 2).map((h) => h.id)).toEqual([ids.umbrellaBank, ids.globexRetail]);
    const bad = await hub.api.get('/api/search?sort=popular').set(bearer(rep));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('sort');
  });

  describe('when a search finds nothing and the reader asks for the content', () => {
    const ask = (token: string, body: object) => hub.api.post('/api/flow/content-requests/ask').set(bearer(token)).send(body);

    it('then an unassigned request with the query is filed once, and asking again joins it', async () => {
      const first = await ask(rep, { query: 'Quantum pricing objections', filters: { competitors: ['Globex'] } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        created: true,
        alreadyAsked: false,
        askers: 1,
        request: {
          query: 'Quantum pricing objections',
          assignee: null,
          createdBy: 'fa-rep',
          status: 'open',
          note: 'Filters: competitors: Globex',
        },
      });
      const again = await ask(rep, { query: '  quantum   PRICING objections ' });
      expect(again.body).toMatchObject({ created: false, alreadyAsked: true, askers: 1, request: { id: first.body.request.id } });
      const second = await ask(other, { query: 'quantum pricing objections' });
      expect(second.body).toMatchObject({ created: false, alreadyAsked: false, askers: 2, request: { id: first.body.request.id } });
      // The askers see what they asked for; an admin sees every request.
      const mine = await hub.api.get('/api/flow/content-requests').set(bearer(other));
      expect(mine.body.requests.map((r: { id: string }) => r.id)).toEqual([first.body.request.id]);
      expect((await hub.api.get('/api/flow/content-requests').set(bearer(author))).body.requests).toEqual([]);
      const all = await hub.api.get('/api/flow/content-requests').set(bearer(ADMIN_TOKEN));
      expect(all.body.requests.filter((r: { query: string }) => r.query.toLowerCase() === 'quantum pricing objections')).toHaveLength(1);
    });

    it('then an admin assigning the same query assigns that request instead of filing another', async () => {
      const asked = await ask(rep, { query: 'Hydra migration checklist' });
      const assigned = await hub.api
        .post('/api/flow/content-requests')
        .set(bearer(ADMIN_TOKEN))
        .send({ query: 'hydra migration checklist', assignee: 'fa-author' });
      expect(assigned.status).toBe(201);
      expect(assigned.body).toMatchObject({ id: asked.body.request.id, assignee: 'fa-author' });
      const inbox = await hub.api.get('/api/me/notifications').set(bearer(author));
      expect(JSON.stringify(inbox.body)).toContain('hydra migration checklist');
      // Once done, asking again files a new request.
      expect((await hub.api.post(`/api/flow/content-requests/${asked.body.request.id}/done`).set(bearer(author)).send({})).status).toBe(
        200,
      );
      const later = await ask(rep, { query: 'Hydra migration checklist' });
      expect(later.body.created).toBe(true);
      expect(later.body.request.id).not.toBe(asked.body.request.id);
    });

    it('then an empty query is refused with a 400 naming the field', async () => {
      const res = await ask(rep, { query: '   ' });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain('query');
      expect((await ask(rep, { query: 'x', extra: 1 })).status).toBe(400);
    });
  });
});
