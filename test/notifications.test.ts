import { bearer, databases, startTestHub, ADMIN_TOKEN, type TestHub } from './support/hub';

interface Note {
  id: number;
  kind: string;
  contentId: string | null;
  actorId: string | null;
  message: string;
  readAt: string | null;
}

/**
 * The in-hub inbox: people are told, in the transaction of the change, when their work is
 * approved, sent back, flagged, derived from, archived or earns credit on a won deal, when a
 * request is assigned to them and when an item is due; only they read and mark their notifications.
 */
describe.each(databases())('notifications on $name', ({ url }) => {
  let hub: TestHub;
  let author: string;
  let coAuthor: string;
  let leader: string;
  let rep: string;
  let other: string;
  const admin = bearer(ADMIN_TOKEN);

  beforeAll(async () => {
    // Battlecards need review here, so the author's item goes through a leader.
    hub = await startTestHub({ databaseUrl: url, env: { HUB_REVIEW_TYPES: 'win_loss_analysis,battlecard' } });
    author = await hub.user('n-author', 'author', 'Team N');
    coAuthor = await hub.user('n-coauthor', 'author', 'Team N');
    leader = await hub.user('n-leader', 'leader', 'Team L', { leadsTeams: ['Team N'] });
    rep = await hub.user('n-rep', 'rep', 'Team N');
    other = await hub.user('n-other', 'author', 'Team O');
  });
  afterAll(() => hub.stop());

  const inbox = async (token: string, query = '') => {
    const res = await hub.api.get(`/api/me/notifications${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as { unread: number; notifications: Note[] };
  };

  it('when a leader requests changes to a battlecard and later approves it, then its authors are told, with the comment, and the leader is not', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'battlecard',
        title: 'Beating Rival N',
        summary: 'How we win',
        body: 'Body',
        authors: [
          { userId: 'n-author', role: 'author', share: 0.6 },
          { userId: 'n-coauthor', role: 'co_author', share: 0.4 },
        ],
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let version = created.body.version as number;
    const submitted = await hub.api.post(`/api/content/${id}/submit`).set(bearer(author)).send({ version });
    expect(submitted.body.status).toBe('in_review');
    const rejected = await hub.api
      .post(`/api/content/${id}/request-changes`)
      .set(bearer(leader))
      .send({ version: submitted.body.version, comment: 'Add the pricing objection' });
    expect(rejected.status).toBe(200);

    for (const token of [author, coAuthor]) {
      const { unread, notifications } = await inbox(token);
      expect(unread).toBe(1);
      expect(notifications[0]).toMatchObject({ kind: 'changes_requested', contentId: id, actorId: 'n-leader', readAt: null });
      expect(notifications[0]!.message).toContain('Add the pricing objection');
    }
    expect((await inbox(leader)).notifications).toEqual([]);

    version = rejected.body.version;
    const again = await hub.api.post(`/api/content/${id}/submit`).set(bearer(author)).send({ version });
    const approved = await hub.api.post(`/api/content/${id}/approve`).set(bearer(leader)).send({ version: again.body.version });
    expect(approved.body.status).toBe('published');
    const { notifications } = await inbox(coAuthor);
    expect(notifications.map((n) => n.kind)).toEqual(['approved', 'changes_requested']);
  });

  it('when someone derives from, flags or archives an item, or an admin assigns a request, then the people concerned are told', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Data residency FAQ',
        summary: 'Where data lives',
        body: 'Body',
        status: 'published',
        authors: [{ userId: 'n-author', role: 'author', share: 1 }],
      });
    const id = created.body.id as string;
    await hub.api.post('/api/me/notifications/read').set(bearer(author)).send({});

    const derived = await hub.api.post(`/api/content/${id}/derive`).set(bearer(other)).send({ title: 'Data residency FAQ for banks' });
    expect(derived.status).toBe(201);
    const flagged = await hub.api
      .post('/api/events')
      .set(bearer(rep))
      .set('Idempotency-Key', 'flag-n-0001')
      .send({ type: 'flag_outdated', contentId: id, note: 'Frankfurt region is live now' });
    expect(flagged.status).toBe(201);
    const request = await hub.api
      .post('/api/flow/content-requests')
      .set(admin)
      .send({ query: 'sovereign cloud', assignee: 'n-author', note: 'asked 14 times' });
    expect(request.status).toBe(201);
    const archived = await hub.api.post(`/api/content/${id}/archive`).set(bearer(leader)).send({ version: created.body.version });
    expect(archived.status).toBe(200);

    const { unread, notifications } = await inbox(author, '?unreadOnly=true');
    expect(notifications.map((n) => n.kind).sort()).toEqual(['archived', 'derived_from_mine', 'flagged_outdated', 'request_assigned']);
    expect(unread).toBe(4);
    // It points at the author's own item: the new draft is its deriver's until published.
    expect(notifications.find((n) => n.kind === 'derived_from_mine')).toMatchObject({ contentId: id, actorId: 'n-other' });
    expect(JSON.stringify(notifications)).not.toContain('for banks');
    expect(notifications.find((n) => n.kind === 'flagged_outdated')!.message).toContain('Frankfurt region is live now');
    expect(notifications.find((n) => n.kind === 'request_assigned')!.message).toContain('sovereign cloud');
  });

  it('when a leader undoes an archive, then the item is published again, the restore is audited and the authors are told; a stale version is refused', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Backup window FAQ',
        summary: 'When backups run',
        body: 'Body',
        status: 'published',
        authors: [
          { userId: 'n-author', role: 'author', share: 0.5 },
          { userId: 'n-coauthor', role: 'co_author', share: 0.5 },
        ],
      });
    const id = created.body.id as string;
    const archived = await hub.api.post(`/api/content/${id}/archive`).set(bearer(leader)).send({ version: created.body.version });
    expect(archived.status).toBe(200);
    expect((await hub.api.post(`/api/content/${id}/restore`).set(bearer(leader)).send({ version: created.body.version })).status).toBe(409);
    expect((await hub.api.post(`/api/content/${id}/restore`).set(bearer(rep)).send({ version: archived.body.version })).status).toBe(403);
    const restored = await hub.api.post(`/api/content/${id}/restore`).set(bearer(leader)).send({ version: archived.body.version });
    expect(restored.status).toBe(200);
    expect(restored.body.status).toBe('published');

    const audit = await hub.api.get(`/api/audit?targetId=${id}`).set(admin);
    const entries = (audit.body.entries ?? audit.body) as { action: string; actorId?: string; details: Record<string, unknown> }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'content.archive',
          actorId: 'n-leader',
          details: expect.objectContaining({ from: 'published' }),
        }),
        expect.objectContaining({ action: 'content.restore', details: expect.objectContaining({ from: 'archived', to: 'published' }) }),
      ]),
    );
    for (const person of [author, coAuthor]) {
      const note = (await inbox(person)).notifications.find((n) => n.kind === 'restored' && n.contentId === id);
      expect(note).toMatchObject({ actorId: 'n-leader', message: 'n leader restored "Backup window FAQ"' });
    }
    expect((await inbox(leader)).notifications.some((n) => n.kind === 'restored')).toBe(false);
  });

  it('when notifications are marked read, then only the reader’s own change, by id or all at once', async () => {
    const mine = (await inbox(author, '?unreadOnly=true')).notifications;
    const theirs = (await inbox(coAuthor)).notifications;
    const first = await hub.api
      .post('/api/me/notifications/read')
      .set(bearer(author))
      .send({ ids: [mine[0]!.id, theirs[0]!.id] });
    expect(first.body).toEqual({ marked: 1, unread: mine.length - 1 });
    expect((await inbox(coAuthor)).notifications[0]!.readAt).toBeNull();
    const all = await hub.api.post('/api/me/notifications/read').set(bearer(author)).send({});
    expect(all.body).toEqual({ marked: mine.length - 1, unread: 0 });
    expect(
      (
        await hub.api
          .post('/api/me/notifications/read')
          .set(bearer(author))
          .send({ ids: ['x'] })
      ).status,
    ).toBe(400);
    expect((await hub.api.get('/api/me/notifications?limit=abc').set(bearer(author))).status).toBe(400);
    expect((await hub.api.get('/api/me/notifications')).status).toBe(401);
  });

  it('when an item is due for verification, then its owner and authors are reminded once per due date; old notifications are purged', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Stale sizing guide',
        summary: 's',
        body: 'b',
        status: 'published',
        verifyEveryDays: 1,
        authors: [
          { userId: 'n-author', role: 'author', share: 0.5 },
          { userId: 'n-coauthor', role: 'co_author', share: 0.5 },
        ],
      });
    const id = created.body.id as string;
    await hub.db.db
      .updateTable('content_items')
      .set({ verified_at: new Date(Date.now() - 3 * 86_400_000).toISOString() })
      .where('id', '=', id)
      .execute();
    await hub.notifications.remindDue();
    await hub.notifications.remindDue();
    for (const token of [author, coAuthor]) {
      const due = (await inbox(token)).notifications.filter((n) => n.kind === 'verification_due' && n.contentId === id);
      expect(due).toHaveLength(1);
      expect(due[0]!.message).toContain('Stale sizing guide');
    }
    await hub.db.db
      .updateTable('notifications')
      .set({ created_at: new Date(Date.now() - 400 * 86_400_000).toISOString() })
      .where('user_id', '=', 'n-coauthor')
      .execute();
    expect(await hub.notifications.purge()).toBeGreaterThan(0);
    expect((await inbox(coAuthor)).notifications).toEqual([]);
  });
});
