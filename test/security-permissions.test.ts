import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/**
 * The permission matrix: every role × every visibility × every content and search endpoint.
 * The expectations are written out as a table (not computed with the code under test), so a
 * change to the access rules shows up here as a readable diff.
 */

type ItemKey = 'everyone' | 'teamMine' | 'teamOther' | 'confidential' | 'draft';
type UserKey = 'owner' | 'admin' | 'repA' | 'repB' | 'authorB' | 'leaderA' | 'leaderC';

const ITEM_KEYS: ItemKey[] = ['everyone', 'teamMine', 'teamOther', 'confidential', 'draft'];
const USER_KEYS: UserKey[] = ['owner', 'admin', 'repA', 'repB', 'authorB', 'leaderA', 'leaderC'];

/** Who the users are. The owner's team is none of the visibility teams, so team access comes only from visibility. */
const USERS: Record<UserKey, { id: string; role: 'rep' | 'author' | 'leader' | 'admin'; team: string; leadsTeams?: string[] }> = {
  owner: { id: 'owner-1', role: 'author', team: 'Team O' },
  admin: { id: 'admin-1', role: 'admin', team: 'Administration' },
  repA: { id: 'rep-a', role: 'rep', team: 'Team A' },
  repB: { id: 'rep-b', role: 'rep', team: 'Team B' },
  authorB: { id: 'author-b', role: 'author', team: 'Team B' },
  // Leads the team the "teamMine" item is shared with, without being a member of it.
  leaderA: { id: 'leader-a', role: 'leader', team: 'Team L', leadsTeams: ['Team A'] },
  leaderC: { id: 'leader-c', role: 'leader', team: 'Team C', leadsTeams: ['Team C'] },
};

/**
 * One word, one facet value per item, found nowhere else: if either shows up in a response for a
 * user who may not see the item, the item leaked (hit, facet count or highlight).
 */
const ITEMS: Record<ItemKey, { word: string; rival: string; visibility: Record<string, unknown>; status: 'published' | 'draft' }> = {
  everyone: { word: 'marzipan', rival: 'Rival Everyone', visibility: { scope: 'everyone' }, status: 'published' },
  teamMine: { word: 'quasarite', rival: 'Rival Team A', visibility: { scope: 'teams', teams: ['Team A'] }, status: 'published' },
  teamOther: { word: 'fjordhaven', rival: 'Rival Team X', visibility: { scope: 'teams', teams: ['Team X'] }, status: 'published' },
  confidential: {
    word: 'xylograph',
    rival: 'Rival Confidential',
    visibility: { scope: 'confidential', users: ['rep-a', 'author-b'] },
    status: 'published',
  },
  draft: { word: 'pumpernickel', rival: 'Rival Draft', visibility: { scope: 'everyone' }, status: 'draft' },
};

/** Who may read each item (GET, versions). Admins and the owner see everything, drafts included. */
const MAY_READ: Record<UserKey, ItemKey[]> = {
  owner: ['everyone', 'teamMine', 'teamOther', 'confidential', 'draft'],
  admin: ['everyone', 'teamMine', 'teamOther', 'confidential', 'draft'],
  repA: ['everyone', 'teamMine', 'confidential'],
  repB: ['everyone'],
  authorB: ['everyone', 'confidential'],
  leaderA: ['everyone', 'teamMine'],
  leaderC: ['everyone'],
};
/** Editing and publishing: the item's authors, its owner and admins. */
const EDITORS: UserKey[] = ['owner', 'admin'];
/** Archiving: the editors, and leaders for what they can see. */
const ARCHIVERS: UserKey[] = ['owner', 'admin', 'leaderA', 'leaderC'];

const SHARED_WORD = 'matrixword';
const SHARED_INDUSTRY = 'Matrix Industry';
/** Capability knowledge matches a deal on its stage: every matrix item is recommended to whoever may see it. */
const SHARED_STAGE = 'Matrix Stage';

const itemBody = (key: ItemKey, over: Record<string, unknown> = {}) => ({
  kind: 'capability',
  contentType: 'battlecard',
  title: `${SHARED_WORD} ${ITEMS[key].word} briefing`,
  summary: `About ${ITEMS[key].word} for ${SHARED_WORD} readers.`,
  body: `Details on ${ITEMS[key].word}.`,
  industries: [SHARED_INDUSTRY],
  stages: [SHARED_STAGE],
  competitors: [ITEMS[key].rival],
  visibility: ITEMS[key].visibility,
  status: ITEMS[key].status,
  authors: [{ userId: 'owner-1', role: 'author', share: 1 }],
  ...over,
});

