import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildHub } from '../server/hub';
import { silentLogger } from '../server/log';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/**
 * One write path, no side doors: every door that changes content applies the same role, review,
 * audit and event rules (the findings of the "one write path" issue, each reproduced here).
 */
const item = (over: Record<string, unknown> = {}) => ({
  kind: 'capability',
  contentType: 'battlecard',
  title: 'Battlecard against Snowcrest',
  summary: 'How we win',
  body: 'Lead with lineage.',
  competitors: ['Snowcrest'],
  authors: [{ userId: 'author-1', role: 'author', share: 1 }],
  ...over,
});
const analysis = (over: Record<string, unknown> = {}) => ({
  kind: 'situational',
  contentType: 'win_loss_analysis',
  title: 'Won against Snowcrest at Acme',
  summary: 'Lineage won it',
  body: 'What worked.',
  ...over,
});
const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n');

describe.each(databases())('one write path on $name', ({ url }) => {
  let hub: TestHub;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    t.rep = await hub.user('rep-1', 'rep', 'Team A');
    t.author = await hub.user('author-1', 'author', 'Team A');
    t.author2 = await hub.user('author-2', 'author', 'Team A');
    t.leader = await hub.user('leader-1', 'leader', 'Team A', { leadsTeams: ['Team A'] });
    t.colleague = await hub.user('rep-2', 'rep', 'Team A');
    t.otherLeader = await hub.user('leader-2', 'leader', 'Team A', { leadsTeams: ['Team A'] });
  });
  afterAll(() => hub.stop());

  const count = async () =>
    Number(
      (
        await hub.db.db
          .selectFrom('content_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importAs = (token: string, lines: unknown[]) =>
    hub.api.post('/api/content/import').set(bearer(token)).set('Content-Type', 'application/x-ndjson').send(ndjson(lines));

  it('when a rep creates content through POST or import, then both doors refuse it and nothing is stored', async () => {
    const before = await count();
    expect(
      (
        await hub.api
          .post('/api/content')
          .set(bearer(t.rep!))
          .send(item({ authors: [{ userId: 'rep-1', role: 'author', share: 1 }] }))
      ).status,
    ).toBe(403);
    const imported = await importAs(t.rep!, [
      { ...item({ authors: [{ userId: 'rep-1', role: 'author', share: 1 }], status: 'published' }), externalId: 'rep-side-door' },
    ]);
    expect(imported.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('when a rep listed as co-author submits a draft, then it goes to review instead of being published', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(t.author!))
      .send(
        item({
          title: 'Co-written draft',
          authors: [
            { userId: 'author-1', role: 'author', share: 0.5 },
            { userId: 'rep-1', role: 'co_author', share: 0.5 },
          ],
        }),
      );
    expect(created.status).toBe(201);
    expect((await hub.api.post(`/api/content/${created.body.id}/publish`).set(bearer(t.rep!)).send({})).status).toBe(403);
    const submitted = await hub.api.post(`/api/content/${created.body.id}/submit`).set(bearer(t.rep!)).send({});
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_review');
    // The rep's co-author may not approve it either; a leader of the team who did not write it may.
    expect((await hub.api.post(`/api/content/${created.body.id}/approve`).set(bearer(t.author!)).send({})).status).toBe(403);
    const approved = await hub.api.post(`/api/content/${created.body.id}/approve`).set(bearer(t.leader!)).send({});
    expect(approved.body.status).toBe('published');
  });

  it('when an author imports a published win/loss analysis, then the line fails; an admin migrating approved history is audited', async () => {
    const line = {
      ...analysis({ status: 'published', authors: [{ userId: 'author-1', role: 'author', share: 1 }] }),
      externalId: 'wl-import-1',
    };
    const byAuthor = await importAs(t.author!, [line]);
    expect(byAuthor.status).toBe(200);
    expect(byAuthor.body).toMatchObject({ created: 0, failed: [{ line: 1, externalId: 'wl-import-1' }] });
    expect(byAuthor.body.failed[0].error).toMatch(/review/);
    const byAdmin = await importAs(ADMIN_TOKEN, [line]);
    expect(byAdmin.body).toMatchObject({ created: 1, failed: [] });
    const audit = await hub.api.get('/api/audit?action=content.published_without_review').set(bearer(ADMIN_TOKEN));
    expect(audit.body.entries ?? audit.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'content.published_without_review' })]),
    );
  });

  it('when a leader-author moves authorship during review and tries to approve, then the item is back in draft and she may not approve it', async () => {
    const mine = await hub.api
      .post('/api/content')
      .set(bearer(t.leader!))
      .send(analysis({ authors: [{ userId: 'leader-1', role: 'author', share: 1 }] }));
    expect(mine.status).toBe(201);
    const id = mine.body.id as string;
    expect((await hub.api.post(`/api/content/${id}/submit`).set(bearer(t.leader!)).send({})).body.status).toBe('in_review');
    const moved = await hub.api
      .patch(`/api/content/${id}`)
      .set(bearer(t.leader!))
      .send({ version: 2, authors: [{ userId: 'author-2', role: 'author', share: 1 }] });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('draft');
    // Submitted again by her, the item still names her as its submitter and owner.
    expect((await hub.api.post(`/api/content/${id}/submit`).set(bearer(t.leader!)).send({})).body.status).toBe('in_review');
    expect((await hub.api.post(`/api/content/${id}/approve`).set(bearer(t.leader!)).send({})).status).toBe(403);
    expect((await hub.api.post(`/api/content/${id}/approve`).set(bearer(t.otherLeader!)).send({})).body.status).toBe('published');
  });

  it('when a leader creates an analysis as its owner with a colleague as author and submits it, then she may not approve it', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(t.leader!))
      .send(analysis({ title: 'Owned by the approver', owner: 'leader-1', authors: [{ userId: 'rep-2', role: 'author', share: 1 }] }));
    expect(created.status).toBe(201);
    expect((await hub.api.post(`/api/content/${created.body.id}/submit`).set(bearer(t.leader!)).send({})).body.status).toBe('in_review');
    expect((await hub.api.post(`/api/content/${created.body.id}/approve`).set(bearer(t.leader!)).send({})).status).toBe(403);
    // The queue only offers what the viewer may approve.
    const queue = await hub.api.get('/api/reviews/queue').set(bearer(t.leader!));
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
  });

  it('when a colleague submits an item after the leader edited it in review, then the leader who edited during review may not approve it', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(t.author2!))
      .send(analysis({ title: 'Edited in review', authors: [{ userId: 'author-2', role: 'author', share: 1 }] }));
    const id = created.body.id as string;
    await hub.api.post(`/api/content/${id}/submit`).set(bearer(t.author2!)).send({});
    // An admin adds the leader as editor: authorship changed, so back to draft; then resubmitted.
    const added = await hub.api
      .patch(`/api/content/${id}`)
      .set(bearer(ADMIN_TOKEN))
      .send({
        version: 2,
        authors: [
          { userId: 'author-2', role: 'author', share: 0.9 },
          { userId: 'leader-1', role: 'editor', share: 0.1 },
        ],
      });
    expect(added.body.status).toBe('draft');
    await hub.api.post(`/api/content/${id}/submit`).set(bearer(t.author2!)).send({});
    const edited = await hub.api.patch(`/api/content/${id}`).set(bearer(t.leader!)).send({ version: 4, summary: 'Sharper summary' });
    expect(edited.body.status).toBe('in_review');
    expect((await hub.api.post(`/api/content/${id}/approve`).set(bearer(t.leader!)).send({})).status).toBe(403);
  });

  it('when an import changes visibility or authors, then the audit log records it as PATCH would', async () => {
    const line = { ...item({ title: 'Imported sheet', contentType: 'product_sheet' }), externalId: 'audit-me', status: 'published' };
    expect((await importAs(t.author!, [line])).body.created).toBe(1);
    const again = await importAs(t.author!, [
      {
        ...line,
        visibility: { scope: 'teams', teams: ['Team A'] },
        authors: [
          { userId: 'author-1', role: 'author', share: 0.5 },
          { userId: 'author-2', role: 'co_author', share: 0.5 },
        ],
      },
    ]);
    expect(again.body).toMatchObject({ updated: 1, failed: [] });
    const id = (await hub.contentStore.byExternalIds(['audit-me'])).get('audit-me')?.id as string;
    const audit = await hub.api.get(`/api/audit?targetId=${id}`).set(bearer(ADMIN_TOKEN));
    const entries = (audit.body.entries ?? audit.body) as { action: string; details: { via: string } }[];
    expect(entries.map((e) => e.action)).toContain('content.visibility_change');
    expect(entries[0]?.details.via).toBe('import');
  });

  it('when an import line carries unknown fields, then that line fails as POST would and the others go in', async () => {
    const res = await importAs(t.author!, [
      { ...item({ title: 'Mass assignment' }), externalId: 'mass-1', isAdmin: true, id: 'ci-chosen', version: 99 },
      { ...item({ title: 'Clean line' }), externalId: 'clean-1' },
    ]);
    expect(res.body.created).toBe(1);
    expect(res.body.failed).toEqual([expect.objectContaining({ line: 1, externalId: 'mass-1' })]);
    expect(res.body.failed[0].error).toMatch(/isAdmin|unrecognized|Unrecognized/);
    expect((await hub.contentStore.byExternalIds(['mass-1'])).size).toBe(0);
  });

  it('when a duplicate externalId comes a thousand lines later, then the later line fails instead of overwriting the first', async () => {
    const lines = Array.from({ length: 1001 }, (_, i) => ({ ...item({ title: `Bulk ${i}` }), externalId: `bulk-${i}` }));
    lines.push({ ...item({ title: 'Overwrite attempt' }), externalId: 'bulk-0' });
    const res = await importAs(t.author!, lines);
    expect(res.body.created).toBe(1001);
    expect(res.body.failed).toEqual([expect.objectContaining({ line: 1002, externalId: 'bulk-0' })]);
    expect((await hub.contentStore.byExternalIds(['bulk-0'])).get('bulk-0')?.title).toBe('Bulk 0');
  });

  it('when someone derives from an item, then the derivation is a usage event credited to the source authors like any other', async () => {
    const source = await hub.api
      .post('/api/content')
      .set(bearer(t.author!))
      .send(item({ title: 'Source to derive', status: 'published' }));
    const derived = await hub.api.post(`/api/content/${source.body.id}/derive`).set(bearer(t.author2!)).send({});
    expect(derived.status).toBe(201);
    await hub.credits.drainPending();
    const entries = await hub.db.db
      .selectFrom('credit_entries')
      .selectAll()
      .where('content_id', '=', source.body.id)
      .where('type', '=', 'derive')
      .execute();
    expect(entries.map((e) => [e.user_id, Number(e.milli_points)])).toEqual([['author-1', 10_000]]);
    expect(await hub.db.db.selectFrom('credit_pending').selectAll().execute()).toEqual([]);
  });

  it('when the hub is killed between storing an event and crediting it, then the credit is there after a restart', async () => {
    const source = await hub.api
      .post('/api/content')
      .set(bearer(t.author!))
      .send(item({ title: 'Crash-proof credit', status: 'published' }));
    // One process (tsx as a loader, not its CLI wrapper), so the SIGKILL ends the hub itself.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'crash-after-event.ts')], {
      env: { ...process.env, HUB_TEST_CONFIG: JSON.stringify(hub.config), CRASH_ACTOR: 'rep-2', CRASH_CONTENT: source.body.id },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect({ signal, out: out.trim() }).toEqual({ signal: 'SIGKILL', out: 'stored' });
    const event = await hub.db.db
      .selectFrom('usage_events')
      .selectAll()
      .where('content_id', '=', source.body.id)
      .where('type', '=', 'helpful')
      .executeTakeFirstOrThrow();
    const creditedBefore = await hub.db.db.selectFrom('credit_entries').select('id').where('event_id', '=', event.event_id).execute();
    expect(creditedBefore).toEqual([]);

    // A restart: a new hub on the same database drains what is pending.
    const restarted = await buildHub(hub.config, { logger: silentLogger, startRelay: false, search: hub.search });
    try {
      await restarted.credits.drainPending();
      const credited = await hub.db.db
        .selectFrom('credit_entries')
        .select(['user_id', 'milli_points'])
        .where('event_id', '=', event.event_id)
        .execute();
      expect(credited.map((c) => [c.user_id, Number(c.milli_points)])).toEqual([['author-1', 2_000]]);
    } finally {
      await restarted.close();
    }
  });

  it('when the OpenAPI document is read, then every authenticated operation lists the roles it admits', async () => {
    const doc = (await hub.api.get('/api/openapi.json').set(bearer(ADMIN_TOKEN))).body as {
      paths: Record<string, Record<string, { security?: unknown[]; 'x-roles'?: string[]; description?: string }>>;
    };
    const missing: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (!isPublic && !(op['x-roles']?.length && op.description?.startsWith('Roles: '))) missing.push(`${method} ${p}`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/api/content/{id}/approve']?.post?.['x-roles']).toEqual(['leader', 'admin']);
  });
});
