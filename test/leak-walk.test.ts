import { demoRoutes, seedDemo } from '../server/demo/seed';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/**
 * Reports obey the same policy as the objects they aggregate. On the demo organisation, restricted
 * objects are planted with marker words and amounts found nowhere else; then every GET operation of
 * the OpenAPI document (so a new route is walked without editing this file) is called as each role,
 * with path and query parameters filled from tables, and no response body, JSON or CSV, may hold a
 * marker the role may not see.
 *
 *   C  confidential item, visible to leak-author only                     ZEBRAQUARTZ
 *   T  item visible to team Leak Delta (leak-author is its author)        OCELOTPRISM
 *   D  draft of leak-author's                                             MARMOTFLINT
 *   P  public item on the same topic (no marker): the path by which reports reach the deals
 *   WOMBATCITADEL-1 / -2  deals of leak-deal-rep (Leak Delta), closed won, amounts 987654.32 and
 *      123456.79 (together 1111111.11), with C, T, D and P attached to them
 */
const MARKERS = { C: 'ZEBRAQUARTZ', T: 'OCELOTPRISM', D: 'MARMOTFLINT', deal: 'WOMBATCITADEL' } as const;
const DEALS = [
  { id: `${MARKERS.deal}-1`, amount: 987654.32 },
  { id: `${MARKERS.deal}-2`, amount: 123456.79 },
];
/**
 * The amounts as a JSON body or a CSV may print them, alone and summed (1111111 also catches a
 * float sum such as 1111111.1099999999). No letter, digit or underscore may touch either side, so
 * the digits of a random uuid or token never pass for an amount.
 */
const AMOUNT_FORMS = ['987654.32', '987654', '987,654', '123456.79', '123456', '123,456', '1111111.11', '1111111', '1,111,111'];
const amountPattern = new RegExp(
  `(?<![0-9A-Za-z_])(?:${AMOUNT_FORMS.map((a) => a.replace(/[.,]/g, (c) => `\\${c}`)).join('|')})(?![0-9A-Za-z_])`,
);

const TOPIC = { competitors: ['Yakvane'], industries: ['Leakindustry'], products: ['Leakproduct'] };
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** Query values by parameter name; the walk fails on a required parameter missing here. */
const QUERY_VALUES: Record<string, string> = {
  competitor: 'Yakvane',
  industry: 'Leakindustry',
  product: 'Leakproduct',
  q: 'Yakvane',
  from: '2020-01-01',
  to: tomorrow,
  days: '3650',
};

/** Routes whose body is not JSON (their text is checked all the same). */
const NON_JSON = new Set(['GET /api/credits/export.csv', 'GET /api/shared/{token}']);

type Role = 'admin' | 'author' | 'dealOwner' | 'otherRep' | 'otherLeader' | 'itemTeamLeader';
type Operation = { parameters?: { name: string; in: 'path' | 'query'; required?: boolean }[] };

