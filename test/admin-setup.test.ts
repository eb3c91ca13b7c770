import path from 'node:path';
import { buildHub } from '../server/hub';
import { silentLogger } from '../server/log';
import { SearchQuery } from '../server/search/schema';
import { ensureContentIndex, loadSynonyms } from '../server/search/contentIndex';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

const admin = bearer(ADMIN_TOKEN);
const SYNONYMS_FILE = path.resolve(__dirname, '../server/search/synonyms.json');

describe.each(databases())('admin setup API on $name', ({ url }) => {
  let hub: TestHub;
  let author: string;
  let others: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, hub: { startRelay: false } });
    author = await hub.user('author-1', 'author');
    others = {
      rep: await hub.user('rep-1', 'rep'),
      author,
      leader: await hub.user('leader-1', 'leader', 'Team A', { leadsTeams: ['Team A'] }),
    };
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Running the platform on Kubernetes',
        summary: 'Helm charts and sizing for container deployments.',
        body: 'Use the official chart.',
        products: ['Lakehouse Core'],
        authors: [{ userId: 'author-1', role: 'author', share: 1 }],
        status: 'published',
      });
    expect(created.status).toBe(201);
  });
  afterAll(() => hub.stop());

  const searchIds = async (q: string) => {
    const res = await hub.api.get(`/api/search?q=${encodeURIComponent(q)}`).set(bearer(others.rep as string));
    expect(res.status).toBe(200);
    return res.body.hits.map((h: { title: string }) => h.title);
  };
  const auditOf = async (query: string) =>
    (await hub.api.get(`/api/audit?${query}`).set(admin)).body.entries as {
      action: string;
      actorId: string;
      details: Record<string, unknown>;
    }[];

  it('when a non-admin calls an admin search endpoint, then it is refused with 403', async () => {
    for (const token of Object.values(others)) {
      expect((await hub.api.get('/api/admin/search/index').set(bearer(token))).status).toBe(403);
      expect((await hub.api.get('/api/admin/search/synonyms').set(bearer(token))).status).toBe(403);
      expect(
        (
          await hub.api
            .put('/api/admin/search/synonyms')
            .set(bearer(token))
            .send({ groups: [['a', 'b']] })
        ).status,
      ).toBe(403);
      expect((await hub.api.post('/api/admin/search/reindex-jobs').set(bearer(token))).status).toBe(403);
      expect((await hub.api.get('/api/audit?actorId=x').set(bearer(token))).status).toBe(403);
    }
    expect(await auditOf('action=search.reindex')).toEqual([]);
  });

  it('when a change waits in the outbox, then the index status shows the depth, and the document count once relayed', async () => {
    const before = await hub.api.get('/api/admin/search/index').set(admin);
    expect(before.status).toBe(200);
    expect(before.body.outbox.pending).toBeGreaterThanOrEqual(1);
    expect(before.body).toMatchObject({ engine: { healthy: true }, reindex: null, synonyms: { source: 'file' } });
    await hub.relay.drain();
    const after = await hub.api.get('/api/admin/search/index').set(admin);
    expect(after.body.outbox).toEqual({ pending: 0, oldestAgeSeconds: 0, failing: [] });
    expect(after.body.index.documents).toBe(1);
  });

  it('when no admin saved synonyms, then the shipped file applies', async () => {
    const res = await hub.api.get('/api/admin/search/synonyms').set(admin);
    expect(res.body).toMatchObject({ source: 'file', updatedAt: null });
    expect(res.body.groups).toContainEqual(['roi', 'return on investment']);
  });

  it('when a synonym group is invalid, then it is refused naming the field and nothing is stored', async () => {
    const one = await hub.api
      .put('/api/admin/search/synonyms')
      .set(admin)
      .send({ groups: [['k8s']] });
    expect(one.status).toBe(400);
    expect(JSON.stringify(one.body.error.details)).toContain('groups.0');
    const twice = await hub.api
      .put('/api/admin/search/synonyms')
      .set(admin)
      .send({ groups: [['k8s', 'K8S']] });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body.error.details)).toContain('groups.0.1');
    expect((await hub.api.put('/api/admin/search/synonyms').set(admin).send({ groups: [], extra: 1 })).status).toBe(400);
    expect((await hub.api.get('/api/admin/search/synonyms').set(admin)).body.source).toBe('file');
  });

  it('when an admin saves a synonym, then search by it finds items using the other word, and the change is audited', async () => {
    expect(await searchIds('k8s')).toEqual([]);
    const saved = await hub.api
      .put('/api/admin/search/synonyms')
      .set(admin)
      .send({
        groups: [
          ['roi', 'return on investment'],
          ['k8s', 'kubernetes'],
        ],
      });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      source: 'admin',
      updatedBy: 'hub-admin',
      groups: [
        ['roi', 'return on investment'],
        ['k8s', 'kubernetes'],
      ],
    });
    expect(await searchIds('k8s')).toEqual(['Running the platform on Kubernetes']);
    const [entry] = await auditOf('action=synonyms.replace');
    expect(entry).toMatchObject({ actorId: 'hub-admin', details: { added: ['k8s = kubernetes'], groups: 2 } });
    expect((entry?.details.removed as string[]).length).toBeGreaterThan(10);
  });

  it('when a reindex runs in the background, then it reports progress, is audited, and the synonyms survive it', async () => {
    const started = await hub.api.post('/api/admin/search/reindex-jobs').set(admin);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', startedBy: 'hub-admin' });
    let job = started.body;
    for (let i = 0; i < 200 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await hub.api.get('/api/admin/search/index').set(admin)).body.reindex;
    }
    expect(job).toMatchObject({
      id: started.body.id,
      state: 'done',
      report: { added: 0, updated: 0, deleted: 0, unchanged: 1 },
      error: null,
    });
    expect(job.progress).toContain('done');
    expect(await auditOf('action=search.reindex')).toEqual([
      expect.objectContaining({ actorId: 'hub-admin', details: { jobId: started.body.id } }),
    ]);
    expect(await searchIds('k8s')).toEqual(['Running the platform on Kubernetes']);
  });

  it('when the waiting reindex (npm run reindex against a running hub) runs, then it is audited and keeps the synonyms', async () => {
    const res = await hub.api.post('/api/admin/search/reindex').set(admin);
    expect(res.body).toEqual({ added: 0, updated: 0, deleted: 0, unchanged: 1 });
    expect((await auditOf('action=search.reindex'))[0]).toMatchObject({ actorId: 'hub-admin', details: { via: 'api' } });
    expect(await searchIds('k8s')).toEqual(['Running the platform on Kubernetes']);
  });

  it('when the hub restarts on an index that lost its synonyms, then the saved ones are applied again', async () => {
    await ensureContentIndex(hub.search.client, hub.search.contentIndex, loadSynonyms(SYNONYMS_FILE));
    expect(await searchIds('k8s')).toEqual([]);
    const restarted = await buildHub(hub.config, { logger: silentLogger, startRelay: false });
    try {
      const res = await restarted.searchService.search(
        { id: 'rep-1', name: 'rep 1', role: 'rep', team: 'Team A', leadsTeams: [], salesforceUserId: null },
        SearchQuery.parse({ q: 'k8s' }),
      );
      expect(res.hits.map((h) => h.title)).toEqual(['Running the platform on Kubernetes']);
    } finally {
      await restarted.close();
    }
  });

  it('when the audit log is filtered by actor and target type, then only those entries come back, newest first, paged by id', async () => {
    const byAdmin = await auditOf('actorId=hub-admin&targetType=user');
    expect(byAdmin.length).toBeGreaterThanOrEqual(6);
    expect(byAdmin.every((e) => e.actorId === 'hub-admin' && ['user.create', 'token.issue'].includes(e.action))).toBe(true);
    const first = (await hub.api.get('/api/audit?actorId=hub-admin&limit=2').set(admin)).body.entries as { id: number }[];
    const next = (await hub.api.get(`/api/audit?actorId=hub-admin&limit=2&before=${first[1]?.id}`).set(admin)).body.entries as {
      id: number;
    }[];
    expect(next[0]?.id).toBeLessThan(first[1]?.id as number);
    expect(await auditOf('actorId=nobody')).toEqual([]);
  });
});
