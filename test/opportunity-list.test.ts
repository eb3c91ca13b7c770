import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

describe.each(databases())('the opportunity list on $name', ({ url }) => {
  let hub: TestHub;
  let owner: string;
  let teammate: string;
  let outsider: string;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    owner = await hub.user('ol-owner', 'rep', 'Team North');
    teammate = await hub.user('ol-mate', 'rep', 'Team North');
    outsider = await hub.user('ol-out', 'rep', 'Team South');
    for (const [id, stage] of [
      ['ol-1', 'Proposal'],
      ['ol-2', 'Pilot review'],
    ] as const) {
      const res = await hub.api
        .post('/api/opportunities')
        .set(bearer(ADMIN_TOKEN))
        .send({ id, name: `Deal ${id}`, accountName: 'Acme', amount: 120_000, stage, ownerId: 'ol-owner' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => hub.stop());

  const list = async (token: string) => {
    const res = await hub.api.get('/api/opportunities').set(bearer(token));
    expect(res.status).toBe(200);
    return res.body.opportunities as { id: string; amount: number | null; amountBand: string | null; ownerName: string | null }[];
  };

  it('when a teammate lists deals they do not own, then they see the owner and the amount band, not the amount', async () => {
    const rows = await list(teammate);
    expect(rows.find((o) => o.id === 'ol-1')).toMatchObject({ amount: null, amountBand: '50k–250k', ownerName: 'ol owner' });
    expect((await list(owner)).find((o) => o.id === 'ol-1')).toMatchObject({
      amount: 120_000,
      amountBand: '50k–250k',
      ownerName: 'ol owner',
    });
    // Deals of other teams stay out of the list, owner names included.
    expect((await list(outsider)).map((o) => o.id)).not.toContain('ol-1');
  });

  it('when the Stage filter asks for stages, then it gets one vocabulary in pipeline order, with stages outside it after', async () => {
    const res = await hub.api.get('/api/opportunities/stages').set(bearer(teammate));
    expect(res.status).toBe(200);
    expect(res.body.stages).toEqual([
      'Prospecting',
      'Qualification',
      'Discovery',
      'Proposal',
      'Negotiation',
      'Closed Won',
      'Closed Lost',
      'Pilot review',
    ]);
  });
});
