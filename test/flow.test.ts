import { sql } from 'kysely';
import { createFlowFacts } from '../server/flow/facts';
import { inQuarterEnd } from '../server/flow/metrics';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/**
 * A small hand-computed fixture. Teams Alpha (auth-a1, auth-a2, rep-a, lead-a) and Beta
 * (auth-b1, rep-b, lead-b). The metrics period is 2026-01-01 … 2026-04-01 (90 days; the last two
 * weeks of Q1 are Mar 18–31 = 14 days, the rest 76).
 *
 *   I1 situational, Snowcrest/Insurance, owner auth-a1 (share 1),            published 2026-01-10
 *   I2 capability, Lakehouse Core, owner auth-a1 (0.5) + auth-a2 (0.5), verify every 30 days, published 2026-03-20
 *   I3 situational, Snowcrest, owner auth-b1 (1),                            published 2025-06-01
 *   I4 capability, Snowcrest, owner auth-a2 (1), confidential to auth-a2, expired 2025-12-01, published 2025-01-01
 *
 *   O1 open  Beta  (rep-b) 100  Snowcrest, Insurance, Lakehouse Core
 *   O2 open  Alpha (rep-a) 200  Glacier, Retail, Forecast AI
 *   O3 won   Alpha (rep-a) 1000 created 2026-01-01, closed 2026-03-01
 *   O4 lost  Beta  (rep-b) 50
 */
const PERIOD = 'from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z';
const base = { summary: 'Summary.', body: 'Body.', status: 'published' };

