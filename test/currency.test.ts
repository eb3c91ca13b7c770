/**
 * Deals carry their own currency. Whatever adds amounts up or compares them with a threshold works
 * in the corporate currency (HUB_CORPORATE_CURRENCY, rates from HUB_CURRENCY_RATES or the org):
 * pipeline-gap weights, won and influenced amounts in the flow metrics, and influence credit pools.
 * A deal in a currency without a rate is counted but weighs nothing and earns the smallest pool.
 */
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const deal = (id: string, amount: number, currency: string) => ({
  id,
  name: `Deal ${id}`,
  accountName: `Account ${id}`,
  industry: null,
  segment: null,
  region: null,
  amount,
  currency,
  stage: 'Proposal',
  closeDate: today,
  competitors: ['Nimbus Data'],
  ownerId: 'rep-fx',
});

describe.each(databases())('amounts in the corporate currency on $name', ({ url }) => {
  let hub: TestHub;
  let rep: string;
  let itemId: string;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_CORPORATE_CURRENCY: 'USD', HUB_CURRENCY_RATES: 'EUR=1.1,JPY=0.0067' } });
    const author = await hub.user('author-fx', 'author', 'Marketing');
    rep = await hub.user('rep-fx', 'rep', 'EMEA');
    const item = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Pricing FAQ',
        summary: 'Summary.',
        body: 'Body.',
        status: 'published',
        authors: [{ userId: 'author-fx', role: 'author', share: 1 }],
      });
    expect(item.status).toBe(201);
    itemId = item.body.id;
    for (const d of [deal('FX-EUR', 100_000, 'EUR'), deal('FX-JPY', 10_000_000, 'JPY'), deal('FX-GBP', 500_000, 'GBP')]) {
      expect((await hub.api.post('/api/opportunities').set(bearer(ADMIN_TOKEN)).send(d)).status).toBe(201);
    }
  });
  afterAll(() => hub.stop());

  const influence = async (opportunityId: string) => {
    const rows = await hub.db.db
      .selectFrom('credit_entries')
      .select('milli_points')
      .where('type', '=', 'influence')
      .where('opportunity_id', '=', opportunityId)
      .execute();
    return rows.reduce((s, r) => s + Number(r.milli_points), 0);
  };
  const winWithItem = async (id: string) => {
    const attach = await hub.api
      .post('/api/events')
      .set(bearer(rep))
      .set('Idempotency-Key', `fx-attach-${id}`)
      .send({ type: 'attach', contentId: itemId, opportunityId: id });
    expect(attach.status).toBe(201);
    expect(
      (await hub.api.patch(`/api/opportunities/${id}`).set(bearer(ADMIN_TOKEN)).send({ stage: 'Closed Won', isClosed: true, isWon: true }))
        .status,
    ).toBe(200);
  };

  it('when open deals in three currencies share a gap, then its weight adds their amounts in USD, and a currency without a rate weighs nothing', async () => {
    const res = await hub.api.get('/api/flow/gaps/pipeline').set(bearer(ADMIN_TOKEN));
    expect(res.status).toBe(200);
    const gap = res.body.gaps.find((g: { value: string }) => g.value === 'Nimbus Data');
    expect(gap.deals).toBe(3);
    // 100,000 EUR × 1.1 + 10,000,000 JPY × 0.0067; the GBP deal has no rate.
    expect(gap.weight).toBeCloseTo(110_000 + 67_000, 6);
  });

  it('when deals close won, then the influence pool follows the USD size: 10,000,000 JPY is a 50k–250k deal, and a deal without a rate earns the smallest pool', async () => {
    await winWithItem('FX-JPY');
    // 67,000 USD: the 50k–250k band (25,000 milli-points), not the 1M-and-above band its face value would reach.
    expect(await influence('FX-JPY')).toBe(25_000);
    await winWithItem('FX-GBP');
    expect(await influence('FX-GBP')).toBe(10_000);
  });

  it('when the flow metrics sum won and influenced amounts, then they add USD values and leave out amounts without a rate', async () => {
    const res = await hub.api.get(`/api/flow/metrics?from=${today}&to=${tomorrow}`).set(bearer(ADMIN_TOKEN));
    expect(res.status).toBe(200);
    expect(res.body.influence.wonDeals).toBe(2);
    expect(res.body.influence.wonAmount).toBeCloseTo(67_000, 6);
    expect(res.body.influence.influencedDeals).toBe(2);
    expect(res.body.influence.influencedAmount).toBeCloseTo(67_000, 6);
    expect(res.body.influence.topItems[0].wonAmount).toBeCloseTo(67_000, 6);
  });
});
