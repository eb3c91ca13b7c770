import fc from 'fast-check';
import { sql } from 'kysely';
import { createUserStore } from '../server/auth/store';
import { splitMilliPoints, splitWithBigInt } from '../server/credits/ledger';
import { openCheckpointLog } from '../server/credits/checkpoints';
import { createCreditService } from '../server/credits/service';
import { openDatabase } from '../server/db/database';
import type { UsageEvent } from '../server/events/schema';
import { csvCell } from '../server/credits/leaderboardCsv';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

describe('splitMilliPoints', () => {
  it('when shares do not divide the total evenly, then the largest remainders get the leftover milli-points', () => {
    expect(splitMilliPoints(1000, [1 / 3, 1 / 3, 1 / 3])).toEqual([334, 333, 333]);
    expect(splitMilliPoints(1000, [0.7, 0.3])).toEqual([700, 300]);
    expect(splitMilliPoints(5, [0.45, 0.45, 0.1])).toEqual([2, 2, 1]);
    expect(splitMilliPoints(-1000, [1 / 3, 2 / 3])).toEqual([-333, -667]);
    expect(splitMilliPoints(7, [0, 0])).toEqual([4, 3]);
  });

  it('when split in plain numbers (the fast path), then every part equals the BigInt arithmetic, at every size', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
        fc.array(
          fc.oneof(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.constantFrom(0, 0.5, 1 / 3, 2 / 3, 0.25),
            fc.double({ min: 0, max: 1e6, noNaN: true }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (total, shares) => {
          expect(splitMilliPoints(total, shares)).toEqual(splitWithBigInt(total, shares));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('when split over random share sets, then no milli-point is lost or invented and each part is within one of its exact portion', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (total, raw) => {
          const sum = raw.reduce((a, b) => a + b, 0);
          const shares = sum > 0 ? raw.map((s) => s / sum) : raw;
          const parts = splitMilliPoints(total, shares);
          expect(parts).toHaveLength(shares.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          for (const p of parts) expect(Number.isInteger(p)).toBe(true);
          const weights = shares.map((s) => Math.round(s * 1e9));
          const wsum = weights.reduce((a, b) => a + b, 0) || shares.length;
          parts.forEach((p, i) => {
            const exact = (total * (wsum === shares.length && weights.every((w) => w === 0) ? 1 : (weights[i] ?? 0))) / wsum;
            expect(Math.abs(p - exact)).toBeLessThan(1.000001);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when a CSV cell starts like a formula, then it gets an apostrophe and is quoted when needed', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+A1')).toBe("'+A1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(-5)).toBe('-5');
  });
});

const opp = {
  id: 'opp-cr-1',
  name: 'Credits deal',
  accountName: 'Acme',
  industry: 'Retail',
  segment: 'Enterprise',
  region: 'EMEA',
  amount: 100_000,
  currency: 'EUR',
  stage: 'Proposal',
  closeDate: '2026-12-31',
  ownerId: 'rep-1',
};
const EVIL_NAME = '=HYPERLINK("http://evil.test","click")';

describe.each(databases())('contribution credits on $name', ({ url }) => {
  let hub: TestHub;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let keyCounter = 0;
  const nextKey = () => `key-credits-${++keyCounter}`;

  const event = (token: string, body: Record<string, unknown>, key = nextKey()) =>
    hub.api.post('/api/events').set(bearer(token)).set('Idempotency-Key', key).send(body);
  const entries = async (where: { eventId?: string; opportunityId?: string; type?: string } = {}) => {
    let q = hub.db.db.selectFrom('credit_entries').selectAll().orderBy('seq');
    if (where.eventId) q = q.where('event_id', '=', where.eventId);
    if (where.opportunityId) q = q.where('opportunity_id', '=', where.opportunityId);
    if (where.type) q = q.where('type', '=', where.type);
    return (await q.execute()).map((r) => ({
      ...r,
      id: Number(r.id),
      milli_points: Number(r.milli_points),
      reverses: r.reverses === null ? null : Number(r.reverses),
    }));
  };
  const sum = (rows: { milli_points: number }[]) => rows.reduce((a, r) => a + r.milli_points, 0);

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_CORPORATE_CURRENCY: 'EUR' } }); // the deal below is in EUR
    t.author1 = await hub.user('author-1', 'author', 'Marketing');
    t.author2 = await hub.user('author-2', 'author', 'EMEA Enterprise');
    t.rep1 = await hub.user('rep-1', 'rep', 'EMEA Enterprise');
    t.rep2 = await hub.user('rep-2', 'rep', 'EMEA Enterprise');
    t.leadEmea = await hub.user('lead-emea', 'leader', 'Leadership', { leadsTeams: ['EMEA Enterprise'] });
    t.leadMkt = await hub.user('lead-mkt', 'leader', 'Leadership', { leadsTeams: ['Marketing'] });
    const evil = await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id: 'evil-1', name: EVIL_NAME, email: 'evil@example.test', role: 'rep', team: 'EMEA Enterprise' });
    expect(evil.status).toBe(201);
    t.evil = (await hub.api.post('/api/users/evil-1/tokens').set(bearer(ADMIN_TOKEN)).send({})).body.token as string;
    const make = async (key: string, title: string, authors: { userId: string; role: string; share: number }[]) => {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(t.author1!))
        .send({ kind: 'capability', contentType: 'faq', title, summary: 'Summary.', body: 'Body.', status: 'published', authors });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    };
    await make('shared', 'Co-authored battlecard', [
      { userId: 'author-1', role: 'author', share: 0.7 },
      { userId: 'author-2', role: 'co_author', share: 0.3 },
    ]);
    await make('solo', 'Solo FAQ', [{ userId: 'author-1', role: 'author', share: 1 }]);
    expect((await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(opp)).status).toBe(201);
  });
  afterAll(() => hub.stop());

  it('when 50 concurrent requests carry one Idempotency-Key, then 50 identical answers and one set of ledger entries', async () => {
    const key = 'key-concurrent-view-1';
    const responses = await Promise.all(Array.from({ length: 50 }, () => event(t.rep1!, { type: 'view', contentId: ids.shared }, key)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    const bodies = new Set(responses.map((r) => JSON.stringify(r.body)));
    expect(bodies.size).toBe(1);
    const rows = await entries({ eventId: responses[0]!.body.id });
    expect(rows.map((r) => [r.user_id, r.milli_points, r.share])).toEqual([
      ['author-1', 700, 0.7],
      ['author-2', 300, 0.3],
    ]);
    expect(rows.every((r) => r.actor_id === 'rep-1' && r.policy_version === 1 && r.type === 'view')).toBe(true);
  });

  it('when an author views their own item, then nobody earns credit', async () => {
    const own = await event(t.author2!, { type: 'view', contentId: ids.shared });
    expect(own.status).toBe(201);
    expect(await entries({ eventId: own.body.id })).toEqual([]);
  });

  it('when a leader views items by people in the teams they lead, then nobody earns credit (no leader farming)', async () => {
    const farmed = await event(t.leadEmea!, { type: 'helpful', contentId: ids.shared });
    expect(await entries({ eventId: farmed.body.id })).toEqual([]);
    const fair = await event(t.leadEmea!, { type: 'helpful', contentId: ids.solo });
    expect(sum(await entries({ eventId: fair.body.id }))).toBe(2000);
  });

  it('when one viewer views an item 100 times in a day, then it is credited once', async () => {
    const before = (await entries({ type: 'view' })).filter((r) => r.actor_id === 'rep-2').length;
    for (let batch = 0; batch < 10; batch++) {
      const res = await Promise.all(Array.from({ length: 10 }, () => event(t.rep2!, { type: 'view', contentId: ids.solo })));
      expect(res.every((r) => r.status === 201)).toBe(true);
    }
    const views = (await entries({ type: 'view' })).filter((r) => r.actor_id === 'rep-2' && r.content_id === ids.solo);
    expect(views).toHaveLength(1);
    expect(views[0]!.milli_points).toBe(1000);
    expect((await entries({ type: 'view' })).filter((r) => r.actor_id === 'rep-2').length).toBe(before + 1);
  });

  it('when a deal closes won, then attached and owner-viewed items earn the influence pool; reopening and losing reverse it', async () => {
    const attach = await event(t.rep1!, { type: 'attach', contentId: ids.shared, opportunityId: opp.id });
    expect(attach.status).toBe(201);
    expect((await entries({ eventId: attach.body.id })).map((r) => r.milli_points)).toEqual([3500, 1500]);
    expect((await event(t.rep1!, { type: 'view', contentId: ids.solo, opportunityId: opp.id })).status).toBe(201);

    const won = await hub.api
      .patch(`/api/opportunities/${opp.id}`)
      .set(bearer(ADMIN_TOKEN))
      .send({ stage: 'Closed Won', isClosed: true, isWon: true });
    expect(won.status).toBe(200);
    const influence = await entries({ type: 'influence', opportunityId: opp.id });
    // 100k is in the 50k–250k band: 25,000 milli-points, 12,500 per item, then by author shares.
    expect(influence.map((r) => [r.content_id, r.user_id, r.milli_points])).toEqual([
      [ids.shared, 'author-1', 8750],
      [ids.shared, 'author-2', 3750],
      [ids.solo, 'author-1', 12500],
    ]);
    expect(influence[0]!.event_id).toBe(attach.body.id);
    // The authors are told, with their points, without the deal's name or amount (they may not see it).
    const told = (await hub.api.get('/api/me/notifications').set(bearer(t.author1!))).body.notifications as {
      kind: string;
      message: string;
    }[];
    const credit = told.find((n) => n.kind === 'credit_won_deal');
    expect(credit?.message).toContain('21.3 points');
    expect(credit?.message).not.toMatch(/Credits deal|100[,.]?000/);
    // Saving the won deal again changes nothing.
    await hub.api.patch(`/api/opportunities/${opp.id}`).set(bearer(ADMIN_TOKEN)).send({ description: 'signed' });
    expect(await entries({ type: 'influence', opportunityId: opp.id })).toHaveLength(3);

    await hub.api
      .patch(`/api/opportunities/${opp.id}`)
      .set(bearer(ADMIN_TOKEN))
      .send({ stage: 'Negotiation', isClosed: false, isWon: false });
    const reversals = await entries({ type: 'influence_reversal', opportunityId: opp.id });
    expect(reversals.map((r) => [r.reverses, r.milli_points])).toEqual(influence.map((r) => [r.id, -r.milli_points]));
    expect(sum([...influence, ...reversals])).toBe(0);

    await hub.api.patch(`/api/opportunities/${opp.id}`).set(bearer(ADMIN_TOKEN)).send({ stage: 'Closed Won', isClosed: true, isWon: true });
    expect(sum(await entries({ type: 'influence', opportunityId: opp.id }))).toBe(50_000);
    await hub.api
      .patch(`/api/opportunities/${opp.id}`)
      .set(bearer(ADMIN_TOKEN))
      .send({ stage: 'Closed Lost', isClosed: true, isWon: false });
    const all = await entries({ opportunityId: opp.id });
    expect(sum(all.filter((r) => r.type.startsWith('influence')))).toBe(0);
    expect(all.filter((r) => r.type === 'influence_reversal')).toHaveLength(6);
  });

  it('when a statement is asked for again after events outside its period, then lines and digest are the same', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const until = new Date().toISOString();
    const path = `/api/credits/statements/author-1?from=${today}&to=${until}`;
    const first = await hub.api.get(path).set(bearer(t.author1!));
    expect(first.status).toBe(200);
    expect(first.body.totalMilliPoints).toBe(first.body.lines.reduce((a: number, l: { milliPoints: number }) => a + l.milliPoints, 0));
    expect(first.body.lines.find((l: { type: string }) => l.type === 'view')).toMatchObject({
      contentTitle: 'Co-authored battlecard',
      milliPoints: 700,
      share: 0.7,
    });
    expect(first.body.policyVersions).toEqual([1]);
    await new Promise((r) => setTimeout(r, 5));
    expect((await event(t.rep2!, { type: 'derive', contentId: ids.shared })).status).toBe(201);
    const again = await hub.api.get(path).set(bearer(t.author1!));
    // The proof cites the latest checkpoint, which moved on with the new event; the statement did not.
    const { proof: _firstProof, ...firstStatement } = first.body;
    const { proof: againProof, ...againStatement } = again.body;
    expect(againStatement).toEqual(firstStatement);
    expect(againProof.checkpoint.seq).toBeGreaterThan(_firstProof.checkpoint.seq);
    const wholeDay = await hub.api.get(`/api/credits/statements/author-1?from=${today}&to=${today}`).set(bearer(t.author1!));
    expect(wholeDay.body.digest).not.toBe(first.body.digest);
    expect(wholeDay.body.totalMilliPoints).toBe(first.body.totalMilliPoints + 7000);

    // A restart: a new connection and a new service over the same database give the same statement.
    const reopened = await openDatabase(hub.config.database);
    try {
      const credits = createCreditService({
        db: reopened.db,
        dialect: reopened.dialect,
        users: createUserStore(reopened.db),
        checkpoints: openCheckpointLog(hub.config.ledger),
      });
      const admin = { id: 'admin', name: 'Admin', role: 'admin' as const, team: 'Ops', leadsTeams: [], salesforceUserId: null };
      const fresh = await credits.statement(admin, 'author-1', { from: today, to: until });
      expect(fresh.digest).toBe(first.body.digest);
      // author-1 (Marketing) may not see rep-1's deal (EMEA Enterprise): their own statement leaves
      // its id out; an admin sees it. The digest is the ledger's either way.
      const asAdmin = await hub.api.get(path).set(bearer(ADMIN_TOKEN));
      expect(fresh.lines).toEqual(asAdmin.body.lines);
      expect(asAdmin.body.digest).toBe(first.body.digest);
      expect(asAdmin.body.lines.some((l: { opportunityId: string | null }) => l.opportunityId === opp.id)).toBe(true);
      expect(JSON.stringify(first.body)).not.toContain(opp.id);
      expect((await hub.api.get(`/api/opportunities/${opp.id}`).set(bearer(t.author1!))).status).toBe(404);
    } finally {
      await reopened.close();
    }
  });

  it('when a statement is read, then each line names who acted, the deal and the rule; what the reader may not see stays hidden', async () => {
    const path = `/api/credits/statements/author-1?from=${new Date().toISOString().slice(0, 10)}`;
    type Line = {
      type: string;
      contentTitle: string | null;
      opportunityId: string | null;
      opportunityName?: string | null;
      actorName?: string | null;
      rule?: string;
    };
    const asAdmin = (await hub.api.get(path).set(bearer(ADMIN_TOKEN))).body.lines as Line[];
    const view = asAdmin.find((l) => l.type === 'view' && l.contentTitle === 'Co-authored battlecard');
    expect(view).toMatchObject({
      actorName: 'rep 1',
      rule: 'Policy v1: a view by someone else earns the authors 1 point, once per person, item and day, split by author share.',
    });
    const attach = asAdmin.find((l) => l.type === 'attach');
    expect(attach).toMatchObject({
      actorName: 'rep 1',
      opportunityId: opp.id,
      opportunityName: 'Credits deal',
      rule: 'Policy v1: attaching it to a deal earns the authors 5 points, split by author share.',
    });
    expect(asAdmin.find((l) => l.type === 'influence_reversal')?.rule).toMatch(/^Policy v1: cancels an earlier credit/);
    // author-1 may not see rep-1's deal: its name and who attached the item to it are left out too.
    const own = (await hub.api.get(path).set(bearer(t.author1!))).body.lines as Line[];
    const ownAttach = own.find((l) => l.type === 'attach');
    expect(ownAttach).toMatchObject({ opportunityId: null, opportunityName: null, actorName: null });
    expect(own.find((l) => l.type === 'view' && l.contentTitle === 'Co-authored battlecard')?.actorName).toBe('rep 1');
    expect(JSON.stringify(own)).not.toContain('Credits deal');
  });

  it('when statements are asked for, then reps see their own, leaders their teams, admins all', async () => {
    const status = async (token: string, userId: string) =>
      (await hub.api.get(`/api/credits/statements/${userId}`).set(bearer(token))).status;
    expect(await status(t.author1!, 'author-1')).toBe(200);
    expect(await status(t.rep1!, 'rep-1')).toBe(200);
    expect(await status(t.rep1!, 'author-1')).toBe(403);
    expect(await status(t.rep1!, 'nobody')).toBe(403);
    expect(await status(t.author2!, 'author-1')).toBe(403);
    expect(await status(t.leadMkt!, 'author-1')).toBe(200);
    expect(await status(t.leadMkt!, 'author-2')).toBe(403);
    expect(await status(t.leadEmea!, 'author-2')).toBe(200);
    expect(await status(t.leadEmea!, 'author-1')).toBe(403);
    expect(await status(t.leadEmea!, 'nobody')).toBe(404);
    expect(await status(ADMIN_TOKEN, 'author-1')).toBe(200);
    expect(await status(ADMIN_TOKEN, 'nobody')).toBe(404);
    expect((await hub.api.get('/api/credits/statements/author-1?from=2026-02-30').set(bearer(ADMIN_TOKEN))).status).toBe(400);
  });

  it('when the leaderboard is asked for, then people are ranked with items and distinct reusers, within the teams one may see', async () => {
    const all = await hub.api.get('/api/credits/leaderboard').set(bearer(ADMIN_TOKEN));
    expect(all.status).toBe(200);
    const author1 = all.body.rows.find((r: { userId: string }) => r.userId === 'author-1');
    expect(all.body.rows[0].userId).toBe('author-1');
    expect(author1).toMatchObject({ name: 'author 1', team: 'Marketing', items: 2, reusedBy: 3 });
    // Engagement levels: author-1 wrote items this period, and others viewed them.
    expect(author1.engagement.contributing).toBeGreaterThan(0);
    expect(author1.views).toBeGreaterThan(0);
    const mine = await hub.api.get('/api/credits/leaderboard').set(bearer(t.rep1!));
    expect(mine.body.rows.map((r: { userId: string }) => r.userId)).toEqual(['author-2']);
    expect((await hub.api.get('/api/credits/leaderboard?team=Marketing').set(bearer(t.rep1!))).status).toBe(403);
    expect((await hub.api.get('/api/credits/leaderboard?team=Marketing').set(bearer(t.leadMkt!))).status).toBe(200);
  });

  it('when the leaderboard is asked for, then each person and each visible team has points for the last four quarters, and nobody sees other teams in them', async () => {
    const all = await hub.api.get('/api/credits/leaderboard?from=2026-02-01&to=2026-05-10').set(bearer(ADMIN_TOKEN));
    expect(all.body.quarters.map((q: { label: string }) => q.label)).toEqual(['2025 Q3', '2025 Q4', '2026 Q1', '2026 Q2']);
    expect(all.body.quarters[3]).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    const now = (await hub.api.get('/api/credits/leaderboard').set(bearer(ADMIN_TOKEN))).body as {
      quarters: { partial: boolean }[];
      rows: { userId: string; team: string; milliPoints: number; trend: number[] }[];
      teams: { team: string; trend: number[] }[];
    };
    expect(now.quarters.map((q) => q.partial)).toEqual([false, false, false, true]);
    for (const row of now.rows) {
      expect(row.trend).toHaveLength(4);
      // This month lies in the current quarter: its points are part of that quarter's.
      expect(row.trend[3]).toBeGreaterThanOrEqual(row.milliPoints);
    }
    for (const team of now.teams) {
      const people = now.rows.filter((r) => r.team === team.team).reduce((sum, r) => sum + r.trend[3]!, 0);
      expect(team.trend[3]).toBeGreaterThanOrEqual(people);
    }
    expect(now.teams.map((t) => t.team)).toEqual(expect.arrayContaining(['Marketing', 'EMEA Enterprise']));
    const mine = (await hub.api.get('/api/credits/leaderboard').set(bearer(t.rep1!))).body as {
      rows: { team: string }[];
      teams: { team: string; trend: number[] }[];
    };
    expect(mine.teams.map((x) => x.team)).toEqual(['EMEA Enterprise']);
    const emea = now.teams.find((x) => x.team === 'EMEA Enterprise')!;
    expect(mine.teams[0]!.trend).toEqual(emea.trend);
  });

  it('when credits are exported, then leaders get their teams, admins all, others 403, and formulas are neutralised', async () => {
    expect((await hub.api.get('/api/credits/export.csv').set(bearer(t.rep1!))).status).toBe(403);
    expect((await hub.api.get('/api/credits/export.csv').set(bearer(t.author1!))).status).toBe(403);
    expect((await hub.api.get('/api/credits/export.csv?team=Marketing').set(bearer(t.leadEmea!))).status).toBe(403);
    const emea = await hub.api.get('/api/credits/export.csv?layout=commission').set(bearer(t.leadEmea!));
    expect(emea.status).toBe(200);
    expect(emea.headers['content-type']).toMatch(/^text\/csv/);
    const lines = emea.text.trim().split('\r\n');
    expect(lines[0]).toBe('userId,name,team,from,to,milliPoints,points,items,reusedBy,policyVersions');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['author-2', 'evil-1', 'rep-1', 'rep-2']);
    expect(emea.text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(emea.text).not.toMatch(/(^|,)=/m);
    const author2 = lines.find((l) => l.startsWith('author-2,'))!.split(',');
    const board = await hub.api.get('/api/credits/leaderboard?team=EMEA%20Enterprise').set(bearer(t.leadEmea!));
    const row = board.body.rows.find((r: { userId: string }) => r.userId === 'author-2');
    expect(Number(author2[5])).toBe(row.milliPoints);
    expect(Number(author2[6])).toBe(row.milliPoints / 1000);
    const admin = await hub.api.get('/api/credits/export.csv?layout=commission').set(bearer(ADMIN_TOKEN));
    expect(admin.text).toContain('\r\nauthor-1,author 1,Marketing,');
    expect((await hub.api.get('/api/credits/export.csv?layout=sideways').set(bearer(ADMIN_TOKEN))).status).toBe(400);
  });

  it("when the leaderboard shows a trend, then each quarter's points are that quarter's own leaderboard, per person and per team", async () => {
    type Board = {
      quarters: { from: string; to: string }[];
      rows: { userId: string; team: string; milliPoints: number; trend: number[] }[];
      teams: { team: string; trend: number[] }[];
    };
    for (const [who, token, team] of [
      ['admin', ADMIN_TOKEN, ''],
      ['leader', t.leadEmea!, '&team=EMEA%20Enterprise'],
    ] as const) {
      const quarters = ((await hub.api.get(`/api/credits/leaderboard?${team}`).set(bearer(token))).body as Board).quarters;
      const board = (await hub.api.get(`/api/credits/leaderboard?from=${quarters[0]!.from}${team}`).set(bearer(token))).body as Board;
      expect(board.rows.length).toBeGreaterThan(0);
      for (const [i, q] of board.quarters.entries()) {
        const own = (await hub.api.get(`/api/credits/leaderboard?from=${q.from}&to=${q.to}${team}`).set(bearer(token))).body as Board;
        for (const row of board.rows)
          expect([who, row.userId, i, row.trend[i]]).toEqual([
            who,
            row.userId,
            i,
            own.rows.find((r) => r.userId === row.userId)?.milliPoints ?? 0,
          ]);
        for (const t of board.teams) {
          const sum = own.rows.filter((r) => r.team === t.team).reduce((n, r) => n + r.milliPoints, 0);
          expect([who, t.team, i, t.trend[i]]).toEqual([who, t.team, i, sum]);
        }
      }
    }
  });

  it("when the leaderboard is exported, then the CSV has exactly its columns and rows in rank order, with the screen's precision", async () => {
    const board = (await hub.api.get('/api/credits/leaderboard').set(bearer(ADMIN_TOKEN))).body.rows as {
      name: string;
      team: string;
      milliPoints: number;
      items: number;
      reusedBy: number;
      views: number;
      engagement: { sharing: number; participating: number; contributing: number };
      trend: number[];
    }[];
    expect(board.length).toBeGreaterThan(1);
    const csv = await hub.api.get('/api/credits/export.csv').set(bearer(ADMIN_TOKEN));
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\r\n');
    const quarters = (await hub.api.get('/api/credits/leaderboard').set(bearer(ADMIN_TOKEN))).body.quarters as { label: string }[];
    expect(lines[0]).toBe(
      ['Rank,Person,Team,Points,Items,Reused by,Views,Sharing,Participating,Contributing', ...quarters.map((q) => q.label)].join(','),
    );
    const tenth = (n: number) => ((Math.sign(n) * Math.round(Math.abs(n) * 10)) / 10).toFixed(1);
    const name = (n: string) => (n.startsWith('=') ? `"'${n.replace(/"/g, '""')}"` : n);
    expect(lines.slice(1)).toEqual(
      board.map((r, i) =>
        [
          i + 1,
          name(r.name),
          r.team,
          tenth(r.milliPoints / 1000),
          r.items,
          r.reusedBy,
          r.views,
          tenth(r.engagement.sharing),
          tenth(r.engagement.participating),
          tenth(r.engagement.contributing),
          ...r.trend.map((mp) => tenth(mp / 1000)),
        ].join(','),
      ),
    );
    expect((await hub.api.get('/api/credits/export.csv').set(bearer(t.rep1!))).status).toBe(403);
    expect((await hub.api.get('/api/credits/export.csv?team=Marketing').set(bearer(t.leadEmea!))).status).toBe(403);
    expect((await hub.api.get('/api/credits/export.csv?team=EMEA%20Enterprise').set(bearer(t.leadEmea!))).text).toMatch(/^Rank,Person,/);
  });

  it('when an admin publishes a new policy, then new entries record its version and old ones keep theirs', async () => {
    const current = await hub.api.get('/api/credits/policies/current').set(bearer(t.rep1!));
    expect(current.body).toMatchObject({ version: 1, publishedBy: 'system' });
    const rules = { ...current.body.rules, pointsPerEvent: { ...current.body.rules.pointsPerEvent, share_internal: 4000 } };
    expect((await hub.api.post('/api/credits/policies').set(bearer(t.leadEmea!)).send(rules)).status).toBe(403);
    expect(
      (
        await hub.api
          .post('/api/credits/policies')
          .set(bearer(ADMIN_TOKEN))
          .send({ ...rules, dailyCapPerViewer: -1 })
      ).status,
    ).toBe(400);
    const published = await hub.api.post('/api/credits/policies').set(bearer(ADMIN_TOKEN)).send(rules);
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    const share = await event(t.rep2!, { type: 'share_internal', contentId: ids.solo });
    expect((await entries({ eventId: share.body.id })).map((r) => [r.milli_points, r.policy_version])).toEqual([[4000, 2]]);
    expect((await entries({ type: 'view' })).every((r) => r.policy_version === 1)).toBe(true);
  });

  it('when a viewer reaches the daily cap, then further credit is cut to fit and then stops', async () => {
    const current = (await hub.api.get('/api/credits/policies/current').set(bearer(ADMIN_TOKEN))).body;
    await hub.api
      .post('/api/credits/policies')
      .set(bearer(ADMIN_TOKEN))
      .send({ ...current.rules, dailyCapPerViewer: 6500 });
    // evil-1 has earned nothing yet today: 5,000 (attach) + 1,500 of a 2,000 helpful, then nothing.
    const a = await event(t.evil!, { type: 'attach', contentId: ids.solo, opportunityId: opp.id });
    expect(a.status).toBe(201);
    const h = await event(t.evil!, { type: 'helpful', contentId: ids.solo });
    const v = await event(t.evil!, { type: 'view', contentId: ids.solo });
    expect(sum(await entries({ eventId: a.body.id }))).toBe(5000);
    const cut = await entries({ eventId: h.body.id });
    expect(sum(cut)).toBe(1500);
    expect(cut[0]!.reason).toContain('daily cap');
    expect(sum(await entries({ eventId: v.body.id }))).toBe(0);
  });

  it('when the once-per-item rule is applied, then an item credits each person once for its indexed types and for a type a policy adds', async () => {
    // `helpful` is once-per-item by default (its own index); a policy may add `share_internal`
    // (answered through the actor's entries). Each pair is tried again on later days: still once.
    const current = (await hub.api.get('/api/credits/policies/current').set(bearer(ADMIN_TOKEN))).body;
    const published = await hub.api
      .post('/api/credits/policies')
      .set(bearer(ADMIN_TOKEN))
      .send({ ...current.rules, dailyCapPerViewer: 100_000, oncePerItem: [...current.rules.oncePerItem, 'share_internal'] });
    expect(published.status).toBe(201);
    const day = (d: number) => new Date(Date.UTC(2026, 2, 2 + d, 10)).toISOString();
    const ev = (id: string, type: UsageEvent['type'], d: number): UsageEvent => ({
      id: `once-${id}`,
      type,
      contentId: ids.shared!,
      actorId: 'rep-2',
      opportunityId: null,
      note: null,
      at: day(d),
    });
    // In one batch, and then one at a time on later days.
    await hub.credits.creditEvents([ev('h1', 'helpful', 0), ev('s1', 'share_internal', 0), ev('h2', 'helpful', 1)]);
    await hub.credits.creditEvents([ev('s2', 'share_internal', 2)]);
    await hub.credits.creditEvents([ev('h3', 'helpful', 3)]);
    const credited = async (id: string) => sum(await entries({ eventId: `once-${id}` }));
    expect(await credited('h1')).toBeGreaterThan(0);
    expect(await credited('s1')).toBeGreaterThan(0);
    for (const again of ['h2', 's2', 'h3']) expect(await credited(again)).toBe(0);
    // Crediting the same events again changes nothing (they are in the ledger already).
    const before = (await entries()).length;
    await hub.credits.creditEvents([ev('h1', 'helpful', 0), ev('s1', 'share_internal', 0)]);
    expect((await entries()).length).toBe(before);
  });

  it('when ledger rows are updated or deleted, then the database refuses', async () => {
    // Matched on the message, not with `toThrow`: better-sqlite3's native addon creates its
    // SqliteError class in the first jest test file (realm) that loads it, so in later files the
    // error is not `instanceof Error` and `toThrow` would report "did not throw".
    const refused = { message: expect.stringMatching(/append-only/) };
    const [first] = await entries();
    expect(first).toBeDefined();
    await expect(
      sql`UPDATE credit_entries SET milli_points = milli_points + 1 WHERE id = ${first!.id}`.execute(hub.db.db),
    ).rejects.toMatchObject(refused);
    await expect(sql`UPDATE credit_entries SET milli_points = milli_points + 1`.execute(hub.db.db)).rejects.toMatchObject(refused);
    await expect(sql`DELETE FROM credit_entries`.execute(hub.db.db)).rejects.toMatchObject(refused);
    expect((await entries()).length).toBeGreaterThan(10);
    expect((await entries())[0]).toEqual(first);
  });

  it('when a row was edited behind the triggers, then the verifier names it', async () => {
    expect((await hub.api.get('/api/credits/verify').set(bearer(t.leadEmea!))).status).toBe(403);
    const ok = await hub.api.get('/api/credits/verify').set(bearer(ADMIN_TOKEN));
    const rows = await entries();
    expect(ok.body).toMatchObject({ ok: true, checked: rows.length, firstBroken: null, checkpoints: { firstMismatch: null } });
    const victim = rows[4]!;
    const db = hub.db.db;
    if (hub.db.dialect === 'postgres') {
      await sql`ALTER TABLE credit_entries DISABLE TRIGGER credit_entries_no_change`.execute(db);
      await sql`UPDATE credit_entries SET milli_points = 999999 WHERE id = ${victim.id}`.execute(db);
      await sql`ALTER TABLE credit_entries ENABLE TRIGGER credit_entries_no_change`.execute(db);
    } else {
      await sql`DROP TRIGGER credit_entries_no_update`.execute(db);
      await sql`UPDATE credit_entries SET milli_points = 999999 WHERE id = ${victim.id}`.execute(db);
      await sql`CREATE TRIGGER credit_entries_no_update BEFORE UPDATE ON credit_entries BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END`.execute(
        db,
      );
    }
    const broken = await hub.api.get('/api/credits/verify').set(bearer(ADMIN_TOKEN));
    expect(broken.body).toMatchObject({ ok: false, checked: 5, firstBroken: { entryId: victim.id, seq: Number(victim.seq) } });
    // Every checkpoint from the edited entry on is beyond the broken link; the first one is named.
    expect(broken.body.checkpoints.firstMismatch.reason).toContain(`the chain is broken at seq ${victim.seq}`);
  });
});

