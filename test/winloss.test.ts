import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

const today = new Date();
const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);

const closedLost = {
  id: 'opp-lost-1',
  name: 'Nordbank analytics refresh',
  accountName: 'Nordbank',
  industry: 'Banking',
  segment: 'Enterprise',
  region: 'EMEA',
  amount: 640000,
  currency: 'EUR',
  stage: 'Closed Lost',
  closeDate: daysAgo(10),
  isClosed: true,
  isWon: false,
  products: [{ name: 'Insight Dashboards', family: 'Analytics' }],
  competitors: ['Prism BI'],
  contactRoles: [
    { role: 'Economic Buyer', title: 'CFO' },
    { role: 'Champion', title: 'Head of Data' },
  ],
  ownerId: 'rep-a',
  description: 'Bundled BI in the office suite.',
};
const similarOpen = {
  ...closedLost,
  id: 'opp-open-1',
  name: 'Baltic bank dashboards',
  accountName: 'Baltic Bank',
  stage: 'Proposal',
  closeDate: daysAgo(-40),
  isClosed: false,
  isWon: false,
};
const oldClosed = { ...closedLost, id: 'opp-old-1', name: 'Old deal', closeDate: daysAgo(200) };

const full = {
  opportunityId: closedLost.id,
  title: 'Lost to Prism BI at Nordbank',
  summary: 'The free bundled BI tool won on price; we never reached the CFO with a risk story.',
  outcome: 'lost',
  reasons: [{ code: 'Price', text: 'Bundled licences looked free' }, { code: 'Relationship' }],
  competitorAnalysis: { winner: 'Prism BI', why: 'Already licensed in the office suite.' },
  situation: 'Regulator asked for lineage of risk reports.',
  challenges: 'Thin champion.',
  stakeholders: [
    { role: 'Economic Buyer', title: 'CFO', influence: 'high', stance: 'blocker', priorities: 'Cost', concepts: 'Licence consolidation' },
  ],
  decisionCriteria: ['Price', 'Time to value'],
  decisionProcess: { timeline: 'Six weeks', committee: 'CFO, Head of Data' },
  whatWorked: ['Lineage demo'],
  whatToAvoid: ['Feature comparisons against a free tool'],
  lessons: ['Qualify out when BI is bundled and there is no risk driver'],
  authors: [
    { userId: 'rep-a', role: 'author' },
    { userId: 'rep-b', role: 'co_author' },
    { userId: 'author-x', role: 'contributor' },
  ],
};

