import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/**
 * Hybrid ad hoc search by default (offline default embedder, real Meilisearch): a described
 * situation finds the item that tells it in other words, while short and exact keyword queries,
 * typos, synonyms, filters, facet counts and access rules behave as keyword search does.
 */
const ITEMS = {
  cuts: {
    kind: 'situational',
    contentType: 'deal_story',
    title: 'Budget cuts at a grocer',
    body: 'The purchase was postponed because the budget was cut for the remaining months.',
    industries: ['Banking'],
  },
  mainframe: {
    kind: 'situational',
    contentType: 'deal_story',
    title: 'Leaving the appliance at a savings bank',
    body: 'The legacy host maintenance contract was expiring, so the move had a hard date.',
    industries: ['Banking'],
  },
  billing: {
    kind: 'capability',
    contentType: 'faq',
    title: 'Quarterly billing for procurement teams',
    body: 'Procurement asked for quarterly billing. Discounts were tied to a three-year commitment.',
    industries: ['Banking'],
  },
  roi: {
    kind: 'capability',
    contentType: 'faq',
    title: 'Building an ROI business case with the CFO',
    body: 'Show the CFO the payback.',
    industries: ['Insurance'],
  },
  residency: {
    kind: 'situational',
    contentType: 'deal_story',
    title: 'Keeping data in the country',
    body: 'The regulator required that customer records stay inside national borders.',
    industries: ['Insurance'],
  },
  breach: {
    kind: 'situational',
    contentType: 'deal_story',
    title: 'After the breach',
    body: 'A security incident last year made the board cautious.',
    industries: ['Insurance'],
  },
  freeze: {
    kind: 'situational',
    contentType: 'deal_story',
    title: 'Change freeze in peak season',
    body: 'No changes were allowed during the holiday trading weeks.',
    industries: ['Retail'],
  },
  secret: {
    kind: 'situational',
    contentType: 'deal_story',
    title: 'Budget cut at a bank',
    body: 'The purchase was postponed because the budget was cut.',
    industries: ['Banking'],
    visibility: { scope: 'confidential', users: ['hy-author'] },
  },
} as const;

/** Shares no word with the item that tells it (`cuts`), nor with any other item. */
const STORY = 'buyer froze all spending until next fiscal period';

type Body = {
  hits: { id: string }[];
  total: number;
  facets: Record<string, Record<string, number>>;
  semantic: { mode: string; semanticRatio: number };
};

describe.each(databases())('hybrid search by default on $name', ({ url }) => {
  let hub: TestHub;
  let rep: string;
  const ids: Record<string, string> = {};
  const search = async (token: string, query: string): Promise<Body> => {
    const res = await hub.api.get(`/api/search?${query}`).set(bearer(token));
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    return res.body as Body;
  };
  const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    await hub.user('hy-author', 'author');
    rep = await hub.user('hy-rep', 'rep');
    for (const [key, it] of Object.entries(ITEMS)) {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(ADMIN_TOKEN))
        .send({ status: 'published', summary: `${it.title}.`, authors: [{ userId: 'hy-author', role: 'author', share: 1 }], ...it });
      expect([res.status, res.body.error]).toEqual([201, undefined]);
      ids[key] = res.body.id;
    }
    await hub.relay.drain();
  });
  afterAll(() => hub.stop());

  it('when a query is one or two words the model knows (or empty), then the default is keyword ranking, exactly as semanticRatio=0', async () => {
    // 'zzqv' is no word of the model's: the query is a two-word one for it, and finds nothing.
    for (const text of ['billing', 'quartely biling', '', 'zzqv platypus telemetry']) {
      const byDefault = await search(rep, q(text));
      const keyword = await search(rep, q(text, '&semanticRatio=0'));
      expect(byDefault.semantic).toEqual({ mode: 'keyword', semanticRatio: 0 });
      expect({ ids: byDefault.hits.map((h) => h.id), total: byDefault.total, facets: byDefault.facets }).toEqual({
        ids: keyword.hits.map((h) => h.id),
        total: keyword.total,
        facets: keyword.facets,
      });
    }
    expect((await search(rep, q('quartely biling'))).hits[0]?.id).toBe(ids.billing);
  });

  it('when a query describes a situation, then the item telling it in other words comes first and is counted, while unrelated items are not', async () => {
    const keyword = await search(rep, q(STORY, '&semanticRatio=0'));
    expect(keyword.hits.map((h) => h.id)).not.toContain(ids.cuts);
    const body = await search(rep, q(STORY));
    expect(body.semantic).toEqual({ mode: 'hybrid', semanticRatio: 0.3 });
    expect(body.hits[0]?.id).toBe(ids.cuts);
    // The total counts the keyword hits and the few items found by meaning, not the whole library.
    expect(body.total).toBeGreaterThan(keyword.total);
    expect(body.total).toBeLessThan(Object.keys(ITEMS).length - 1);
    expect(body.total).toBe(body.hits.length);
    expect(Object.values(body.facets.kind ?? {}).reduce((a, b) => a + b, 0)).toBe(body.total);
    expect(body.facets.industries?.Banking).toBeGreaterThanOrEqual(1);
  });

  it('when an exact query of several words or a synonym is blended, then its keyword hits stay first, typos included', async () => {
    const exact = await search(rep, q('quarterly billing procurement'));
    expect(exact.semantic.mode).toBe('hybrid');
    expect(exact.hits[0]?.id).toBe(ids.billing);
    expect((await search(rep, q('quartely biling procurment'))).hits[0]?.id).toBe(ids.billing);
    const synonym = await search(rep, q('return on investment'));
    expect(synonym.semantic.mode).toBe('hybrid');
    expect(synonym.hits[0]?.id).toBe(ids.roi);
  });

  it('when filters are chosen, then items found by meaning obey them, and a group’s own counts still include them', async () => {
    const insurance = await search(rep, q(STORY, '&industries=Insurance'));
    expect(insurance.hits.map((h) => h.id)).not.toContain(ids.cuts);
    const banking = await search(rep, q(STORY, '&industries=Banking'));
    expect(banking.hits[0]?.id).toBe(ids.cuts);
    // Disjunctive: the industries group counts ignore its own selection, the addition included.
    expect(insurance.facets.industries?.Banking).toBe(banking.total);
  });

  it('when an item found by meaning is confidential, then only those who may see it get it or have it counted', async () => {
    const admin = await search(ADMIN_TOKEN, q(STORY));
    expect(admin.hits.map((h) => h.id)).toContain(ids.secret);
    const asRep = await search(rep, q(STORY));
    expect(asRep.hits.map((h) => h.id)).not.toContain(ids.secret);
    expect(asRep.total).toBe(admin.total - 1);
  });

  it('when a page lies beyond the blended window, then it is answered by keywords and says so', async () => {
    const deep = await search(rep, q(STORY, '&page=60&limit=20'));
    expect(deep.semantic).toEqual({ mode: 'keyword', semanticRatio: 0 });
    expect(deep.hits).toEqual([]);
  });
});
