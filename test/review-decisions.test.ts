import { bearer, databases, startTestHub, ADMIN_TOKEN, type TestHub } from './support/hub';

interface Note {
  kind: string;
  contentId: string | null;
  actorId: string | null;
  message: string;
}

/**
 * A reviewer's three decisions: approve (published), request changes (back to the authors' draft
 * with the comment, resubmittable) and reject (the submission is closed: archived with the comment,
 * out of the queue, not resubmittable until an author deliberately restores it as a draft).
 */
describe.each(databases())('review decisions on $name', ({ url }) => {
  let hub: TestHub;
  let author: string;
  let leader: string;
  const admin = bearer(ADMIN_TOKEN);

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, env: { HUB_REVIEW_TYPES: 'win_loss_analysis,battlecard' } });
    author = await hub.user('rd-author', 'author', 'Team RD');
    leader = await hub.user('rd-leader', 'leader', 'Team RL', { leadsTeams: ['Team RD'] });
  });
  afterAll(() => hub.stop());

  const submitted = async (title: string) => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'battlecard',
        title,
        summary: 'S',
        body: 'B',
        authors: [{ userId: 'rd-author', role: 'author', share: 1 }],
      });
    expect(created.status).toBe(201);
    const res = await hub.api.post(`/api/content/${created.body.id}/submit`).set(bearer(author)).send({ version: created.body.version });
    expect(res.body.status).toBe('in_review');
    return res.body as { id: string; version: number };
  };
  const inbox = async (token: string) => (await hub.api.get('/api/me/notifications').set(bearer(token))).body.notifications as Note[];
  const audit = async (id: string) => {
    const res = await hub.api.get(`/api/audit?targetId=${id}`).set(admin);
    return (res.body.entries ?? res.body) as { action: string; actorId?: string; details: Record<string, unknown> }[];
  };

  it('when the OpenAPI document is read, then request changes is there for reviewer roles, with its comment required', async () => {
    const doc = (await hub.api.get('/api/openapi.json').set(admin)).body;
    const op = doc.paths['/api/content/{id}/request-changes']?.post;
    expect(op?.['x-roles']).toEqual(['leader', 'admin']);
    expect(JSON.stringify(op?.requestBody)).toContain('comment');
  });

  it('when the queue lists an item, then it says which of the three decisions the viewer may take', async () => {
    const item = await submitted('RD: queue actions');
    const queue = await hub.api.get('/api/reviews/queue').set(bearer(leader));
    expect(queue.body.items.find((i: { id: string }) => i.id === item.id)).toMatchObject({
      may: { approve: true, requestChanges: true, reject: true },
    });
  });

  it('when a leader requests changes, then the item is its authors’ draft with the comment, audited and notified, and resubmitting clears the comment', async () => {
    const item = await submitted('RD: fix me');
    const res = await hub.api
      .post(`/api/content/${item.id}/request-changes`)
      .set(bearer(leader))
      .send({ version: item.version, comment: 'Name the pricing objection' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', reviewComment: 'Name the pricing objection' });
    expect((await hub.api.get('/api/reviews/queue').set(bearer(leader))).body.items.map((i: { id: string }) => i.id)).not.toContain(
      item.id,
    );

    const note = (await inbox(author)).find((n) => n.contentId === item.id);
    expect(note).toMatchObject({ kind: 'changes_requested', actorId: 'rd-leader' });
    expect(note!.message).toContain('Name the pricing objection');
    expect(await audit(item.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'content.request_changes', actorId: 'rd-leader' })]),
    );
    const mine = (await hub.api.get('/api/me/content').set(bearer(author))).body.items.find((i: { id: string }) => i.id === item.id);
    expect(mine).toMatchObject({ status: 'draft', reviewComment: 'Name the pricing objection' });

    const fixed = await hub.api
      .patch(`/api/content/${item.id}`)
      .set(bearer(author))
      .send({ version: res.body.version, body: 'B, with the pricing objection' });
    const again = await hub.api.post(`/api/content/${item.id}/submit`).set(bearer(author)).send({ version: fixed.body.version });
    expect(again.body).toMatchObject({ status: 'in_review', reviewComment: null });
    const approved = await hub.api.post(`/api/content/${item.id}/approve`).set(bearer(leader)).send({ version: again.body.version });
    expect(approved.body.status).toBe('published');
  });

  it('when a leader rejects, then the submission is closed: archived with the comment, told as a rejection, not resubmittable until restored as a draft', async () => {
    const item = await submitted('RD: not this');
    const res = await hub.api
      .post(`/api/content/${item.id}/reject`)
      .set(bearer(leader))
      .send({ version: item.version, comment: 'We do not compare on price' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'archived', reviewComment: 'We do not compare on price' });
    const note = (await inbox(author)).find((n) => n.contentId === item.id);
    expect(note).toMatchObject({ kind: 'rejected' });
    expect(note!.message).toContain('will not be published as is: We do not compare on price');
    expect(await audit(item.id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'content.reject' })]));

    expect((await hub.api.post(`/api/content/${item.id}/submit`).set(bearer(author)).send({ version: res.body.version })).status).toBe(409);
    const restored = await hub.api.post(`/api/content/${item.id}/restore`).set(bearer(author)).send({ version: res.body.version });
    expect(restored.body.status).toBe('draft');
  });

  it('when the comment is missing or blank, or the caller is no reviewer or the item is not in review, then it is refused', async () => {
    const item = await submitted('RD: refusals');
    for (const path of ['request-changes', 'reject']) {
      const missing = await hub.api.post(`/api/content/${item.id}/${path}`).set(bearer(leader)).send({ version: item.version });
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('validation_failed');
      expect(missing.body.error.message).toMatch(/^comment: comment is required/);
      expect(missing.body.error.details.issues[0].path).toBe('comment');
      expect((await hub.api.post(`/api/content/${item.id}/${path}`).set(bearer(leader)).send({ comment: '   ' })).status).toBe(400);
      // The route admits reviewer roles only: an author is refused before the item is looked at.
      expect((await hub.api.post(`/api/content/${item.id}/${path}`).set(bearer(author)).send({ comment: 'x' })).status).toBe(403);
    }
    const done = await hub.api.post(`/api/content/${item.id}/request-changes`).set(bearer(leader)).send({ comment: 'Once' });
    expect(done.status).toBe(200);
    // Back in draft it is the authors' again: hidden from the leader, and an admin is told it is not in review.
    expect((await hub.api.post(`/api/content/${item.id}/request-changes`).set(bearer(leader)).send({ comment: 'Twice' })).status).toBe(404);
    const twice = await hub.api.post(`/api/content/${item.id}/reject`).set(admin).send({ comment: 'Twice' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('The item is draft, not in review');
  });
});