describe('batched crediting', () => {
  let one: TestHub;
  let batched: TestHub;
  beforeAll(async () => {
    one = await startTestHub();
    batched = await startTestHub();
  });
  afterAll(async () => {
    await one.stop();
    await batched.stop();
  });

  it('when the same events are credited one by one or in batches, then the ledgers hold the same entries in the same order', async () => {
    const setup = async (hub: TestHub) => {
      for (const [id, role, team] of [
        ['a1', 'author', 'T1'],
        ['a2', 'author', 'T2'],
        ['r1', 'rep', 'T1'],
        ['r2', 'rep', 'T2'],
        ['r3', 'rep', 'T2'],
        ['l1', 'leader', 'T1'],
      ] as const) {
        await hub.user(id, role, team, role === 'leader' ? { leadsTeams: ['T1'] } : {});
      }
      const ids: string[] = [];
      for (const authors of [
        [{ userId: 'a1', role: 'author', share: 1 }],
        [
          { userId: 'a1', role: 'author', share: 0.6 },
          { userId: 'a2', role: 'co_author', share: 0.4 },
        ],
        [
          { userId: 'a2', role: 'author', share: 1 / 3 },
          { userId: 'a1', role: 'co_author', share: 2 / 3 },
        ],
      ]) {
        const res = await hub.api
          .post('/api/content')
          .set(bearer(ADMIN_TOKEN))
          .send({
            kind: 'capability',
            contentType: 'faq',
            title: `Item ${ids.length}`,
            status: 'published',
            authors,
            externalId: `item-${ids.length}`,
          });
        ids.push(res.body.id);
      }
      return ids;
    };
    const idsOne = await setup(one);
    const idsBatched = await setup(batched);
    const types = ['view', 'view', 'view', 'helpful', 'share_internal', 'attach', 'derive'] as const;
    const actors = ['r1', 'r2', 'r3', 'l1', 'a1'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const start = Date.parse('2026-10-01T00:00:00Z');
    const events = Array.from({ length: 400 }, (_, i) => {
      const item = Math.floor(rnd() * 3);
      const type = types[Math.floor(rnd() * types.length)]!;
      return {
        i: item,
        ev: {
          id: `ev-${i}`,
          type,
          actorId: actors[Math.floor(rnd() * actors.length)]!,
          opportunityId: type === 'attach' ? `opp-${Math.floor(rnd() * 3)}` : null,
          note: null,
          at: new Date(start + i * 15 * 60_000).toISOString(),
        },
      };
    });
    for (const { i, ev } of events) await one.credits.creditEvents([{ ...ev, contentId: idsOne[i]! }]);
    for (let k = 0; k < events.length; k += 37)
      await batched.credits.creditEvents(events.slice(k, k + 37).map(({ i, ev }) => ({ ...ev, contentId: idsBatched[i]! })));
    const ledger = async (hub: TestHub, ids: string[]) =>
      (
        await hub.db.db
          .selectFrom('credit_entries')
          .select(['seq', 'event_id', 'user_id', 'type', 'content_id', 'milli_points', 'at'])
          .orderBy('seq')
          .execute()
      ).map((r) => ({ ...r, content_id: ids.indexOf(r.content_id), seq: Number(r.seq), milli_points: Number(r.milli_points) }));
    const a = await ledger(one, idsOne);
    const b = await ledger(batched, idsBatched);
    expect(a.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });
});
