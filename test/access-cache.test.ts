import { createAuthService } from '../server/auth/service';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

/**
 * Identities and pending access narrowings are reused for a few seconds (HUB_AUTH_CACHE_SECONDS)
 * to keep the database off the search path. The promise: a change made through this process
 * applies to the very next request; another process sharing the database sees it within the bound.
 */
describe.each(databases())('access caches on $name', ({ url }) => {
  let hub: TestHub;
  const admin = bearer(ADMIN_TOKEN);
  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
  });
  afterAll(() => hub.stop());

  const status = async (token: string, path = '/api/search?q=x') => (await hub.api.get(path).set(bearer(token))).status;

  it('when a token is revoked or its user changes role or is deactivated here, then the next request already knows', async () => {
    const token = await hub.user('cache-rep', 'rep', 'Team A');
    expect(await status(token)).toBe(200);
    expect(await status(token, '/api/audit')).toBe(403);

    expect((await hub.api.patch('/api/users/cache-rep').set(admin).send({ role: 'admin' })).status).toBe(200);
    expect(await status(token, '/api/audit')).toBe(200);
    expect((await hub.api.patch('/api/users/cache-rep').set(admin).send({ role: 'rep' })).status).toBe(200);
    expect(await status(token, '/api/audit')).toBe(403);

    expect((await hub.api.patch('/api/users/cache-rep').set(admin).send({ active: false })).status).toBe(200);
    expect(await status(token)).toBe(401);
    expect((await hub.api.patch('/api/users/cache-rep').set(admin).send({ active: true })).status).toBe(200);
    expect(await status(token)).toBe(200);

    const listed = await hub.api.get('/api/users/cache-rep/tokens').set(admin);
    const tokenId = (listed.body.tokens as { id: string }[])[0]!.id;
    expect((await hub.api.delete(`/api/users/cache-rep/tokens/${tokenId}`).set(admin)).status).toBe(204);
    expect(await status(token)).toBe(401);
  });

  it('when another instance revokes a token, then this one refuses it within the cache bound, and never past the token expiry', async () => {
    const token = await hub.user('cache-other', 'rep', 'Team A');
    let now = Date.now();
    // A second hub process on the same database, as far as identities go.
    const other = createAuthService({ db: hub.db.db, identityCacheMs: 5_000, now: () => now });
    await expect(other.authenticate(token)).resolves.toMatchObject({ id: 'cache-other', role: 'rep' });

    const listed = await hub.api.get('/api/users/cache-other/tokens').set(admin);
    expect(
      (await hub.api.delete(`/api/users/cache-other/tokens/${(listed.body.tokens as { id: string }[])[0]!.id}`).set(admin)).status,
    ).toBe(204);
    now += 4_000;
    // Still within the stated bound: the other instance may answer from its cache.
    await expect(other.authenticate(token)).resolves.toMatchObject({ id: 'cache-other' });
    now += 1_001;
    await expect(other.authenticate(token)).rejects.toMatchObject({ status: 401 });

    // A token that expires within the bound is not reused past its expiry.
    const issued = await hub.api.post('/api/users/cache-other/tokens').set(admin).send({ expiresInDays: 1 });
    const expiresAt = Date.parse(issued.body.expiresAt as string);
    now = expiresAt - 1_000;
    await expect(other.authenticate(issued.body.token as string)).resolves.toMatchObject({ id: 'cache-other' });
    now = expiresAt + 1;
    await expect(other.authenticate(issued.body.token as string)).rejects.toMatchObject({ status: 401 });
  });

  it('when the cache is off, then every request asks the database', async () => {
    const token = await hub.user('cache-off', 'rep', 'Team A');
    const uncached = createAuthService({ db: hub.db.db, identityCacheMs: 0 });
    await expect(uncached.authenticate(token)).resolves.toMatchObject({ id: 'cache-off' });
    await hub.db.db.updateTable('users').set({ active: 0 }).where('id', '=', 'cache-off').execute();
    await expect(uncached.authenticate(token)).rejects.toMatchObject({ status: 401 });
  });
});

describe('pending narrowings reused by search', () => {
  it('when this process narrows access, then the next search reads the list again; otherwise it is reused within the bound', async () => {
    const { createSearchService } = await import('../server/search/service');
    let generation = 0;
    let reads = 0;
    let pendingIds: string[] = [];
    const store = {
      narrowingGeneration: () => generation,
      pendingNarrowedIds: async () => {
        reads++;
        return pendingIds;
      },
      getMany: async () => new Map(),
    };
    const service = createSearchService({
      // Only accessFilters is exercised: no engine call.
      client: {} as never,
      indexUid: 'x',
      store: store as never,
      content: { accessSubject: () => ({}) } as never,
      cards: {} as never,
      pendingCacheMs: 5_000,
    });
    const rep = { id: 'r', name: 'R', role: 'rep' as const, team: 'Team A', leadsTeams: [], salesforceUserId: null };
    await service.accessFilters(rep);
    await service.accessFilters(rep);
    expect(reads).toBe(1);
    pendingIds = ['narrowed-1'];
    generation++;
    const filters = await service.accessFilters(rep);
    expect(reads).toBe(2);
    // Unknown to the store: hidden (fails closed).
    expect(filters.join(' ')).toContain('narrowed-1');
  });
});