const readStatus = (user: UserKey, item: ItemKey) => (MAY_READ[user].includes(item) ? 200 : 404);
const editStatus = (user: UserKey, item: ItemKey) => (!MAY_READ[user].includes(item) ? 404 : EDITORS.includes(user) ? 200 : 403);
/** Publishing is declared for authors, leaders and admins on the route: a rep gets 403 whatever the item (so it tells nothing). */
const publishStatus = (user: UserKey, item: ItemKey) => (USERS[user].role === 'rep' ? 403 : editStatus(user, item));
const archiveStatus = (user: UserKey, item: ItemKey) => (!MAY_READ[user].includes(item) ? 404 : ARCHIVERS.includes(user) ? 200 : 403);
/** Search holds published items only: drafts are found by nobody, not even their owner. */
const searchable = (user: UserKey): ItemKey[] => MAY_READ[user].filter((k) => ITEMS[k].status === 'published');

interface SearchBody {
  hits: { id: string; title: string; highlight: { title: string; summary: string } }[];
  facets: Record<string, Record<string, number>>;
  total: number;
}

describe.each(databases())('permission matrix on $name', ({ url }) => {
  let hub: TestHub;
  const token = {} as Record<UserKey, string>;
  const itemId = {} as Record<ItemKey, string>;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    for (const key of USER_KEYS) {
      const u = USERS[key];
      token[key] = await hub.user(u.id, u.role, u.team, u.leadsTeams ? { leadsTeams: u.leadsTeams } : {});
    }
    for (const key of ITEM_KEYS) {
      const res = await hub.api.post('/api/content').set(bearer(token.owner)).send(itemBody(key));
      expect(res.status).toBe(201);
      itemId[key] = res.body.id;
    }
    // One deal per user, owned by that user, matching every item's facets: recommendations are a search too.
    for (const key of USER_KEYS) {
      const opp = await hub.api
        .post('/api/opportunities')
        .set(bearer(ADMIN_TOKEN))
        .send({
          id: `opp-${key}`,
          name: `Deal of ${key}`,
          accountName: 'Matrix Corp',
          stage: SHARED_STAGE,
          industry: SHARED_INDUSTRY,
          competitors: ITEM_KEYS.map((k) => ITEMS[k].rival),
          ownerId: USERS[key].id,
        });
      expect(opp.status).toBe(201);
    }
    await hub.relay.drain();
  });
  afterAll(() => hub.stop());

  const search = async (user: UserKey, query: string): Promise<SearchBody> => {
    const res = await hub.api.get(`/api/search?${query}`).set(bearer(token[user]));
    expect(res.status).toBe(200);
    return res.body as SearchBody;
  };

  /** Every word or facet value of an item the user may not find must be absent from the whole response. */
  const expectNoTraceOf = (body: unknown, user: UserKey) => {
    const text = JSON.stringify(body);
    const leaked = ITEM_KEYS.filter((k) => !searchable(user).includes(k)).filter(
      (k) => text.includes(ITEMS[k].word) || text.includes(ITEMS[k].rival) || text.includes(itemId[k]),
    );
    expect(leaked).toEqual([]);
  };

  it.each(USER_KEYS)('when %s reads each item and its history, then exactly the visible ones answer 200 and the rest 404', async (user) => {
    const actual: Record<string, [number, number]> = {};
    const expected: Record<string, [number, number]> = {};
    for (const item of ITEM_KEYS) {
      const one = await hub.api.get(`/api/content/${itemId[item]}`).set(bearer(token[user]));
      const versions = await hub.api.get(`/api/content/${itemId[item]}/versions`).set(bearer(token[user]));
      actual[item] = [one.status, versions.status];
      expected[item] = [readStatus(user, item), readStatus(user, item)];
      if (one.status === 404) {
        // A 404 for an invisible item says nothing about it.
        expect(JSON.stringify(one.body)).not.toContain(ITEMS[item].word);
        expect(JSON.stringify(versions.body)).not.toContain(ITEMS[item].word);
      }
    }
    expect(actual).toEqual(expected);
  });

  it.each(USER_KEYS)('when %s records a usage event on each item, then only visible items accept it', async (user) => {
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const item of ITEM_KEYS) {
      const res = await hub.api
        .post('/api/events')
        .set(bearer(token[user]))
        .set('Idempotency-Key', `matrix-${user}-${item}`)
        .send({ type: 'view', contentId: itemId[item] });
      actual[item] = res.status;
      expected[item] = readStatus(user, item) === 200 ? 201 : 404;
    }
    expect(actual).toEqual(expected);
  });

  it.each(USER_KEYS)(
    'when %s edits, publishes and archives an item of each visibility, then the status is exact and refused changes leave no trace',
    async (user) => {
      const actual: Record<string, { patch: number; publish: number; archive: number }> = {};
      const expected: Record<string, { patch: number; publish: number; archive: number }> = {};
      const unchanged: string[] = [];
      for (const item of ITEM_KEYS) {
        // A fresh item per cell: allowed changes must not disturb the other cells.
        const created = await hub.api
          .post('/api/content')
          .set(bearer(token.owner))
          .send(
            itemBody(item, { title: `Mutation cell ${user} ${item}`, summary: '', body: '', competitors: [], industries: [], stages: [] }),
          );
        expect(created.status).toBe(201);
        const id = created.body.id as string;
        const patch = await hub.api
          .patch(`/api/content/${id}`)
          .set(bearer(token[user]))
          .send({ version: 1, title: `Edited by ${user}` });
        const publish = await hub.api.post(`/api/content/${id}/publish`).set(bearer(token[user])).send({});
        const archive = await hub.api.post(`/api/content/${id}/archive`).set(bearer(token[user])).send({});
        actual[item] = { patch: patch.status, publish: publish.status, archive: archive.status };
        expected[item] = { patch: editStatus(user, item), publish: publishStatus(user, item), archive: archiveStatus(user, item) };
        if (![patch.status, publish.status, archive.status].includes(200)) {
          const now = await hub.api.get(`/api/content/${id}`).set(bearer(ADMIN_TOKEN));
          if (now.body.version !== 1 || now.body.title !== `Mutation cell ${user} ${item}` || now.body.status !== ITEMS[item].status)
            unchanged.push(item);
        }
      }
      expect(actual).toEqual(expected);
      expect(unchanged).toEqual([]);
    },
  );

  it.each(USER_KEYS)(
    'when %s restores an archived published item of each visibility, then whoever may archive it may restore it and a refusal leaves it archived',
    async (user) => {
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      const stillArchived: string[] = [];
      // Published items only: an archived draft is read like an archived item, which is another matrix.
      for (const item of ITEM_KEYS.filter((k) => ITEMS[k].status === 'published')) {
        const created = await hub.api
          .post('/api/content')
          .set(bearer(token.owner))
          .send(
            itemBody(item, { title: `Restore cell ${user} ${item}`, summary: '', body: '', competitors: [], industries: [], stages: [] }),
          );
        const id = created.body.id as string;
        expect((await hub.api.post(`/api/content/${id}/archive`).set(bearer(ADMIN_TOKEN)).send({})).status).toBe(200);
        const restore = await hub.api.post(`/api/content/${id}/restore`).set(bearer(token[user])).send({});
        actual[item] = restore.status;
        expected[item] = archiveStatus(user, item);
        if (restore.status === 200) expect(restore.body.status).toBe('published');
        else if ((await hub.api.get(`/api/content/${id}`).set(bearer(ADMIN_TOKEN))).body.status !== 'archived') stillArchived.push(item);
      }
      expect(actual).toEqual(expected);
      expect(stillArchived).toEqual([]);
    },
  );

  it.each(USER_KEYS)('when %s searches for each item by its own word, then only visible published items are found', async (user) => {
    const actual: Record<string, { hits: number; total: number }> = {};
    const expected: Record<string, { hits: number; total: number }> = {};
    for (const item of ITEM_KEYS) {
      const body = await search(user, `q=${ITEMS[item].word}`);
      actual[item] = { hits: body.hits.filter((h) => h.id === itemId[item]).length, total: body.total };
      const n = searchable(user).includes(item) ? 1 : 0;
      expected[item] = { hits: n, total: n };
      expectNoTraceOf(body, user);
    }
    expect(actual).toEqual(expected);
  });

  it.each(USER_KEYS)('when %s filters by each item’s unique facet value, then only visible published items are found', async (user) => {
    const actual: Record<string, { ids: string[]; total: number }> = {};
    const expected: Record<string, { ids: string[]; total: number }> = {};
    for (const item of ITEM_KEYS) {
      const body = await search(user, `competitors=${encodeURIComponent(ITEMS[item].rival)}`);
      actual[item] = { ids: body.hits.map((h) => h.id), total: body.total };
      expected[item] = searchable(user).includes(item) ? { ids: [itemId[item]], total: 1 } : { ids: [], total: 0 };
      expectNoTraceOf(body, user);
    }
    expect(actual).toEqual(expected);
  });

  it.each(USER_KEYS)(
    'when %s searches for the word all items share, then hits, totals, facet counts and highlights hold only visible items',
    async (user) => {
      const visible = searchable(user);
      for (const query of [
        `q=${SHARED_WORD}`,
        `industries=${encodeURIComponent(SHARED_INDUSTRY)}`,
        `q=${SHARED_WORD}&industries=${encodeURIComponent(SHARED_INDUSTRY)}`,
      ]) {
        const body = await search(user, query);
        expect(body.hits.map((h) => h.id).sort()).toEqual(visible.map((k) => itemId[k]).sort());
        expect(body.total).toBe(visible.length);
        expect(body.facets.industries?.[SHARED_INDUSTRY] ?? 0).toBe(visible.length);
        expect(Object.keys(body.facets.competitors ?? {}).sort()).toEqual(visible.map((k) => ITEMS[k].rival).sort());
        expect(body.facets.kind).toEqual(visible.length ? { capability: visible.length } : {});
        expectNoTraceOf(body, user);
      }
      const highlighted = await search(user, `q=${SHARED_WORD}`);
      for (const hit of highlighted.hits) expect(hit.highlight.title).toContain(`<mark>${SHARED_WORD}</mark>`);
    },
  );

  it.each(USER_KEYS)('when %s asks for knowledge for their own deal, then only visible published items are recommended', async (user) => {
    const res = await hub.api.get(`/api/opportunities/opp-${user}/knowledge?limit=25`).set(bearer(token[user]));
    expect(res.status).toBe(200);
    const recommended = [...res.body.capability, ...res.body.situational].map((i: { id: string }) => i.id);
    expect(recommended.sort()).toEqual(
      searchable(user)
        .map((k) => itemId[k])
        .sort(),
    );
    // The deal itself names every rival; what was recommended must name no invisible item.
    const { opportunity: _deal, ...recommendations } = res.body;
    expectNoTraceOf(recommendations, user);
  });

  it('when a contributor (credited, but not an author) is on a restricted item, then search agrees with GET: neither shows it', async () => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(token.owner))
      .send(
        itemBody('teamOther', {
          title: 'Contributor check lanternfish',
          summary: '',
          body: '',
          competitors: ['Rival Lanternfish'],
          industries: [],
          stages: [],
          authors: [
            { userId: 'owner-1', role: 'author', share: 0.9 },
            { userId: 'rep-b', role: 'contributor', share: 0.1 },
          ],
        }),
      );
    expect(res.status).toBe(201);
    await hub.relay.drain();
    const get = await hub.api.get(`/api/content/${res.body.id}`).set(bearer(token.repB));
    const found = await search('repB', 'q=lanternfish');
    const faceted = await search('repB', `competitors=${encodeURIComponent('Rival Lanternfish')}`);
    expect({ get: get.status, hits: found.total, facet: faceted.total }).toEqual({ get: 404, hits: 0, facet: 0 });
    expect(JSON.stringify(found)).not.toContain('lanternfish');
    // The owner still finds it, and a named reader would too.
    expect((await search('owner', 'q=lanternfish')).total).toBe(1);
  });

  it('when a rep tries to edit another author’s item, then it is 403 if visible and 404 if not, and nothing changes', async () => {
    const visible = await hub.api.patch(`/api/content/${itemId.everyone}`).set(bearer(token.repB)).send({ version: 1, body: 'Defaced' });
    expect(visible.status).toBe(403);
    expect(visible.body.error.code).toBe('forbidden');
    const hidden = await hub.api.patch(`/api/content/${itemId.teamOther}`).set(bearer(token.repB)).send({ version: 1, body: 'Defaced' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
    // Widening visibility to oneself is an edit like any other.
    const widen = await hub.api
      .patch(`/api/content/${itemId.confidential}`)
      .set(bearer(token.repB))
      .send({ version: 1, visibility: { scope: 'everyone' } });
    expect(widen.status).toBe(404);
    const named = await hub.api
      .patch(`/api/content/${itemId.confidential}`)
      .set(bearer(token.repA))
      .send({ version: 1, visibility: { scope: 'everyone' } });
    expect(named.status).toBe(403);
    for (const key of ['everyone', 'teamOther', 'confidential'] as const) {
      const now = await hub.api.get(`/api/content/${itemId[key]}`).set(bearer(ADMIN_TOKEN));
      expect(now.body).toMatchObject({ version: 1, body: `Details on ${ITEMS[key].word}.`, visibility: ITEMS[key].visibility });
    }
  });

  it('when a rep creates content, or a non-admin manages users or tokens or reads the audit log, then 403', async () => {
    const repCreate = await hub.api
      .post('/api/content')
      .set(bearer(token.repA))
      .send(itemBody('everyone', { title: 'Rep content' }));
    expect(repCreate.status).toBe(403);
    for (const user of ['repA', 'authorB', 'leaderA'] as const) {
      const calls = [
        hub.api
          .post('/api/users')
          .set(bearer(token[user]))
          .send({ id: `made-by-${user}`, name: 'Sneaky', email: `sneaky-${user}@example.test`, role: 'admin', team: 'Team A' }),
        hub.api.patch('/api/users/rep-b').set(bearer(token[user])).send({ role: 'admin' }),
        hub.api.patch(`/api/users/${USERS[user].id}`).set(bearer(token[user])).send({ role: 'admin' }),
        hub.api.post('/api/users/rep-b/tokens').set(bearer(token[user])).send({}),
        hub.api.post(`/api/users/${USERS[user].id}/tokens`).set(bearer(token[user])).send({}),
        hub.api.get('/api/users/rep-b/tokens').set(bearer(token[user])),
        hub.api.delete('/api/users/rep-b/tokens/tok-anything').set(bearer(token[user])),
        hub.api.get('/api/audit').set(bearer(token[user])),
        hub.api.get('/api/admin/search/status').set(bearer(token[user])),
        hub.api.post('/api/admin/search/reindex').set(bearer(token[user])).send({}),
      ];
      const statuses = [];
      for (const call of calls) statuses.push((await call).status);
      expect(statuses).toEqual(calls.map(() => 403));
    }
    // Nothing was made or promoted: the database is the judge, not another endpoint.
    const rows = await hub.db.db.selectFrom('users').select(['id', 'role']).orderBy('id').execute();
    expect(rows.filter((r) => r.id.startsWith('made-by-'))).toEqual([]);
    expect(
      rows
        .filter((r) => r.role === 'admin')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['admin-1', 'hub-admin']);
    expect(await hub.db.db.selectFrom('api_tokens').select('id').where('user_id', '=', 'rep-b').execute()).toHaveLength(1);
    const audit = await hub.api.get('/api/audit').set(bearer(token.admin));
    expect(audit.status).toBe(200);
    expect(audit.body.entries.some((e: { action: string; targetId: string }) => e.action === 'user.create' && e.targetId === 'rep-a')).toBe(
      true,
    );
  });
});