describe.each(databases())('win/loss analyses and governance on $name', ({ url }) => {
  let hub: TestHub;
  const t: Record<string, string> = {};
  let analysisId = '';

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_CURRENCY_RATES: 'EUR=1.08' } }); // the deals are in EUR; bands are on the USD scale;
    t.repA = await hub.user('rep-a', 'rep', 'EMEA Enterprise');
    t.repB = await hub.user('rep-b', 'rep', 'EMEA Enterprise');
    t.author = await hub.user('author-x', 'author', 'Marketing');
    t.leader = await hub.user('lead-emea', 'leader', 'EMEA Enterprise', { leadsTeams: ['EMEA Enterprise'] });
    t.otherLeader = await hub.user('lead-na', 'leader', 'NA', { leadsTeams: ['NA'] });
    for (const o of [closedLost, similarOpen, oldClosed])
      expect((await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(o)).status).toBe(201);
    await hub.api
      .put('/api/taxonomies/reasonCodes')
      .set(bearer(ADMIN_TOKEN))
      .send({ terms: ['Price', 'Relationship', 'Product fit'].map((value) => ({ value })) });
  });
  afterAll(() => hub.stop());

  it('when a closed deal has no analysis, then it is in its owner’s and leader’s close-out queue, and the draft is pre-filled', async () => {
    for (const token of [t.repA, t.leader]) {
      const q = await hub.api.get('/api/win-loss/queue').set(bearer(token!));
      expect(q.body.items.map((i: { opportunity: { id: string } }) => i.opportunity.id)).toEqual([closedLost.id]);
    }
    expect((await hub.api.get('/api/win-loss/queue').set(bearer(t.otherLeader!))).body.items).toEqual([]);
    const draft = await hub.api.get(`/api/opportunities/${closedLost.id}/win-loss/draft`).set(bearer(t.repA!));
    expect(draft.status).toBe(200);
    expect(draft.body.draft).toMatchObject({
      opportunityId: closedLost.id,
      outcome: 'lost',
      competitorAnalysis: { winner: 'Prism BI' },
      situation: 'Bundled BI in the office suite.',
    });
    expect(draft.body.draft.stakeholders).toHaveLength(2);
    expect(draft.body.existing).toBeNull();
    expect((await hub.api.get(`/api/opportunities/${similarOpen.id}/win-loss/draft`).set(bearer(t.repA!))).status).toBe(409);
  });

  it('when an unknown reason code or a bad stakeholder is sent, then 400 names the field', async () => {
    const res = await hub.api
      .post('/api/win-loss')
      .set(bearer(t.repA!))
      .send({ ...full, reasons: [{ code: 'Astrology' }], stakeholders: [{ ...full.stakeholders[0], stance: 'hostile' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['stakeholders.0.stance']));
    const codes = await hub.api
      .post('/api/win-loss')
      .set(bearer(t.repA!))
      .send({ ...full, reasons: [{ code: 'Astrology' }] });
    expect(codes.body.error.details.issues[0].path).toBe('reasons.0.code');
  });

  it('when the owner writes the analysis, then shares default to an even split with a smaller contributor share', async () => {
    const res = await hub.api.post('/api/win-loss').set(bearer(t.repA!)).send(full);
    expect(res.status).toBe(201);
    analysisId = res.body.id;
    expect(res.body.status).toBe('draft');
    expect(res.body.authors.map((a: { userId: string; share: number }) => [a.userId, a.share])).toEqual([
      ['rep-a', 0.45],
      ['rep-b', 0.45],
      ['author-x', 0.1],
    ]);
    expect(res.body.winLoss.snapshot).toMatchObject({ accountName: 'Nordbank', amountBand: '250k–1M', competitors: ['Prism BI'] });
    expect(res.body.winLoss.snapshot).not.toHaveProperty('amount');
    expect(res.body.body).toContain('## What to avoid');
    expect(res.body.competitors).toEqual(['Prism BI']);
    // Publishing directly is not allowed for win/loss analyses (and never for a rep: the route admits authors, leaders and admins).
    expect((await hub.api.post(`/api/content/${analysisId}/publish`).set(bearer(t.repA!)).send({})).status).toBe(403);
    const versions = await hub.api.get(`/api/content/${analysisId}/versions`).set(bearer(t.repA!));
    expect(versions.body.versions[0].snapshot.authors).toHaveLength(3);
  });

  it('when submitted, then only a leader of the deal’s team (or an admin) may approve; a request for changes returns it to draft with the comment', async () => {
    const sub = await hub.api.post(`/api/content/${analysisId}/submit`).set(bearer(t.repA!)).send({});
    expect(sub.body.status).toBe('in_review');
    await hub.relay.drain();
    expect((await hub.api.get('/api/search?q=Nordbank').set(bearer(t.repA!))).body.total).toBe(0);
    const queue = await hub.api.get('/api/reviews/queue').set(bearer(t.leader!));
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([analysisId]);
    expect(queue.body.items[0].opportunity).toEqual({ id: closedLost.id, name: closedLost.name, accountName: 'Nordbank' });
    expect((await hub.api.get('/api/reviews/queue').set(bearer(t.otherLeader!))).body.items).toEqual([]);
    expect((await hub.api.post(`/api/content/${analysisId}/approve`).set(bearer(t.otherLeader!)).send({})).status).toBe(404);
    expect((await hub.api.post(`/api/content/${analysisId}/approve`).set(bearer(t.repB!)).send({})).status).toBe(403);
    const rejected = await hub.api
      .post(`/api/content/${analysisId}/request-changes`)
      .set(bearer(t.leader!))
      .send({ comment: 'Add the decision timeline' });
    expect(rejected.body).toMatchObject({ status: 'draft', reviewComment: 'Add the decision timeline' });
    expect((await hub.api.post(`/api/content/${analysisId}/request-changes`).set(bearer(t.leader!)).send({ comment: '' })).status).toBe(
      400,
    );
    const patched = await hub.api
      .patch(`/api/win-loss/${analysisId}`)
      .set(bearer(t.repA!))
      .send({
        version: rejected.body.version,
        decisionProcess: { timeline: 'Six weeks, RFP in week two', committee: 'CFO, Head of Data' },
      });
    expect(patched.status).toBe(200);
    expect(patched.body.winLoss.decisionProcess.timeline).toBe('Six weeks, RFP in week two');
    await hub.api.post(`/api/content/${analysisId}/submit`).set(bearer(t.repA!)).send({});
    const approved = await hub.api.post(`/api/content/${analysisId}/approve`).set(bearer(t.leader!)).send({});
    expect(approved.body.status).toBe('published');
    expect((await hub.api.get('/api/win-loss/queue').set(bearer(t.repA!))).body.items).toEqual([]);
  });

  it('when published, then it is suggested on a similar open opportunity with reasons', async () => {
    await hub.relay.drain();
    const k = await hub.api.get(`/api/opportunities/${similarOpen.id}/knowledge`).set(bearer(t.repB!));
    const item = k.body.situational.find((i: { id: string }) => i.id === analysisId);
    expect(item.reasons).toEqual(expect.arrayContaining(['competitor: Prism BI', 'industry: Banking']));
  });

  it('when a rep may not see a deal’s amount, then only its band is shown', async () => {
    const own = await hub.api.get(`/api/opportunities/${closedLost.id}`).set(bearer(t.repA!));
    expect(own.body.amount).toBe(640000);
    const colleague = await hub.api.get(`/api/opportunities/${closedLost.id}`).set(bearer(t.repB!));
    expect(colleague.body).toMatchObject({ amount: null, amountBand: '250k–1M' });
    expect((await hub.api.get(`/api/opportunities/${closedLost.id}`).set(bearer(t.leader!))).body.amount).toBe(640000);
  });

  it('when the quick close-out is used, then outcome, up to three reasons and a sentence make a draft', async () => {
    const quick = await hub.api
      .post('/api/win-loss/quick')
      .set(bearer(t.repA!))
      .send({ opportunityId: oldClosed.id, outcome: 'lost', reasonCodes: ['Price'], sentence: 'Lost on price to a bundled tool.' });
    expect(quick.status).toBe(201);
    expect(quick.body).toMatchObject({
      status: 'draft',
      summary: 'Lost on price to a bundled tool.',
      winLoss: { reasons: [{ code: 'Price' }] },
    });
    // The CRM's pre-fill stays in the structured analysis; the sentence is not copied into the lessons.
    expect(quick.body.winLoss).toMatchObject({
      situation: 'Bundled BI in the office suite.',
      competitorAnalysis: { winner: 'Prism BI' },
      decisionProcess: { committee: 'CFO, Head of Data' },
      lessons: [],
    });
    expect(quick.body.winLoss.stakeholders.map((x: { role: string; title: string }) => [x.role, x.title])).toEqual([
      ['Economic Buyer', 'CFO'],
      ['Champion', 'Head of Data'],
    ]);

    // A teammate on the deal learns who is writing the draft, and gets no id to open in vain.
    const seen = await hub.api.get(`/api/opportunities/${oldClosed.id}/win-loss/draft`).set(bearer(t.repB!));
    expect(seen.body.existing).toMatchObject({ id: quick.body.id, status: 'draft', ownerName: 'rep a', visible: false, title: null });
    expect((await hub.api.get(`/api/opportunities/${oldClosed.id}/win-loss/draft`).set(bearer(t.repA!))).body.existing).toMatchObject({
      visible: true,
      title: quick.body.title,
    });
    const tooMany = await hub.api
      .post('/api/win-loss/quick')
      .set(bearer(t.repA!))
      .send({
        opportunityId: oldClosed.id,
        outcome: 'lost',
        reasonCodes: ['Price', 'Relationship', 'Product fit', 'Price'],
        sentence: 'x',
      });
    expect(tooMany.status).toBe(400);
  });

  it('when the quick close-out is given lessons, then they are stored as lessons, apart from the summary', async () => {
    const won = { ...closedLost, id: 'opp-won-quick', name: 'Quick win', stage: 'Closed Won', isWon: true, closeDate: daysAgo(20) };
    expect((await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(won)).status).toBe(201);
    const quick = await hub.api
      .post('/api/win-loss/quick')
      .set(bearer(t.repA!))
      .send({
        opportunityId: won.id,
        outcome: 'won',
        reasonCodes: ['Relationship'],
        sentence: 'The CFO trusted our lineage story.',
        lessons: 'Bring the lineage demo to the first CFO meeting.',
      });
    expect(quick.status).toBe(201);
    expect(quick.body).toMatchObject({
      summary: 'The CFO trusted our lineage story.',
      winLoss: { lessons: ['Bring the lineage demo to the first CFO meeting.'], situation: 'Bundled BI in the office suite.' },
    });
    expect(quick.body.winLoss.competitorAnalysis.winner).toBeUndefined();
  });

  it('when an author derives from an item, then the source authors become contributors with the policy share', async () => {
    const derived = await hub.api
      .post(`/api/content/${analysisId}/derive`)
      .set(bearer(t.author!))
      .send({ title: 'Bundled BI objections for banks' });
    expect(derived.status).toBe(201);
    expect(derived.body.derivedFrom).toBe(analysisId);
    const shares = Object.fromEntries(
      derived.body.authors.map((a: { userId: string; share: number; role: string }) => [a.userId, [a.role, a.share]]),
    );
    expect(shares).toEqual({ 'author-x': ['author', 0.8], 'rep-a': ['contributor', 0.1], 'rep-b': ['contributor', 0.1] });
  });

  it('when a reader flags an item outdated, then it shows as outdated on the owner’s list until verified', async () => {
    const flag = await hub.api
      .post('/api/events')
      .set(bearer(t.repB!))
      .set('Idempotency-Key', 'flag-outdated-1')
      .send({ type: 'flag_outdated', contentId: analysisId, note: 'Prism BI changed its licensing' });
    expect(flag.status).toBe(201);
    const item = await hub.api.get(`/api/content/${analysisId}`).set(bearer(t.repB!));
    expect(item.body.freshness).toBe('outdated');
    const due = await hub.api.get('/api/me/due-content').set(bearer(t.repA!));
    const entry = due.body.items.find((i: { id: string }) => i.id === analysisId);
    expect(entry).toMatchObject({ freshness: 'outdated', flags: [{ by: 'rep b', note: 'Prism BI changed its licensing' }] });
    const verified = await hub.api.post(`/api/content/${analysisId}/verify`).set(bearer(t.repA!)).send({});
    expect(verified.body.freshness).toBe('verified');
    expect(
      (await hub.api.get('/api/me/due-content').set(bearer(t.repA!))).body.items.find((i: { id: string }) => i.id === analysisId),
    ).toBeUndefined();
    expect((await hub.api.post(`/api/content/${analysisId}/verify`).set(bearer(t.repB!)).send({})).status).toBe(200);
  });
});