describe.each(databases())('knowledge flow on $name', ({ url }) => {
  let hub: TestHub;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let seq = 0;

  const event = (actor: string, type: string, item: string, at: string, opportunityId: string | null = null) =>
    hub.db.db
      .insertInto('usage_events')
      .values({
        event_id: `ev-${++seq}`,
        actor_id: actor,
        idempotency_key: `k-${seq}`,
        request_hash: 'h',
        type,
        content_id: ids[item] as string,
        opportunity_id: opportunityId,
        note: null,
        at,
      })
      .execute();
  const opportunity = (
    id: string,
    owner: string,
    amount: number,
    state: { closed: boolean; won: boolean; close: string; created: string },
    tags: { competitors: string[]; industry: string; products: string[] },
  ) =>
    hub.db.db
      .insertInto('opportunities')
      .values({
        id,
        name: `Deal ${id}`,
        account_name: `Account ${id}`,
        industry: tags.industry,
        segment: null,
        region: null,
        amount,
        currency: 'EUR',
        stage: state.closed ? 'Closed' : 'Proposal',
        close_date: state.close,
        is_closed: state.closed ? 1 : 0,
        is_won: state.won ? 1 : 0,
        products: JSON.stringify(tags.products.map((name) => ({ name, family: 'F' }))),
        competitors: JSON.stringify(tags.competitors),
        contact_roles: '[]',
        owner_id: owner,
        description: null,
        created_at: state.created,
        updated_at: state.created,
      })
      .execute();

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_CORPORATE_CURRENCY: 'EUR' } }); // the deals below are in EUR
    tok.leadA = await hub.user('lead-a', 'leader', 'Alpha', { leadsTeams: ['Alpha'] });
    tok.leadB = await hub.user('lead-b', 'leader', 'Beta', { leadsTeams: ['Beta'] });
    tok.a1 = await hub.user('auth-a1', 'author', 'Alpha');
    tok.a2 = await hub.user('auth-a2', 'author', 'Alpha');
    tok.b1 = await hub.user('auth-b1', 'author', 'Beta');
    tok.repA = await hub.user('rep-a', 'rep', 'Alpha');
    tok.repB = await hub.user('rep-b', 'rep', 'Beta');
    const make = async (
      key: string,
      published: string,
      item: Record<string, unknown>,
      extra: { verify_every_days?: number | null } = {},
    ) => {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(ADMIN_TOKEN))
        .send({ ...base, ...item });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
      await hub.db.db
        .updateTable('content_items')
        .set({ published_at: published, verified_at: null, verify_every_days: null, ...extra })
        .where('id', '=', res.body.id)
        .execute();
    };
    await make('I1', '2026-01-10T00:00:00.000Z', {
      kind: 'situational',
      contentType: 'deal_story',
      title: 'Beating Snowcrest at an insurer',
      competitors: ['Snowcrest'],
      industries: ['Insurance'],
      authors: [{ userId: 'auth-a1', role: 'author', share: 1 }],
    });
    await make(
      'I2',
      '2026-03-20T00:00:00.000Z',
      {
        kind: 'capability',
        contentType: 'product_sheet',
        title: 'Lakehouse Core sheet',
        products: ['Lakehouse Core'],
        authors: [
          { userId: 'auth-a1', role: 'author', share: 0.5 },
          { userId: 'auth-a2', role: 'co_author', share: 0.5 },
        ],
      },
      { verify_every_days: 30 },
    );
    await make('I3', '2025-06-01T00:00:00.000Z', {
      kind: 'situational',
      contentType: 'deal_story',
      title: 'Snowcrest displacement story',
      competitors: ['Snowcrest'],
      authors: [{ userId: 'auth-b1', role: 'author', share: 1 }],
    });
    await make('I4', '2025-01-01T00:00:00.000Z', {
      kind: 'capability',
      contentType: 'faq',
      title: 'Snowcrest migration FAQ',
      competitors: ['Snowcrest'],
      expiresAt: '2025-12-01T00:00:00Z',
      visibility: { scope: 'confidential', users: ['auth-a2'] },
      authors: [{ userId: 'auth-a2', role: 'author', share: 1 }],
    });
    await hub.relay.drain();

    await opportunity(
      'O1',
      'rep-b',
      100,
      { closed: false, won: false, close: '2026-12-01', created: '2025-10-01T00:00:00.000Z' },
      { competitors: ['Snowcrest'], industry: 'Insurance', products: ['Lakehouse Core'] },
    );
    await opportunity(
      'O2',
      'rep-a',
      200,
      { closed: false, won: false, close: '2026-12-01', created: '2025-10-01T00:00:00.000Z' },
      { competitors: ['Glacier'], industry: 'Retail', products: ['Forecast AI'] },
    );
    await opportunity(
      'O3',
      'rep-a',
      1000,
      { closed: true, won: true, close: '2026-03-01', created: '2026-01-01T00:00:00.000Z' },
      { competitors: [], industry: 'Banking', products: [] },
    );
    await opportunity(
      'O4',
      'rep-b',
      50,
      { closed: true, won: false, close: '2025-11-15', created: '2025-09-01T00:00:00.000Z' },
      { competitors: [], industry: 'Banking', products: [] },
    );

    await event('rep-b', 'attach', 'I1', '2026-01-13T00:00:00.000Z', 'O1'); // e1: reuse of I1 by Beta, 3 days after publishing
    await event('rep-a', 'view', 'I1', '2026-01-20T00:00:00.000Z'); // e2: O3's owner views I1 while O3 is open
    await event('auth-a1', 'helpful', 'I1', '2026-01-21T00:00:00.000Z'); // e3: the author's own mark: not reuse
    await event('rep-a', 'share_internal', 'I2', '2026-03-25T00:00:00.000Z'); // e4: reuse of I2, 5 days after publishing
    await event('auth-b1', 'view', 'I2', '2026-03-26T00:00:00.000Z'); // e5: Beta uses an Alpha item
    await event('rep-a', 'helpful', 'I3', '2026-02-01T00:00:00.000Z'); // e6: Alpha reuses a Beta item
    await event('rep-b', 'view', 'I3', '2025-12-01T00:00:00.000Z'); // e7: before the period
    await event('rep-a', 'flag_outdated', 'I4', '2026-02-10T00:00:00.000Z'); // e8: participating, not a use
    await event('rep-a', 'attach', 'I3', '2026-02-15T00:00:00.000Z', 'O3'); // e9: I3 attached to the won deal
    await event('rep-b', 'attach', 'I4', '2025-11-01T00:00:00.000Z', 'O4'); // e11: old reuse of I4 on a lost deal
    await event('rep-b', 'view', 'I3', new Date(Date.now() - 86_400_000).toISOString()); // e10: I3 is in use today

    // Searches: rep-a twice with no result, rep-a once without a click, auth-b1 once with a click.
    expect((await hub.api.get('/api/search?q=zebra%20quantum').set(bearer(tok.repA as string))).body.total).toBe(0);
    expect((await hub.api.get('/api/search?q=%20%20Zebra%20%20%20Quantum%20').set(bearer(tok.repA as string))).body.total).toBe(0);
    expect((await hub.api.get('/api/search?q=Snowcrest').set(bearer(tok.repA as string))).body.total).toBe(2);
    expect((await hub.api.get('/api/search?q=snowcrest').set(bearer(tok.b1 as string))).body.total).toBe(2);
    await hub.searchLog.flush();
    const view = await hub.api
      .post('/api/events')
      .set(bearer(tok.b1 as string))
      .set('Idempotency-Key', 'flow-click-1')
      .send({ type: 'view', contentId: ids.I3 });
    expect(view.status).toBe(201);
  });
  afterAll(() => hub.stop());

  const get = (path: string, token: string) => hub.api.get(path).set(bearer(token));

  describe('search log', () => {
    it('when searches are flushed, then each is logged with its normalised query, total, role and hits', async () => {
      const rows = await hub.db.db.selectFrom('search_log').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.query, r.total, r.actor_id, r.actor_role])).toEqual([
        ['zebra quantum', 0, 'rep-a', 'rep'],
        ['zebra quantum', 0, 'rep-a', 'rep'],
        ['snowcrest', 2, 'rep-a', 'rep'],
        ['snowcrest', 2, 'auth-b1', 'author'],
      ]);
      expect(JSON.parse(rows[2]?.hit_ids as string).sort()).toEqual([ids.I1, ids.I3].sort());
    });

    it('when the per-item counters are recounted from the log, then they equal the incremental ones', async () => {
      const fromScratch = new Map<string, number>();
      for (const r of await hub.db.db.selectFrom('search_log').select('hit_ids').execute())
        for (const id of JSON.parse(r.hit_ids) as string[]) fromScratch.set(id, (fromScratch.get(id) ?? 0) + 1);
      await createFlowFacts({ db: hub.db.db, dialect: hub.db.dialect }).refresh();
      const incremental = await hub.db.db.selectFrom('content_search_hits').select(['content_id', 'times_returned']).execute();
      expect(new Map(incremental.map((r) => [r.content_id, Number(r.times_returned)]))).toEqual(fromScratch);
      // I1 and I3 were returned by the two "snowcrest" searches.
      expect(fromScratch.get(ids.I1 as string)).toBe(2);
    });
  });

  describe('metrics', () => {
    it('when the period is the current quarter, then the quarter-end comparison counts only days that have begun (no zeros for the future)', async () => {
      const now = new Date();
      const q = Math.floor(now.getUTCMonth() / 3) * 3;
      const from = new Date(Date.UTC(now.getUTCFullYear(), q, 1));
      const to = new Date(Date.UTC(now.getUTCFullYear(), q + 3, 1));
      const res = await get(`/api/flow/metrics?from=${from.toISOString()}&to=${to.toISOString()}`, ADMIN_TOKEN);
      expect(res.status).toBe(200);
      let last = 0;
      let rest = 0;
      for (let t = from.getTime(); t < now.getTime(); t += 86_400_000) {
        if (inQuarterEnd(new Date(t))) last++;
        else rest++;
      }
      const quarterEnd = res.body.overall.quarterEnd;
      expect([quarterEnd.lastTwoWeeksDays, quarterEnd.restDays]).toEqual([last, rest]);
      if (last === 0) expect(quarterEnd).toMatchObject({ lastTwoWeeksPerDay: null, ratio: null });
    });

    it('when an admin asks for the period, then every figure matches the hand computation', async () => {
      const res = await get(`/api/flow/metrics?${PERIOD}`, ADMIN_TOKEN);
      expect(res.status).toBe(200);
      const alpha = res.body.teams.find((t: { team: string }) => t.team === 'Alpha');
      const beta = res.body.teams.find((t: { team: string }) => t.team === 'Beta');
      expect(res.body.teams.map((t: { team: string }) => t.team)).toEqual(['Alpha', 'Beta']);
      expect(alpha).toEqual({
        team: 'Alpha',
        publishedItems: 3, // I1, I2, I4
        reusedItems: 2, // I1 (e1), I2 (e4)
        reuseShare: 0.6667, // 2 / 3
        publishedInPeriod: 2, // I1, I2
        reusedSincePublish: 2,
        medianDaysToFirstReuse: 4, // median(3, 5)
        openOpportunities: 1, // O2
        openWithAttachment: 0,
        attachShare: 0, // 0 / 1
        crossTeamItems: 2, // I1 (e1 by Beta), I2 (e5 by Beta)
        crossTeamUses: 2,
        crossTeamShare: 0.6667, // 2 / 3
        influencedItems: 1, // I1: viewed by O3's owner while O3 was open
        influencedWonDeals: 1,
        influencedWonAmount: 1000,
        influencedWonAmountBand: 'under 50k',
        // sharing e4; participating e2 e3 e6 e8 e9; contributing I1 (1) + I2 (0.5 + 0.5); active rep-a, auth-a1; members lead-a, auth-a1, auth-a2, rep-a
        engagement: { sharing: 1, participating: 5, contributing: 2, activePeople: 2, members: 4 },
        // quarter end: I2 (1.0) on Mar 20 → 1 / 14 = 0.0714; rest: I1 (1.0) → 1 / 76 = 0.0132; ratio 76 / 14 = 5.4286
        quarterEnd: { lastTwoWeeksDays: 14, restDays: 76, lastTwoWeeksPerDay: 0.0714, restPerDay: 0.0132, ratio: 5.4286 },
      });
      expect(beta).toEqual({
        team: 'Beta',
        publishedItems: 1, // I3
        reusedItems: 1, // I3 (e6, e9)
        reuseShare: 1,
        publishedInPeriod: 0,
        reusedSincePublish: 0,
        medianDaysToFirstReuse: null,
        openOpportunities: 1, // O1
        openWithAttachment: 1, // e1
        attachShare: 1,
        crossTeamItems: 1, // I3
        crossTeamUses: 2, // e6, e9 by Alpha
        crossTeamShare: 1,
        influencedItems: 1, // I3 attached to O3
        influencedWonDeals: 1,
        influencedWonAmount: 1000,
        influencedWonAmountBand: 'under 50k',
        engagement: { sharing: 0, participating: 2, contributing: 0, activePeople: 2, members: 3 }, // e1 e5; rep-b, auth-b1; lead-b, auth-b1, rep-b
        quarterEnd: { lastTwoWeeksDays: 14, restDays: 76, lastTwoWeeksPerDay: 0, restPerDay: 0, ratio: null },
      });
      expect(res.body.overall).toMatchObject({
        team: null,
        publishedItems: 4,
        reusedItems: 3,
        reuseShare: 0.75, // 3 / 4
        medianDaysToFirstReuse: 4,
        openOpportunities: 2,
        openWithAttachment: 1,
        attachShare: 0.5, // 1 / 2
        crossTeamItems: 3,
        crossTeamUses: 4,
        influencedItems: 2,
        influencedWonDeals: 1, // both influenced the same deal: counted once
        influencedWonAmount: 1000,
        engagement: { sharing: 1, participating: 7, contributing: 2, activePeople: 4, members: 7 },
      });
      expect(res.body.influence).toMatchObject({ wonDeals: 1, wonAmount: 1000, influencedDeals: 1, influencedAmount: 1000 });
      expect(res.body.influence.topItems.map((i: { id: string; wonAmount: number }) => [i.id, i.wonAmount]).sort()).toEqual(
        [
          [ids.I1, 1000],
          [ids.I3, 1000],
        ].sort(),
      );
    });

    it('when a leader asks, then only the teams they lead are counted, and only the items they may open', async () => {
      const res = await get(`/api/flow/metrics?${PERIOD}`, tok.leadA as string);
      expect(res.status).toBe(200);
      expect(res.body.teams.map((t: { team: string }) => t.team)).toEqual(['Alpha']);
      // I4 is confidential to auth-a2: lead-a gets 404 for it, so it counts nowhere in their figures.
      expect((await get(`/api/content/${ids.I4}`, tok.leadA as string)).status).toBe(404);
      expect(res.body.overall).toMatchObject({ publishedItems: 2, reusedItems: 2, crossTeamUses: 2, influencedItems: 1 });
      expect(res.body.influence.topItems.map((i: { id: string }) => i.id)).toEqual([ids.I1]);
      expect((await get(`/api/flow/metrics?${PERIOD}&team=Beta`, tok.leadA as string)).status).toBe(403);
    });

    it('when a leader asks, then deals of teams they may not see are neither counted nor summed, and only items they may open are named', async () => {
      // I3 (Beta) was attached to O3, a deal of Alpha's: lead-b may not see O3, so Beta influenced nothing they can see.
      const res = await get(`/api/flow/metrics?${PERIOD}`, tok.leadB as string);
      expect(res.status).toBe(200);
      expect(res.body.teams.find((t: { team: string }) => t.team === 'Beta')).toMatchObject({
        influencedItems: 0,
        influencedWonDeals: 0,
        influencedWonAmount: 0,
        influencedWonAmountBand: null,
      });
      expect(res.body.influence).toMatchObject({ influencedDeals: 0, influencedAmount: 0, topItems: [] });
      expect(JSON.stringify(res.body)).not.toMatch(/1000/);
      // lead-a leads Alpha, O3's team: the amounts are theirs to see.
      const alpha = await get(`/api/flow/metrics?${PERIOD}`, tok.leadA as string);
      expect(alpha.body.influence).toMatchObject({ wonDeals: 1, wonAmount: 1000, influencedDeals: 1, influencedAmount: 1000 });
    });

    it('when a rep or an author asks for a flow report, then it is refused', async () => {
      for (const path of ['/api/flow/metrics', '/api/flow/gaps/searches', '/api/flow/gaps/pipeline', '/api/flow/dead-content']) {
        expect((await get(path, tok.repA as string)).status).toBe(403);
        expect((await get(path, tok.a1 as string)).status).toBe(403);
      }
    });
  });

  describe('dead content', () => {
    it('when an admin asks, then unused, unfound, restricted, overdue and expired items are grouped by owner with their actions', async () => {
      const res = await get('/api/flow/dead-content?days=90', ADMIN_TOKEN);
      expect(res.status).toBe(200);
      // I1 unused; I2 unused, never found, overdue; I4 unused, never found, restricted, expired. I3 is in use (e10).
      expect(res.body.totals).toEqual({
        items: 3,
        unused: 3,
        never_found: 2,
        restricted: 1,
        verification_overdue: 1,
        expired: 1,
        archiveSuggestions: 2,
      });
      expect(res.body.teams).toEqual([{ team: 'Alpha', items: 3 }]);
      expect(res.body.owners.map((o: { ownerId: string; count: number }) => [o.ownerId, o.count])).toEqual([
        ['auth-a1', 2],
        ['auth-a2', 1],
      ]);
      const items = new Map(res.body.owners.flatMap((o: { items: { id: string }[] }) => o.items).map((i: { id: string }) => [i.id, i]));
      expect(items.get(ids.I1)).toMatchObject({
        reasons: ['unused'],
        suggestArchive: false,
        actions: [
          { action: 'archive', method: 'POST', path: `/api/content/${ids.I1}/archive` },
          { action: 'nudge_owner', method: 'POST', path: `/api/content/${ids.I1}/nudge` },
        ],
      });
      expect(items.get(ids.I2)).toMatchObject({ reasons: ['unused', 'never_found', 'verification_overdue'], suggestArchive: true });
      expect(items.get(ids.I4)).toMatchObject({
        reasons: ['unused', 'never_found', 'restricted', 'expired'],
        suggestArchive: true,
        actions: [
          { action: 'verify', method: 'POST', path: `/api/content/${ids.I4}/verify` },
          { action: 'widen_visibility', method: 'PATCH', path: `/api/content/${ids.I4}` },
          { action: 'archive', method: 'POST', path: `/api/content/${ids.I4}/archive` },
          { action: 'nudge_owner', method: 'POST', path: `/api/content/${ids.I4}/nudge` },
        ],
      });
      // Suggestions only: nothing was archived.
      const statuses = await hub.db.db.selectFrom('content_items').select('status').execute();
      expect(statuses.every((s) => s.status === 'published')).toBe(true);
    });

    it('when a leader asks, then items of their teams they may not open are neither listed nor counted', async () => {
      // I4 is confidential to auth-a2: lead-a leads Alpha but gets 404 for it.
      expect((await get(`/api/content/${ids.I4}`, tok.leadA as string)).status).toBe(404);
      const res = await get('/api/flow/dead-content?days=90', tok.leadA as string);
      expect(res.status).toBe(200);
      expect(res.body.totals).toEqual({
        items: 2,
        unused: 2,
        never_found: 1,
        restricted: 0,
        verification_overdue: 1,
        expired: 0,
        archiveSuggestions: 1,
      });
      expect(JSON.stringify(res.body)).not.toContain(ids.I4);
      expect(JSON.stringify(res.body)).not.toContain('Snowcrest migration FAQ');
    });

    it('when a leader who did not write an item asks, then only the actions they may take are offered (archive, not verify)', async () => {
      const res = await get('/api/flow/dead-content?days=90', tok.leadA as string);
      const items = new Map(res.body.owners.flatMap((o: { items: { id: string }[] }) => o.items).map((i: { id: string }) => [i.id, i]));
      // I2 is overdue for verification: the owner may verify it, a leader may only archive it.
      // What they cannot fix themselves they can ask the owner to look at (a notification).
      expect((items.get(ids.I2) as { actions: { action: string }[] }).actions.map((a) => a.action)).toEqual(['archive', 'nudge_owner']);
      expect(
        (
          await hub.api
            .post(`/api/content/${ids.I2}/verify`)
            .set(bearer(tok.leadA as string))
            .send({})
        ).status,
      ).toBe(403);
      const owner = await get('/api/flow/dead-content?mine=1', tok.a1 as string);
      const own = owner.body.owners[0].items.find((i: { id: string }) => i.id === ids.I2);
      expect(own.actions.map((a: { action: string }) => a.action)).toEqual(['verify', 'archive']);
    });

    it('when a leader nudges the owner about a dead item, then the owner is told why, once a day; nobody nudges what they cannot see', async () => {
      const nudge = (token: string, id: string, body: object) => hub.api.post(`/api/content/${id}/nudge`).set(bearer(token)).send(body);
      const first = await nudge(tok.leadA as string, ids.I2 as string, {
        reasons: ['verification_overdue'],
        note: 'pricing changed in May',
      });
      expect(first.status).toBe(200);
      expect(first.body.notified).toBeGreaterThan(0);
      expect((await nudge(tok.leadA as string, ids.I2 as string, { reasons: ['verification_overdue'] })).status).toBe(200);
      const inbox = await get('/api/me/notifications', tok.a1 as string);
      const nudges = (inbox.body.notifications as { kind: string; message: string; contentId: string }[]).filter(
        (n) => n.kind === 'nudged' && n.contentId === ids.I2,
      );
      expect(nudges).toHaveLength(1);
      expect(nudges[0]!.message).toMatch(/verification is overdue.*pricing changed in May/);
      expect((await nudge(tok.leadA as string, ids.I2 as string, { reasons: [] })).status).toBe(400);
      expect((await nudge(tok.leadA as string, ids.I2 as string, { reasons: ['bored'] })).status).toBe(400);
      expect((await nudge(tok.repA as string, ids.I2 as string, { reasons: ['unused'] })).status).toBe(403);
      expect((await nudge(tok.leadA as string, 'no-such-item', { reasons: ['unused'] })).status).toBe(404);
    });

    it('when a leader of another team asks, then none of these items are shown', async () => {
      const res = await get('/api/flow/dead-content', tok.leadB as string);
      expect(res.status).toBe(200);
      expect(res.body.totals.items).toBe(0);
    });

    it('when an owner asks for their own items, then they see only those, whatever their role', async () => {
      const res = await get('/api/flow/dead-content?mine=1', tok.a2 as string);
      expect(res.status).toBe(200);
      expect(res.body.owners.map((o: { ownerId: string }) => o.ownerId)).toEqual(['auth-a2']);
      expect(res.body.owners[0].items.map((i: { id: string }) => i.id)).toEqual([ids.I4]);
      expect((await get('/api/flow/dead-content?mine=1', tok.repA as string)).body.totals.items).toBe(0);
    });
  });

  describe('gaps', () => {
    it('when searches found nothing or were not followed by a view, then they are grouped by normalised query with the roles', async () => {
      const res = await get('/api/flow/gaps/searches', ADMIN_TOKEN);
      expect(res.status).toBe(200);
      // auth-b1 viewed I3 within 10 minutes of their search: a click; rep-a's was not followed by one.
      expect(res.body.gaps.map(({ lastSearchedAt: _l, ...g }: { lastSearchedAt: string }) => g)).toEqual([
        { query: 'zebra quantum', searches: 2, noResults: 2, noClick: 0, roles: { rep: 2 } },
        { query: 'snowcrest', searches: 2, noResults: 0, noClick: 1, roles: { rep: 1, author: 1 } },
      ]);
      const beta = await get('/api/flow/gaps/searches', tok.leadB as string);
      expect(beta.body.gaps).toEqual([]);
    });

    it('when open deals name things no fresh knowledge covers, then they are weighted by amount', async () => {
      const res = await get('/api/flow/gaps/pipeline', ADMIN_TOKEN);
      expect(res.status).toBe(200);
      expect(res.body.openOpportunities).toBe(2);
      // Snowcrest and Insurance are covered by I1; Lakehouse Core only by I2, which is overdue.
      expect(
        res.body.gaps.map((g: { dimension: string; value: string; weight: number; deals: number }) => [
          g.dimension,
          g.value,
          g.weight,
          g.deals,
        ]),
      ).toEqual([
        ['competitor', 'Glacier', 200, 1],
        ['industry', 'Retail', 200, 1],
        ['product', 'Forecast AI', 200, 1],
        ['product', 'Lakehouse Core', 100, 1],
      ]);
      expect(res.body.gaps[3].opportunities).toEqual([{ id: 'O1', name: 'Deal O1', amount: 100, ownerId: 'rep-b' }]);
      const alpha = await get('/api/flow/gaps/pipeline', tok.leadA as string);
      expect(alpha.body.gaps.map((g: { value: string }) => g.value)).toEqual(['Glacier', 'Retail', 'Forecast AI']);
    });

    it('when an admin turns a gap into a request, then the assignee sees it and others do not', async () => {
      const created = await hub.api
        .post('/api/flow/content-requests')
        .set(bearer(ADMIN_TOKEN))
        .send({ query: 'zebra quantum', assignee: 'auth-b1', note: 'Two reps searched' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ query: 'zebra quantum', assignee: 'auth-b1', createdBy: 'hub-admin', status: 'open' });
      expect(
        (
          await hub.api
            .post('/api/flow/content-requests')
            .set(bearer(tok.leadA as string))
            .send({ query: 'x', assignee: 'auth-b1' })
        ).status,
      ).toBe(403);
      expect((await get('/api/flow/content-requests', tok.b1 as string)).body.requests.map((r: { id: string }) => r.id)).toEqual([
        created.body.id,
      ]);
      expect((await get('/api/flow/content-requests', tok.a1 as string)).body.requests).toEqual([]);
      const done = await hub.api.post(`/api/flow/content-requests/${created.body.id}/done`).set(bearer(tok.b1 as string));
      expect(done.body.status).toBe('done');
    });
  });

  describe('precomputed facts', () => {
    const snapshot = async () => ({
      facts: await hub.db.db.selectFrom('flow_event_facts').selectAll().orderBy('event_id').execute(),
      stats: await hub.db.db.selectFrom('flow_item_stats').selectAll().orderBy('content_id').execute(),
      days: await hub.db.db.selectFrom('flow_daily_people').selectAll().orderBy('day').orderBy('actor_id').execute(),
    });

    it('when the facts grown request by request are rebuilt from scratch one event at a time, then they are identical', async () => {
      // Past the facts' 2 s settling delay for the last event of beforeAll: otherwise the rebuild,
      // running later, folds an event the incremental refresh still held back (a timing race).
      const last = await hub.db.db
        .selectFrom('usage_events')
        .select((eb) => eb.fn.max('at').as('at'))
        .executeTakeFirst();
      const wait = Date.parse(String(last?.at)) + 2_100 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await get(`/api/flow/metrics?${PERIOD}`, ADMIN_TOKEN);
      const incremental = await snapshot();
      expect(incremental.facts.length).toBeGreaterThanOrEqual(11);
      await createFlowFacts({ db: hub.db.db, dialect: hub.db.dialect, batchSize: 1 }).rebuild();
      expect(await snapshot()).toEqual(incremental);
    });

    it('when the item stats are compared with a direct query over the events, then they agree', async () => {
      const { rows } = await sql<{ content_id: string; n: unknown; first_at: string | null }>`
        SELECT e.content_id, COUNT(*) AS n, MIN(e.at) AS first_at FROM usage_events e JOIN content_items c ON c.id = e.content_id
        WHERE e.type IN ('attach', 'derive', 'helpful', 'share_internal', 'share_external') AND e.actor_id <> c.owner_id
          AND NOT EXISTS (SELECT 1 FROM content_authors a WHERE a.content_id = e.content_id AND a.user_id = e.actor_id)
        GROUP BY e.content_id`.execute(hub.db.db);
      const stats = await hub.db.db.selectFrom('flow_item_stats').selectAll().where('reuse_count', '>', 0).execute();
      expect(new Map(stats.map((s) => [s.content_id, [Number(s.reuse_count), s.first_reuse_at]]))).toEqual(
        new Map(rows.map((r) => [r.content_id, [Number(r.n), r.first_at]])),
      );
      // I1: e1; I2: e4; I3: e6, e9; I4: e11.
      expect(rows.map((r) => Number(r.n)).sort()).toEqual([1, 1, 1, 2]);
    });
  });

  describe('experts', () => {
    it('when an admin asks about a competitor, then reused authors come ranked by won deals with the evidence', async () => {
      const res = await get('/api/experts?competitor=snowcrest', ADMIN_TOKEN);
      expect(res.status).toBe(200);
      // auth-b1: I3 reused twice (e6, e9), attached to won O3; auth-a1: I1 reused once (e1), viewed by O3's owner; auth-a2: I4 reused once, no win.
      expect(
        res.body.experts.map((e: { userId: string; reuseCount: number; wonDeals: number; wonAmount: number }) => [
          e.userId,
          e.reuseCount,
          e.wonDeals,
          e.wonAmount,
        ]),
      ).toEqual([
        ['auth-b1', 2, 1, 1000],
        ['auth-a1', 1, 1, 1000],
        ['auth-a2', 1, 0, 0],
      ]);
      expect(res.body.experts[0]).toMatchObject({
        name: 'auth b1',
        team: 'Beta',
        items: [{ id: ids.I3, reuseCount: 2, wonDeals: [{ id: 'O3', name: 'Deal O3', amount: 1000 }] }],
      });
    });

    it('when a rep asks, then items they may not see are neither named nor counted', async () => {
      const res = await get('/api/experts?competitor=Snowcrest', tok.repA as string);
      expect(res.body.experts.map((e: { userId: string }) => e.userId)).toEqual(['auth-b1', 'auth-a1']);
      const text = await get('/api/experts?q=Snowcrest', tok.repA as string);
      expect(text.status).toBe(200);
      expect(text.body.experts.map((e: { userId: string }) => e.userId)).toEqual(['auth-b1', 'auth-a1']);
      expect(JSON.stringify(text.body)).not.toContain(ids.I4);
    });

    it('when a rep asks, then won deals they may not see are neither named nor counted, and amounts they may not see are bands', async () => {
      // rep-b (Beta) may not see O3 (rep-a's, Alpha): auth-b1's I3 shows no won deal to them.
      const beta = await get('/api/experts?competitor=Snowcrest', tok.repB as string);
      expect(beta.status).toBe(200);
      const b1 = beta.body.experts.find((e: { userId: string }) => e.userId === 'auth-b1');
      expect(b1).toMatchObject({ wonDeals: 0, wonAmount: 0, wonAmountBand: null, items: [{ id: ids.I3, wonDeals: [] }] });
      expect(JSON.stringify(beta.body)).not.toContain('Deal O3');
      expect(JSON.stringify(beta.body)).not.toMatch(/1000/);
      // auth-a2 (Alpha) may see O3 but not its amount: a band instead, in the deal and in the sum.
      const alpha = await get('/api/experts?competitor=Snowcrest', tok.a2 as string);
      const a1 = alpha.body.experts.find((e: { userId: string }) => e.userId === 'auth-a1');
      expect(a1).toMatchObject({
        wonDeals: 1,
        wonAmount: null,
        wonAmountBand: 'under 50k',
        items: [{ id: ids.I1, wonDeals: [{ id: 'O3', name: 'Deal O3', amount: null, amountBand: 'under 50k' }] }],
      });
      expect(JSON.stringify(alpha.body)).not.toMatch(/1000/);
      // rep-a owns O3: the exact amount.
      const owner = await get('/api/experts?competitor=Snowcrest', tok.repA as string);
      expect(owner.body.experts.find((e: { userId: string }) => e.userId === 'auth-a1')).toMatchObject({
        wonAmount: 1000,
        items: [{ wonDeals: [{ amount: 1000 }] }],
      });
    });

    it('when no topic is named, then the request is refused', async () => {
      expect((await get('/api/experts', tok.repA as string)).status).toBe(400);
    });
  });

  describe('won-deal influence pairs', () => {
    // A clock past the settling delay, so the events just written are folded at once.
    const facts = (batchSize?: number) =>
      createFlowFacts({ db: hub.db.db, dialect: hub.db.dialect, batchSize, clock: () => new Date(Date.now() + 60_000) });
    const deal = (id: string, change: { is_closed?: number; is_won?: number; owner_id?: string; close_date?: string; amount?: number }) =>
      hub.db.db.updateTable('opportunities').set(change).where('id', '=', id).execute();
    const kept = async () =>
      (await hub.db.db.selectFrom('flow_influence').selectAll().execute())
        .map((r) => [r.opportunity_id, r.content_id, r.owner_team, r.close_date, r.amount === null ? null : Number(r.amount)])
        .sort((a, b) => String(a).localeCompare(String(b)));
    /** The pairs as the reports computed them before the table: from the events and facts, joined to deals now. */
    const fromScratch = async () => {
      const { rows } = await sql<{
        opportunity_id: string;
        content_id: string;
        team: string | null;
        close_date: string | null;
        amount: number | null;
      }>`
        SELECT o.id AS opportunity_id, x.content_id, u.team, o.close_date, o.amount FROM (
          SELECT e.content_id, o.id AS opp FROM opportunities o CROSS JOIN usage_events e
            WHERE e.opportunity_id = o.id AND o.is_won = 1 AND e.type = 'attach'
          UNION
          SELECT f.content_id, o.id AS opp FROM opportunities o CROSS JOIN flow_event_facts f
            WHERE f.actor_id = o.owner_id AND o.is_won = 1 AND f.type = 'view' AND f.at >= o.created_at AND f.at <= o.close_date || 'T23:59:59.999Z'
        ) x JOIN opportunities o ON o.id = x.opp JOIN content_items c ON c.id = x.content_id LEFT JOIN users u ON u.id = c.owner_id`.execute(
        hub.db.db,
      );
      return rows
        .map((r) => [r.opportunity_id, r.content_id, r.team, r.close_date, r.amount === null ? null : Number(r.amount)])
        .sort((a, b) => String(a).localeCompare(String(b)));
    };
    const pairs = async () => (await kept()).map(([opp, item]) => `${opp}:${Object.keys(ids).find((k) => ids[k] === item)}`).sort();
    const snapshot = async () => ({
      pairs: await hub.db.db.selectFrom('flow_influence').selectAll().orderBy('opportunity_id').orderBy('content_id').execute(),
      deals: await hub.db.db.selectFrom('flow_influence_deals').selectAll().orderBy('opportunity_id').execute(),
    });
    /** Refreshes, then checks the kept pairs against the from-scratch query; returns them as "deal:item". */
    const step = async () => {
      await facts().refresh();
      expect(await kept()).toEqual(await fromScratch());
      return pairs();
    };

    it('when deals and events change in every way that matters, then the kept pairs equal a from-scratch computation after each change, and after a rebuild', async () => {
      // Before: O3 (won, rep-a, Jan 1 – Mar 1) has I1 (viewed by rep-a on Jan 20) and I3 (attached).
      expect(await step()).toEqual(['O3:I1', 'O3:I3']);

      // An open deal of rep-b's (Jan 1 – Feb 28): a view inside its window and an attach count for nothing yet.
      await opportunity(
        'O5',
        'rep-b',
        500,
        { closed: false, won: false, close: '2026-02-28', created: '2026-01-01T00:00:00.000Z' },
        { competitors: [], industry: 'Banking', products: [] },
      );
      await event('rep-b', 'view', 'I2', '2026-01-15T00:00:00.000Z');
      await event('rep-b', 'attach', 'I4', '2026-01-20T00:00:00.000Z', 'O5');
      expect(await step()).toEqual(['O3:I1', 'O3:I3']);

      // Closed won: the view inside the window and the attach count; rep-b's views of I3 (Dec 1, yesterday) are outside it.
      await deal('O5', { is_closed: 1, is_won: 1 });
      expect(await step()).toEqual(['O3:I1', 'O3:I3', 'O5:I2', 'O5:I4']);

      // New events on a won deal: a view inside the window counts, one after the close does not; attaching an item already counted changes nothing.
      await event('rep-b', 'view', 'I1', '2026-02-10T00:00:00.000Z');
      await event('rep-b', 'view', 'I3', '2026-03-15T00:00:00.000Z');
      await event('rep-b', 'attach', 'I2', '2026-02-11T00:00:00.000Z', 'O5');
      expect(await step()).toEqual(['O3:I1', 'O3:I3', 'O5:I1', 'O5:I2', 'O5:I4']);

      // The close date moves earlier: the Feb 10 view falls outside the window.
      await deal('O5', { close_date: '2026-01-16' });
      expect(await step()).toEqual(['O3:I1', 'O3:I3', 'O5:I2', 'O5:I4']);

      // Another owner and a later close: rep-a's view of I1 (Jan 20) counts, rep-b's view of I2 no longer (its attach still does).
      await deal('O5', { owner_id: 'rep-a', close_date: '2026-03-01' });
      expect(await step()).toEqual(['O3:I1', 'O3:I3', 'O5:I1', 'O5:I2', 'O5:I4']);

      // Another amount: each of the deal's pairs carries it.
      await deal('O5', { amount: 750 });
      expect(await step()).toEqual(['O3:I1', 'O3:I3', 'O5:I1', 'O5:I2', 'O5:I4']);
      expect((await kept()).filter(([opp]) => opp === 'O5').map((r) => r[4])).toEqual([750, 750, 750]);
      const incremental = await snapshot();
      await facts().rebuild();
      expect(await snapshot()).toEqual(incremental);

      // Reopened: its pairs go; closed won again: they come back; then changed to lost: gone again.
      await deal('O5', { is_closed: 0, is_won: 0 });
      expect(await step()).toEqual(['O3:I1', 'O3:I3']);
      await deal('O5', { is_closed: 1, is_won: 1 });
      expect(await step()).toEqual(['O3:I1', 'O3:I3', 'O5:I1', 'O5:I2', 'O5:I4']);
      await deal('O5', { is_won: 0 });
      expect(await step()).toEqual(['O3:I1', 'O3:I3']);

      const final = await snapshot();
      await facts(1).rebuild();
      expect(await snapshot()).toEqual(final);
    });

    it('when an item is attached to a won deal just now, then the metrics count it at once', async () => {
      const before = await get(`/api/flow/metrics?${PERIOD}`, ADMIN_TOKEN);
      expect(before.body.influence.topItems.find((i: { id: string }) => i.id === ids.I2)).toBeUndefined();
      await event('rep-a', 'attach', 'I2', new Date().toISOString(), 'O3');
      const after = await get(`/api/flow/metrics?${PERIOD}`, ADMIN_TOKEN);
      expect(after.body.influence.topItems.find((i: { id: string }) => i.id === ids.I2)).toMatchObject({ wonDeals: 1, wonAmount: 1000 });
      expect(await kept()).toEqual(await fromScratch());
    });

    it('when a view and then an attach tie an item to a deal before either is folded, then the pair ends with the earlier event, as a rebuild gives', async () => {
      // Won, but closing later: rep-b's views today are inside its window.
      await opportunity(
        'O6',
        'rep-b',
        300,
        { closed: true, won: true, close: '2099-12-31', created: '2026-01-01T00:00:00.000Z' },
        { competitors: [], industry: 'Banking', products: [] },
      );
      const now = new Date().toISOString();
      // rep-b has not viewed I4 before.
      await event('rep-b', 'view', 'I4', now);
      await event('rep-b', 'attach', 'I4', now, 'O6');
      const [view, attach] = (await hub.db.db.selectFrom('usage_events').select('id').orderBy('id', 'desc').limit(2).execute())
        .map((r) => Number(r.id))
        .reverse();
      const eventOf = async () =>
        Number(
          (
            await hub.db.db
              .selectFrom('flow_influence')
              .select('event_id')
              .where('opportunity_id', '=', 'O6')
              .where('content_id', '=', ids.I4 as string)
              .executeTakeFirstOrThrow()
          ).event_id,
        );

      // At the time of the events both are younger than the settling delay: only the attach counts yet.
      await createFlowFacts({ db: hub.db.db, dialect: hub.db.dialect, clock: () => new Date(now) }).refresh();
      expect(await eventOf()).toBe(attach);
      // Folded: the view came first.
      await facts().refresh();
      expect(await eventOf()).toBe(view);
      expect(await kept()).toEqual(await fromScratch());
      const incremental = await snapshot();
      await facts(1).rebuild();
      expect(await snapshot()).toEqual(incremental);
    });
  });
});