describe.each(databases())('narrowed visibility before the relay runs on $name', ({ url }) => {
  let hub: TestHub;
  let owner: string;
  let repA: string;
  let repB: string;
  let admin: string;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url, hub: { startRelay: false } });
    owner = await hub.user('owner-1', 'author', 'Team O');
    repA = await hub.user('rep-a', 'rep', 'Team A');
    repB = await hub.user('rep-b', 'rep', 'Team B');
    admin = await hub.user('admin-1', 'admin', 'Administration');
  });
  afterAll(() => hub.stop());

  const find = async (token: string, query: string) => {
    const res = await hub.api.get(`/api/search?${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    const body = res.body as SearchBody;
    return { ids: body.hits.map((h) => h.id), total: body.total, rivals: body.facets.competitors ?? {}, text: JSON.stringify(body) };
  };

  const publishEverywhere = async (word: string, rival: string) => {
    const res = await hub.api
      .post('/api/content')
      .set(bearer(owner))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: `Narrowing ${word}`,
        summary: `${word} summary`,
        status: 'published',
        competitors: [rival],
        authors: [{ userId: 'owner-1', role: 'author', share: 1 }],
      });
    expect(res.status).toBe(201);
    await hub.relay.drain();
    for (const token of [repA, repB]) expect((await find(token, `q=${word}`)).ids).toEqual([res.body.id]);
    return res.body.id as string;
  };

  it('when visibility narrows to a team, then a user outside it loses the item at once, hits, totals and facets included', async () => {
    const id = await publishEverywhere('saltmarsh', 'Rival Saltmarsh');
    const narrowed = await hub.api
      .patch(`/api/content/${id}`)
      .set(bearer(owner))
      .send({ version: 1, visibility: { scope: 'teams', teams: ['Team A'] } });
    expect(narrowed.status).toBe(200);
    expect((await hub.relay.status()).pending).toBeGreaterThan(0);

    for (const query of ['q=saltmarsh', `competitors=${encodeURIComponent('Rival Saltmarsh')}`, 'q=narrowing']) {
      const lost = await find(repB, query);
      expect(lost.ids).not.toContain(id);
      expect(lost.rivals['Rival Saltmarsh']).toBeUndefined();
      expect(lost.text).not.toContain('saltmarsh');
      const kept = await find(repA, query);
      expect(kept.ids).toContain(id);
      expect(kept.rivals['Rival Saltmarsh']).toBe(1);
    }
    expect((await find(repB, 'q=saltmarsh')).total).toBe(0);
    expect((await hub.api.get(`/api/content/${id}`).set(bearer(repB))).status).toBe(404);

    await hub.relay.drain();
    expect((await find(repB, 'q=saltmarsh')).total).toBe(0);
    expect((await find(repA, 'q=saltmarsh')).total).toBe(1);

    // The change is in the item's history and in the audit log, which only admins read.
    const versions = await hub.api.get(`/api/content/${id}/versions`).set(bearer(owner));
    expect(versions.body.versions[0]).toMatchObject({ version: 2, changedBy: 'owner-1', changedFields: ['visibility'] });
    const audit = await hub.api.get(`/api/audit?action=content.visibility_change&targetId=${id}`).set(bearer(admin));
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        actorId: 'owner-1',
        targetType: 'content',
        details: expect.objectContaining({
          from: expect.objectContaining({ visibility: { scope: 'everyone' } }),
          to: expect.objectContaining({ visibility: { scope: 'teams', teams: ['Team A'] } }),
        }),
      }),
    ]);
    expect((await hub.api.get('/api/audit').set(bearer(owner))).status).toBe(403);
  });

  it('when visibility narrows to named users, then everyone else loses the item at once', async () => {
    const id = await publishEverywhere('thornbush', 'Rival Thornbush');
    const narrowed = await hub.api
      .patch(`/api/content/${id}`)
      .set(bearer(owner))
      .send({ version: 1, visibility: { scope: 'confidential', users: ['rep-b'] } });
    expect(narrowed.status).toBe(200);
    const lost = await find(repA, 'q=thornbush');
    expect({ ids: lost.ids, total: lost.total, rival: lost.rivals['Rival Thornbush'] }).toEqual({ ids: [], total: 0, rival: undefined });
    const named = await find(repB, 'q=thornbush');
    expect({ ids: named.ids, total: named.total }).toEqual({ ids: [id], total: 1 });
    expect((await find(owner, 'q=thornbush')).total).toBe(1);
  });

  it('when an item is archived, then nobody finds it any more, not even before the relay runs', async () => {
    const id = await publishEverywhere('cloudberry', 'Rival Cloudberry');
    const archived = await hub.api.post(`/api/content/${id}/archive`).set(bearer(owner)).send({});
    expect(archived.status).toBe(200);
    for (const token of [repA, repB, owner, admin]) {
      const res = await find(token, `competitors=${encodeURIComponent('Rival Cloudberry')}`);
      expect({ ids: res.ids, total: res.total, rival: res.rivals['Rival Cloudberry'] }).toEqual({ ids: [], total: 0, rival: undefined });
    }
  });

  it('when an author is removed from a team-only item, then that author loses it at once', async () => {
    const coAuthor = await hub.user('author-x', 'author', 'Team X');
    const res = await hub.api
      .post('/api/content')
      .set(bearer(owner))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Narrowing hollyhock',
        status: 'published',
        visibility: { scope: 'teams', teams: ['Team A'] },
        authors: [
          { userId: 'owner-1', role: 'author', share: 0.5 },
          { userId: 'author-x', role: 'co_author', share: 0.5 },
        ],
      });
    expect(res.status).toBe(201);
    await hub.relay.drain();
    expect((await find(coAuthor, 'q=hollyhock')).total).toBe(1);
    const removed = await hub.api
      .patch(`/api/content/${res.body.id}`)
      .set(bearer(owner))
      .send({ version: 1, authors: [{ userId: 'owner-1', role: 'author', share: 1 }] });
    expect(removed.status).toBe(200);
    expect((await find(coAuthor, 'q=hollyhock')).total).toBe(0);
    expect((await find(repA, 'q=hollyhock')).total).toBe(1);
  });

  it('when a co-author becomes a mere contributor on a confidential item, then they lose it at once', async () => {
    const demoted = await hub.user('author-y', 'author', 'Team Y');
    const res = await hub.api
      .post('/api/content')
      .set(bearer(owner))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Narrowing foxglove',
        status: 'published',
        visibility: { scope: 'confidential', users: ['rep-a'] },
        authors: [
          { userId: 'owner-1', role: 'author', share: 0.5 },
          { userId: 'author-y', role: 'co_author', share: 0.5 },
        ],
      });
    expect(res.status).toBe(201);
    await hub.relay.drain();
    expect((await find(demoted, 'q=foxglove')).total).toBe(1);
    const changed = await hub.api
      .patch(`/api/content/${res.body.id}`)
      .set(bearer(owner))
      .send({
        version: 1,
        authors: [
          { userId: 'owner-1', role: 'author', share: 0.5 },
          { userId: 'author-y', role: 'contributor', share: 0.5 },
        ],
      });
    expect(changed.status).toBe(200);
    expect((await hub.api.get(`/api/content/${res.body.id}`).set(bearer(demoted))).status).toBe(404);
    const lost = await find(demoted, 'q=foxglove');
    expect({ ids: lost.ids, total: lost.total }).toEqual({ ids: [], total: 0 });
    await hub.relay.drain();
    expect((await find(demoted, 'q=foxglove')).total).toBe(0);
    expect((await find(repA, 'q=foxglove')).total).toBe(1);
  });
});

describe('more narrowing changes pending than search can double-check', () => {
  let hub: TestHub;
  afterAll(() => hub?.stop());

  it('when over 5,000 items are narrowed before the relay runs, then search fails closed until it catches up, and never leaks', async () => {
    hub = await startTestHub({ hub: { startRelay: false } });
    const author = await hub.user('author-1', 'author');
    const repA = await hub.user('rep-a', 'rep', 'Team A');
    const repB = await hub.user('rep-b', 'rep', 'Team B');
    const N = 5001;
    const importAll = (visibility: Record<string, unknown>) =>
      hub.api
        .post('/api/content/import')
        .set(bearer(author))
        .set('Content-Type', 'application/x-ndjson')
        .send(
          Array.from({ length: N }, (_, i) =>
            JSON.stringify({
              kind: 'capability',
              contentType: 'faq',
              externalId: `bulk-${i}`,
              title: `Overflowword item ${i}`,
              status: 'published',
              visibility,
              authors: [{ userId: 'author-1', role: 'author', share: 1 }],
            }),
          ).join('\n'),
        );
    expect((await importAll({ scope: 'everyone' })).body.created).toBe(N);
    await hub.relay.drain(120_000);
    expect((await hub.api.get('/api/search?q=overflowword').set(bearer(repB))).body.total).toBe(N);

    expect((await importAll({ scope: 'teams', teams: ['Team A'] })).body.updated).toBe(N);
    for (const token of [repA, repB]) {
      const res = await hub.api.get('/api/search?q=overflowword').set(bearer(token));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
    }
    await hub.relay.drain(120_000);
    expect((await hub.api.get('/api/search?q=overflowword').set(bearer(repB))).body.total).toBe(0);
    expect((await hub.api.get('/api/search?q=overflowword').set(bearer(repA))).body.total).toBe(N);
  });
});