describe.each(databases())('the route walk finds no planted marker a role may not see, on $name', ({ url }) => {
  let hub: TestHub;
  const tokens = {} as Record<Role, string>;
  const users = {} as Record<Role, string>;
  const items = {} as Record<'C' | 'T' | 'D' | 'P', string>;
  let shareToken = '';
  let winLossId = '';

  beforeAll(async () => {
    hub = await startTestHub({
      databaseUrl: url,
      env: { HUB_DEMO: 'on', HUB_CORPORATE_CURRENCY: 'EUR' },
      hub: { extraRoutes: (core) => demoRoutes(core) },
    });
    await seedDemo(hub);
    // The flow facts hold back every event after the first unsettled one: the demo history must
    // not lie in the future, or the reports would not see the planted events below.
    expect(await hub.db.db.selectFrom('usage_events').select('id').where('at', '>', new Date().toISOString()).execute()).toEqual([]);
    const make = async (role: Role, id: string, kind: 'rep' | 'author' | 'leader', team: string, leads?: string[]) => {
      users[role] = id;
      tokens[role] = await hub.user(id, kind, team, leads ? { leadsTeams: leads } : {});
    };
    users.admin = 'hub-admin';
    tokens.admin = ADMIN_TOKEN;
    await make('author', 'leak-author', 'author', 'Leak Alpha');
    await make('dealOwner', 'leak-deal-rep', 'rep', 'Leak Delta');
    await make('otherRep', 'leak-beta-rep', 'rep', 'Leak Beta');
    await make('otherLeader', 'leak-beta-lead', 'leader', 'Leak Beta', ['Leak Beta']);
    await make('itemTeamLeader', 'leak-alpha-lead', 'leader', 'Leak Alpha', ['Leak Alpha']);

    const plant = async (key: keyof typeof items, over: Record<string, unknown>) => {
      const word = key === 'P' ? 'Yakvane' : MARKERS[key];
      const res = await hub.api
        .post('/api/content')
        .set(bearer(tokens.author))
        .send({
          kind: 'situational',
          contentType: 'deal_story',
          title: `${word} displacement story`,
          summary: `How we beat Yakvane (${word}).`,
          body: `## ${word}\n\nThe ${word} lesson.`,
          status: 'published',
          ...TOPIC,
          authors: [{ userId: users.author, role: 'author', share: 1 }],
          ...over,
        });
      expect(res.status).toBe(201);
      items[key] = res.body.id;
    };
    await plant('C', { visibility: { scope: 'confidential', users: [users.author] } });
    await plant('T', { visibility: { scope: 'teams', teams: ['Leak Delta'] } });
    await plant('D', { status: 'draft' });
    await plant('P', {});
    await hub.relay.drain();

    for (const [i, deal] of DEALS.entries()) {
      const res = await hub.api
        .post('/api/opportunities')
        .set(bearer(ADMIN_TOKEN))
        .send({
          id: deal.id,
          name: `${MARKERS.deal} ${i === 0 ? 'renewal' : 'expansion'}`,
          accountName: `${MARKERS.deal} Holdings`,
          industry: 'Leakindustry',
          amount: deal.amount,
          currency: 'EUR',
          stage: 'Proposal',
          closeDate: yesterday,
          competitors: TOPIC.competitors,
          products: [{ name: 'Leakproduct' }],
          ownerId: users.dealOwner,
        });
      expect(res.status).toBe(201);
      // Through the API where the owner may: credits, statements and facts see these.
      for (const key of ['P', 'T'] as const) {
        const ev = await hub.api
          .post('/api/events')
          .set(bearer(tokens.dealOwner))
          .set('Idempotency-Key', `leak-${key}-${deal.id}`)
          .send({ type: 'attach', contentId: items[key], opportunityId: deal.id });
        expect(ev.status).toBe(201);
      }
      // C and D the owner may not open: attached before they were narrowed, as it were.
      for (const key of ['C', 'D'] as const) {
        await hub.db.db
          .insertInto('usage_events')
          .values({
            event_id: `ev-planted-${key}-${i}`,
            actor_id: users.dealOwner,
            idempotency_key: `planted-${key}-${i}`,
            request_hash: 'h',
            type: 'attach',
            content_id: items[key],
            opportunity_id: deal.id,
            note: null,
            at: new Date(Date.now() - 3_600_000).toISOString(),
          })
          .execute();
      }
      const won = await hub.api
        .patch(`/api/opportunities/${deal.id}`)
        .set(bearer(ADMIN_TOKEN))
        .send({ stage: 'Closed Won', isClosed: true, isWon: true });
      expect(won.status).toBe(200);
    }
    // A buyer link (to a client-facing item without a marker), so the public share page is walked too.
    const sheet = await hub.api
      .post('/api/content')
      .set(bearer(tokens.author))
      .send({
        kind: 'capability',
        contentType: 'product_sheet',
        title: 'Yakvane buyer sheet',
        summary: 'For buyers.',
        body: 'Public words.',
        status: 'published',
        audience: 'client_facing',
        authors: [{ userId: users.author, role: 'author', share: 1 }],
      });
    expect(sheet.status).toBe(201);
    const link = await hub.api
      .post(`/api/content/${sheet.body.id}/share-links`)
      .set(bearer(tokens.dealOwner))
      .send({ opportunityId: DEALS[0]!.id });
    expect(link.status).toBe(201);
    shareToken = (link.body.url as string).split('/').pop() as string;
    const wl = await hub.db.db
      .selectFrom('content_items')
      .select('id')
      .where('content_type', '=', 'win_loss_analysis')
      .where('status', '=', 'published')
      .limit(1)
      .executeTakeFirstOrThrow();
    winLossId = wl.id;
    await hub.relay.drain();
    await hub.searchLog.flush();
    // Past the flow facts' settling delay, so the reports fold the events above.
    await new Promise((r) => setTimeout(r, 2_100));
  }, 300_000);
  afterAll(() => hub.stop());

  /** What each role may see: markers, item ids, deal names and ids, amounts. */
  function forbidden(role: Role): { label: string; test: (text: string) => boolean }[] {
    if (role === 'admin') return [];
    const seesItem = { C: role === 'author', T: role === 'author' || role === 'dealOwner', D: role === 'author' };
    const out: { label: string; test: (text: string) => boolean }[] = [];
    for (const key of ['C', 'T', 'D'] as const) {
      if (seesItem[key]) continue;
      out.push({ label: `item ${key} marker ${MARKERS[key]}`, test: (t) => t.includes(MARKERS[key]) });
      out.push({ label: `item ${key} id`, test: (t) => t.includes(items[key]) });
    }
    if (role !== 'dealOwner') {
      out.push({ label: `deal marker ${MARKERS.deal}`, test: (t) => t.includes(MARKERS.deal) });
      out.push({ label: 'deal amount', test: (t) => amountPattern.test(t) });
    }
    return out;
  }

  function pathValues(name: string): string[] {
    if (name === 'id') return [items.C, items.T, items.D, items.P, ...DEALS.map((d) => d.id), winLossId, users.author];
    if (name === 'userId') return Object.values(users);
    if (name === 'token') return [shareToken];
    throw new Error(`No values for the path parameter "${name}": add them to pathValues in test/leak-walk.test.ts`);
  }

  it('when the amount pattern meets prices and ids, then it finds the amounts and nothing else', () => {
    for (const text of ['"amount":987654.32', 'x,987654,y', '"wonAmount":1111111.1099999999', '987,654 EUR', '"-123456"'])
      expect({ text, found: amountPattern.test(text) }).toEqual({ text, found: true });
    for (const text of ['ci-0a1b2c3d-4e5f-4a6b-8c7d-a1234567fedc', 'khub_demo_x987654y', '19876543', '9876543.2'])
      expect({ text, found: amountPattern.test(text) }).toEqual({ text, found: false });
  });

  it('when every GET route is called as each role, then no body holds a marker the role may not see, and every route can be called', async () => {
    const doc = (await hub.api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    const gets = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.get ? [{ path, op: ops.get }] : []));
    expect(gets.length).toBeGreaterThan(25);
    const leaks: string[] = [];
    const uncallable: string[] = [];
    let calls = 0;

    for (const { path, op } of gets) {
      const params = op.parameters ?? [];
      // From the path itself too: a public route may take its parameter without declaring it.
      const pathParams = [
        ...new Set([
          ...params.filter((p) => p.in === 'path').map((p) => p.name),
          ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
        ]),
      ];
      for (const p of params.filter((x) => x.in === 'query' && x.required)) {
        if (!(p.name in QUERY_VALUES))
          throw new Error(`GET ${path}: no value for the required query parameter "${p.name}": add it to QUERY_VALUES`);
      }
      const known = params.filter((p) => p.in === 'query' && p.name in QUERY_VALUES);
      const required = known.filter((p) => p.required);
      // All the values the table has, and only the required ones (a topic filter hides other deals).
      const queries = [
        ...new Set([known, required].map((ps) => new URLSearchParams(ps.map((p) => [p.name, QUERY_VALUES[p.name] as string])).toString())),
      ];
      let paths = [path];
      for (const name of pathParams)
        paths = paths.flatMap((p) => pathValues(name).map((v) => p.replace(`{${name}}`, encodeURIComponent(v))));
      let adminOk = false;

      for (const role of Object.keys(tokens) as Role[]) {
        const rules = forbidden(role);
        let callable = false;
        for (const concrete of paths) {
          for (const query of queries) {
            const target = query ? `${concrete}?${query}` : concrete;
            const res = await hub.api.get(target).set(bearer(tokens[role]));
            calls++;
            const where = `${role} GET ${target} → ${res.status}`;
            if (res.status >= 500 || res.status === 401) uncallable.push(where);
            if (res.status !== 400) callable = true;
            if (role === 'admin' && res.status === 200) adminOk = true;
            const type = String(res.headers['content-type'] ?? '');
            if (res.status === 200 && !type.startsWith('application/json') && !NON_JSON.has(`GET ${path}`))
              uncallable.push(`${where}: answered ${type}, not JSON`);
            for (const rule of rules) if (rule.test(res.text)) leaks.push(`${where} shows ${rule.label}`);
          }
        }
        if (!callable) uncallable.push(`${role} GET ${path}: every call was 400 (a query parameter value is missing from QUERY_VALUES?)`);
      }
      if (!adminOk) uncallable.push(`GET ${path}: no call answered 200 even for the admin, so the route was never really walked`);
    }
    expect(calls).toBeGreaterThan(300);
    expect(uncallable).toEqual([]);
    expect(leaks).toEqual([]);
  }, 600_000);

  it('when the plants are asked for directly, then the policy behind the walk holds: 404 for items and deals the role may not see, the amount for the owner only', async () => {
    // The walk only proves something if the markers are there to find for those who may see them.
    expect((await hub.api.get(`/api/content/${items.C}`).set(bearer(tokens.author))).body.title).toContain(MARKERS.C);
    expect((await hub.api.get(`/api/content/${items.C}`).set(bearer(tokens.itemTeamLeader))).status).toBe(404);
    expect((await hub.api.get(`/api/content/${items.T}`).set(bearer(tokens.dealOwner))).status).toBe(200);
    expect((await hub.api.get(`/api/opportunities/${DEALS[0]!.id}`).set(bearer(tokens.otherRep))).status).toBe(404);
    expect((await hub.api.get(`/api/opportunities/${DEALS[0]!.id}`).set(bearer(tokens.author))).status).toBe(404);
    expect((await hub.api.get(`/api/opportunities/${DEALS[0]!.id}`).set(bearer(tokens.dealOwner))).body.amount).toBe(987654.32);
    // The sum is there for those who may see it: the deal owner finds the expert with both deals.
    const experts = await hub.api.get('/api/experts?competitor=Yakvane').set(bearer(tokens.dealOwner));
    expect(experts.body.experts.find((e: { userId: string }) => e.userId === users.author)).toMatchObject({
      wonDeals: 2,
      wonAmount: 1111111.11,
    });
    const asAdmin = await hub.api.get('/api/experts?competitor=Yakvane').set(bearer(ADMIN_TOKEN));
    expect(JSON.stringify(asAdmin.body)).toContain(MARKERS.deal);
    expect(JSON.stringify(asAdmin.body)).toContain(items.C);
  });
});
