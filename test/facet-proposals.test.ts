import { bearer, databases, startTestHub, ADMIN_TOKEN, type TestHub } from './support/hub';

interface Note {
  kind: string;
  contentId: string | null;
  actorId: string | null;
  message: string;
}

/**
 * A value an author proposes for a facet reaches the admins: stored, listed, accepted into the
 * taxonomy (audited) or rejected with a reason, the proposer told either way. The item carries the
 * value from the start; nothing waits on the decision.
 */
describe.each(databases())('facet proposals on $name', ({ url }) => {
  let hub: TestHub;
  let author: string;
  let other: string;
  let rep: string;
  let admin2: string;
  const admin = bearer(ADMIN_TOKEN);

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    author = await hub.user('fp-author', 'author', 'Team FP');
    other = await hub.user('fp-other', 'author', 'Team FO');
    rep = await hub.user('fp-rep', 'rep', 'Team FP');
    admin2 = await hub.user('fp-admin', 'admin', 'Ops');
    expect(
      (
        await hub.api
          .put('/api/taxonomies/competitors')
          .set(admin)
          .send({ terms: [{ value: 'Geotab' }] })
      ).status,
    ).toBe(200);
  });
  afterAll(() => hub.stop());

  const inbox = async (token: string) => (await hub.api.get('/api/me/notifications').set(bearer(token))).body.notifications as Note[];
  const draft = async (competitors: string[]) => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'battlecard',
        title: 'FP: against Samsara',
        summary: 'S',
        body: 'B',
        competitors,
        authors: [{ userId: 'fp-author', role: 'author', share: 1 }],
      });
    expect(res.status).toBe(201);
    return res.body as { id: string; competitors: string[] };
  };

  it('when an author proposes a value on their draft, then the draft keeps it, the admins are told and see it pending; a repeat finds the same proposal', async () => {
    const item = await draft(['Geotab', 'Samsara']);
    expect(item.competitors).toEqual(['Geotab', 'Samsara']);
    const res = await hub.api
      .post('/api/taxonomies/proposals')
      .set(bearer(author))
      .send({ kind: 'competitors', value: 'Samsara', contentId: item.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'competitors',
      value: 'Samsara',
      status: 'pending',
      contentId: item.id,
      proposedBy: { id: 'fp-author', name: expect.any(String) },
    });
    const again = await hub.api.post('/api/taxonomies/proposals').set(bearer(other)).send({ kind: 'competitors', value: 'samsara' });
    expect(again.body.id).toBe(res.body.id);

    for (const token of [ADMIN_TOKEN, admin2]) {
      const note = (await inbox(token)).find((n) => n.kind === 'facet_proposed');
      expect(note).toMatchObject({ actorId: 'fp-author' });
      expect(note!.message).toContain('proposed "Samsara" for competitors');
    }
    const list = await hub.api.get('/api/taxonomies/proposals').set(admin);
    expect(list.status).toBe(200);
    expect(list.body.proposals.filter((p: { value: string }) => p.value.toLowerCase() === 'samsara')).toHaveLength(1);
  });

  it('when an admin accepts, then the value joins the taxonomy, audited, and the proposer is told; a second decision is a 409', async () => {
    const pending = (await hub.api.get('/api/taxonomies/proposals').set(admin)).body.proposals.find(
      (p: { value: string }) => p.value === 'Samsara',
    );
    const res = await hub.api.post(`/api/taxonomies/proposals/${pending.id}/accept`).set(admin).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', decidedBy: expect.any(String) });
    expect((await hub.api.get('/api/taxonomies').set(bearer(rep))).body.competitors.map((t: { value: string }) => t.value)).toEqual([
      'Geotab',
      'Samsara',
    ]);
    const audit = await hub.api.get('/api/audit?targetId=competitors').set(admin);
    const entries = (audit.body.entries ?? audit.body) as { action: string; details: Record<string, unknown> }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'taxonomy.add',
          details: expect.objectContaining({ value: 'Samsara', via: 'proposal', proposalId: pending.id }),
        }),
      ]),
    );
    expect((await inbox(author)).find((n) => n.kind === 'proposal_accepted')).toMatchObject({
      contentId: pending.contentId,
      message: expect.stringContaining('added "Samsara" to competitors'),
    });
    expect((await hub.api.post(`/api/taxonomies/proposals/${pending.id}/reject`).set(admin).send({ reason: 'late' })).status).toBe(409);
    expect(
      (await hub.api.post('/api/taxonomies/proposals').set(bearer(author)).send({ kind: 'competitors', value: 'SAMSARA' })).status,
    ).toBe(409);
  });

  it('when an admin rejects with a reason, then it is recorded, audited and the proposer is told why; the item keeps its value', async () => {
    const item = await draft(['Verizon Connect Fleet']);
    const proposed = await hub.api
      .post('/api/taxonomies/proposals')
      .set(bearer(author))
      .send({ kind: 'competitors', value: 'Verizon Connect Fleet', contentId: item.id });
    const missing = await hub.api.post(`/api/taxonomies/proposals/${proposed.body.id}/reject`).set(admin).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe('reason');
    const res = await hub.api
      .post(`/api/taxonomies/proposals/${proposed.body.id}/reject`)
      .set(admin)
      .send({ reason: 'We list it as Verizon Connect' });
    expect(res.body).toMatchObject({ status: 'rejected', reason: 'We list it as Verizon Connect' });
    const audit = await hub.api.get(`/api/audit?targetId=${proposed.body.id}`).set(admin);
    expect((audit.body.entries ?? audit.body) as { action: string }[]).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'taxonomy.proposal_reject' })]),
    );
    expect((await inbox(author)).find((n) => n.kind === 'proposal_rejected')!.message).toContain('We list it as Verizon Connect');
    expect((await hub.api.get(`/api/content/${item.id}`).set(bearer(author))).body.competitors).toEqual(['Verizon Connect Fleet']);
    const rejected = await hub.api.get('/api/taxonomies/proposals?status=rejected').set(admin);
    expect(rejected.body.proposals.map((p: { value: string }) => p.value)).toEqual(['Verizon Connect Fleet']);
  });

  it('when the OpenAPI document is read, then proposing admits authors, leaders and admins, and deciding admins only', async () => {
    const doc = (await hub.api.get('/api/openapi.json').set(admin)).body;
    expect(doc.paths['/api/taxonomies/proposals']?.post?.['x-roles']).toEqual(['author', 'leader', 'admin']);
    expect(doc.paths['/api/taxonomies/proposals']?.get?.['x-roles']).toEqual(['admin']);
    expect(doc.paths['/api/taxonomies/proposals/{id}/accept']?.post?.['x-roles']).toEqual(['admin']);
    expect(doc.paths['/api/taxonomies/proposals/{id}/reject']?.post?.['x-roles']).toEqual(['admin']);
  });

  it('when the caller may not propose or decide, or names an item they cannot see, then it is refused', async () => {
    expect((await hub.api.post('/api/taxonomies/proposals').set(bearer(rep)).send({ kind: 'competitors', value: 'Motive' })).status).toBe(
      403,
    );
    expect((await hub.api.get('/api/taxonomies/proposals').set(bearer(author))).status).toBe(403);
    const item = await draft([]);
    expect(
      (
        await hub.api
          .post('/api/taxonomies/proposals')
          .set(bearer(other))
          .send({ kind: 'competitors', value: 'Motive', contentId: item.id })
      ).status,
    ).toBe(404);
    expect((await hub.api.post('/api/taxonomies/proposals').set(bearer(author)).send({ kind: 'reasonCodes', value: 'Price' })).status).toBe(
      400,
    );
    const proposed = await hub.api.post('/api/taxonomies/proposals').set(bearer(author)).send({ kind: 'competitors', value: 'Motive' });
    expect((await hub.api.post(`/api/taxonomies/proposals/${proposed.body.id}/accept`).set(bearer(author)).send({})).status).toBe(403);
    expect((await hub.api.post('/api/taxonomies/proposals/999999/accept').set(admin).send({})).status).toBe(404);
  });
});
