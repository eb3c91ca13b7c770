import { createPublicKey, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import fs from 'node:fs';
import { buildHub } from '../server/hub';
import { silentLogger } from '../server/log';
import { toSalesforceId18 } from '../server/opportunities/salesforce/ids';
import request from 'supertest';
import { ADMIN_TOKEN, databases, startTestHub, type TestHub } from './support/hub';
import { startSalesforceWire, type SalesforceWire, type WireOpportunity, type WireUser } from './support/salesforce-wire';

/*
 * The hub with Salesforce configured, against the loopback stand-in (the real jsforce runs):
 * identities through the user mapping, the close-out queue and amounts.
 */

const opp = (n: number) => `006${String(n).padStart(12, '0')}AAA`;
/** Ids with upper-case letters, so the 15- and 18-character forms differ in more than length. */
const sf15 = (n: number) => `005Hn00000Nw${String(n).padStart(3, '0')}`;
const sf18 = (n: number) => toSalesforceId18(sf15(n)) as string;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

/** The org certificate's key pair the Apex proxy signs its user assertions with (Auth.JWS). */
const assertionKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The proxy's X-Salesforce-Assertion for a Salesforce user id, as Apex signs it. */
function assertionFor(sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub, aud: 'knowledge-hub', iat: now, exp: now + 120 })).toString('base64url')}`;
  return `${input}.${cryptoSign('RSA-SHA256', Buffer.from(input), assertionKeys.privateKey).toString('base64url')}`;
}

const INTEGRATION = sf18(1);
const REP = sf18(2);
const LEADER = sf18(3);
const OTHER = sf18(4);

const users: WireUser[] = [
  { Id: INTEGRATION, Username: 'integration@acme.example', visibleOpportunityIds: 'all' },
  { Id: REP, Username: 'rep@acme.example', visibleOpportunityIds: [opp(1), opp(2), opp(4), opp(5)] },
  { Id: LEADER, Username: 'leader@acme.example', visibleOpportunityIds: 'all' },
  { Id: OTHER, Username: 'other@acme.example', visibleOpportunityIds: 'all' },
];

function wireOpportunities(): WireOpportunity[] {
  return [
    {
      Id: opp(1),
      Name: 'Acme closed won',
      Account: { Name: 'Acme' },
      Amount: 80000,
      StageName: 'Closed Won',
      IsClosed: true,
      IsWon: true,
      CloseDate: daysAgo(3),
      OwnerId: REP,
    },
    {
      Id: opp(2),
      Name: 'Acme open',
      Account: { Name: 'Acme' },
      Amount: 20000,
      StageName: 'Prospecting',
      CloseDate: daysAgo(-30),
      OwnerId: REP,
    },
    {
      Id: opp(4),
      Name: 'Tokyo expansion',
      Account: { Name: 'Nihon' },
      Amount: 9_000_000,
      CurrencyIsoCode: 'JPY',
      StageName: 'Prospecting',
      CloseDate: daysAgo(-60),
      OwnerId: REP,
    },
    {
      Id: opp(5),
      Name: 'Zurich pilot',
      Account: { Name: 'Helvetia' },
      Amount: 90_000,
      CurrencyIsoCode: 'CHF',
      StageName: 'Prospecting',
      CloseDate: daysAgo(-90),
      OwnerId: REP,
    },
    {
      Id: opp(3),
      Name: 'Globex lost',
      Account: { Name: 'Globex' },
      Amount: 50000,
      StageName: 'Closed Lost',
      IsClosed: true,
      CloseDate: daysAgo(5),
      OwnerId: OTHER,
    },
  ];
}

describe.each(databases())('Salesforce through the hub on $name', ({ url }) => {
  let wire: SalesforceWire;
  let hub: TestHub;
  let pem: string;
  let repToken: string;
  let leaderToken: string;

  beforeAll(async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    wire = await startSalesforceWire({
      clientId: 'hub-client',
      publicKey: pair.publicKey,
      users,
      opportunities: wireOpportunities(),
      multiCurrency: true,
      customFields: ['Segment__c'],
      conversionRates: [
        { IsoCode: 'CHF', ConversionRate: 0.3, StartDate: '2019-01-01', NextStartDate: '2020-01-01' },
        { IsoCode: 'CHF', ConversionRate: 0.9, StartDate: '2020-01-01', NextStartDate: '9999-12-31' },
      ],
    });
    hub = await startTestHub({ databaseUrl: url, env: salesforceEnv() });
    // Entered as the 15-character ids the Salesforce UI shows.
    repToken = await mappedUser('sf-rep', 'rep', sf15(2));
    leaderToken = await mappedUser('sf-leader', 'leader', sf15(3), { leadsTeams: ['Team SF'] });
  });

  afterAll(async () => {
    await hub?.stop();
    await wire?.close();
  });

  function salesforceEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      SALESFORCE_LOGIN_URL: wire.url,
      SALESFORCE_JWT_AUDIENCE: wire.url,
      SALESFORCE_CLIENT_ID: 'hub-client',
      SALESFORCE_USERNAME: 'integration@acme.example',
      SALESFORCE_PRIVATE_KEY: pem,
      SALESFORCE_SEGMENT_FIELD: 'Segment__c',
      HUB_CURRENCY_RATES: 'JPY=0.0067',
      // Cycles run when a test asks (POST /api/admin/crm/sync), not on a timer.
      SALESFORCE_SYNC_INTERVAL_SECONDS: '0',
      SALESFORCE_WRITEBACK_INTERVAL_SECONDS: '0',
      HUB_PUBLIC_URL: 'https://hub.example.test',
      HUB_PROXY_ASSERTION_CERT: assertionKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      ...extra,
    };
  }

  async function mappedUser(
    id: string,
    role: 'rep' | 'leader',
    salesforceUserId: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const created = await hub.api
      .post('/api/users')
      .set(bearer(ADMIN_TOKEN))
      .send({ id, name: id, email: `${id}@example.test`, role, team: 'Team SF', salesforceUserId, ...extra });
    expect(created.status).toBe(201);
    const token = await hub.api.post(`/api/users/${id}/tokens`).set(bearer(ADMIN_TOKEN)).send({});
    return token.body.token as string;
  }

  describe('one identity of a Salesforce user', () => {
    test('when a user is mapped with a 15-character id, then the 18-character id with its checksum is stored', async () => {
      const me = await hub.api.get('/api/me').set(bearer(repToken));
      expect(me.body.salesforceUserId).toBe(REP);
      expect(REP).toBe('005Hn00000Nw002IAB');
      // Salesforce's documented example of the conversion.
      expect(toSalesforceId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
      expect(toSalesforceId18('001A0000006Vm9rIac')).toBe('001A0000006Vm9rIAC');
    });

    test('when a Salesforce user id has another length or a wrong checksum, then the answer is a 400 naming salesforceUserId', async () => {
      for (const bad of ['005Hn00000Nw0020', '005Hn00000Nw002I', '005Hn00000Nw002AAA']) {
        const res = await hub.api
          .post('/api/users')
          .set(bearer(ADMIN_TOKEN))
          .send({ name: 'Bad', email: 'bad@example.test', role: 'rep', team: 'T', salesforceUserId: bad });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^salesforceUserId: /);
      }
      const patch = await hub.api.patch('/api/users/sf-rep').set(bearer(ADMIN_TOKEN)).send({ salesforceUserId: 'short' });
      expect(patch.status).toBe(400);
      expect(patch.body.error.message).toMatch(/^salesforceUserId: /);
    });

    test('when the owner and their team leader open the close-out queue, then both see the closed Salesforce deal and the leader sees its amount', async () => {
      const forRep = await hub.api.get('/api/win-loss/queue').set(bearer(repToken));
      expect(forRep.status).toBe(200);
      expect(forRep.body.items.map((i: { opportunity: { id: string } }) => i.opportunity.id)).toEqual([opp(1)]);
      const forLeader = await hub.api.get('/api/win-loss/queue').set(bearer(leaderToken));
      // The leader's Salesforce user sees every deal; only the one owned in the team they lead is theirs to close out.
      expect(
        forLeader.body.items.map((i: { opportunity: { id: string; amount: number | null } }) => [i.opportunity.id, i.opportunity.amount]),
      ).toEqual([[opp(1), 80000]]);
    });

    test('when the Apex proxy names the user with the 15-character id in a signed assertion, then the integration token acts for the mapped user, and never by the header alone', async () => {
      await hub.api.post('/api/users').set(bearer(ADMIN_TOKEN)).send({
        id: 'sf-integration',
        name: 'Salesforce',
        email: 'sf-int@example.test',
        role: 'rep',
        team: 'Integration',
        integration: true,
      });
      const integration = (await hub.api.post('/api/users/sf-integration/tokens').set(bearer(ADMIN_TOKEN)).send({})).body.token as string;
      for (const form of [sf15(2), REP, `${REP.slice(0, 15)}${REP.slice(15).toLowerCase()}`]) {
        const me = await hub.api
          .get('/api/me')
          .set(bearer(integration))
          .set('X-Salesforce-User-Id', form)
          .set('X-Salesforce-Assertion', assertionFor(form));
        expect([form, me.body.id]).toEqual([form, 'sf-rep']);
      }
      expect((await hub.api.get('/api/me').set(bearer(integration)).set('X-Salesforce-User-Id', REP)).status).toBe(403);
    });
  });

  describe('clear failures', () => {
    afterEach(() => wire.failNextWithOutage(0));

    test('when a configured field does not exist in the org, then the hub does not start and says which variable and field', async () => {
      await expect(startTestHub({ databaseUrl: url, env: salesforceEnv({ SALESFORCE_SEGMENT_FIELD: 'Tier__c' }) })).rejects.toThrow(
        /SALESFORCE_SEGMENT_FIELD: Tier__c: Opportunity has no field Tier__c/,
      );
    });

    test('when Salesforce is down, then the API answers 503 with Retry-After and health shows the CRM degraded until it answers again', async () => {
      expect((await hub.api.get('/api/health')).body.crm).toMatchObject({ kind: 'salesforce', state: 'ok' });
      wire.failNextWithOutage(100);
      const down = await hub.api.get(`/api/opportunities/${opp(2)}`).set(bearer(repToken));
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('30');
      expect(down.body.error.details).toMatchObject({ salesforce: { errorCode: 'SERVER_UNAVAILABLE' } });
      const health = await hub.api.get('/api/health');
      // The hub's own parts are fine: 200, so a load balancer keeps it; the status says what is missing.
      expect([health.status, health.body.status, health.body.crm.state]).toEqual([200, 'degraded', 'unavailable']);
      wire.failNextWithOutage(0);
      expect((await hub.api.get(`/api/opportunities/${opp(2)}`).set(bearer(repToken))).status).toBe(200);
      expect((await hub.api.get('/api/health')).body).toMatchObject({ status: 'ok', crm: { state: 'ok' } });
    });

    test("when the org's API limit is used up, then the answer is a 503 with a longer Retry-After", async () => {
      wire.failNextWithRequestLimit(100);
      // A deal this user has not viewed yet: a recent view would be answered from the view cache.
      const limited = await hub.api.get(`/api/opportunities/${opp(4)}`).set(bearer(repToken));
      wire.failNextWithRequestLimit(0);
      expect([limited.status, limited.body.error.code, limited.headers['retry-after']]).toEqual([503, 'salesforce_limit_exceeded', '900']);
    });

    test("when the org's conversion rates are used, then each sync cycle reads the current ones and bands follow them", async () => {
      const ratesHub = await startTestHub({ databaseUrl: url, env: salesforceEnv({ SALESFORCE_CONVERSION_RATES: 'org' }) });
      try {
        await ratesHub.api
          .post('/api/users')
          .set(bearer(ADMIN_TOKEN))
          .send({ id: 'rates-rep', name: 'Rates Rep', email: 'rates@example.test', role: 'rep', team: 'T', salesforceUserId: REP });
        const token = (await ratesHub.api.post('/api/users/rates-rep/tokens').set(bearer(ADMIN_TOKEN)).send({})).body.token as string;
        expect((await ratesHub.api.get(`/api/opportunities/${opp(5)}`).set(bearer(token))).body.amountBand).toBeNull();
        wire.clearRecords();
        expect((await ratesHub.api.post('/api/admin/crm/sync').set(bearer(ADMIN_TOKEN))).body.lastError).toBeNull();
        expect(wire.soql()[0]).toMatch(
          /^SELECT IsoCode, ConversionRate FROM DatedConversionRate WHERE StartDate <= \d{4}-\d{2}-\d{2} AND NextStartDate > \d{4}-\d{2}-\d{2}$/,
        );
        // 90,000 CHF at 0.9 CHF per USD is 100,000 USD (the 2019 rate of 0.3 would make it 300,000: 250k–1M).
        expect((await ratesHub.api.get(`/api/opportunities/${opp(5)}`).set(bearer(token))).body.amountBand).toBe('50k–250k');
      } finally {
        await ratesHub.stop();
      }
    });

    test('when deals are in other currencies, then their bands are on the corporate scale, and none without a rate', async () => {
      const list = await hub.api.get('/api/opportunities').set(bearer(repToken));
      const bands = Object.fromEntries(
        list.body.opportunities.map((o: { id: string; amountBand: string | null; currency: string }) => [o.id, [o.currency, o.amountBand]]),
      );
      // 9,000,000 JPY is about 60,000 USD; 90,000 CHF has no configured rate.
      expect(bands).toEqual({
        [opp(1)]: ['USD', '50k–250k'],
        [opp(2)]: ['USD', 'under 50k'],
        [opp(4)]: ['JPY', '50k–250k'],
        [opp(5)]: ['CHF', null],
      });
      // Open ones first (soonest to close first), then the closed ones.
      expect(list.body.opportunities.map((o: { id: string }) => o.id)).toEqual([opp(2), opp(4), opp(5), opp(1)]);
    });
  });

  describe('views cached briefly', () => {
    test('when a user opens the same deal and list repeatedly, then one SOQL query each is spent within SALESFORCE_VIEW_CACHE_SECONDS, and another user gets their own', async () => {
      const opportunityQueries = () => wire.soql().filter((q) => /\bFROM Opportunity\b/.test(q) && !/SystemModstamp/.test(q)).length;
      wire.clearRecords();
      for (let i = 0; i < 5; i++) {
        expect((await hub.api.get(`/api/opportunities/${opp(5)}`).set(bearer(repToken))).status).toBe(200);
        expect((await hub.api.get('/api/opportunities?stage=Prospecting').set(bearer(repToken))).status).toBe(200);
      }
      expect(opportunityQueries()).toBe(2);
      expect((await hub.api.get(`/api/opportunities/${opp(5)}`).set(bearer(leaderToken))).status).toBe(200);
      expect(opportunityQueries()).toBe(3);
    });
  });

  describe('incremental sync', () => {
    const sync = () => hub.api.post('/api/admin/crm/sync').set(bearer(ADMIN_TOKEN));
    const influence = async (opportunityId: string) =>
      (
        await hub.db.db
          .selectFrom('credit_entries')
          .select(['type', 'user_id', 'milli_points'])
          .where('opportunity_id', '=', opportunityId)
          .orderBy('seq')
          .execute()
      ).map((r) => ({
        type: r.type,
        userId: r.user_id,
        milliPoints: Number(r.milli_points),
      }));

    test('when a deal is flipped to Closed Won in Salesforce, then one sync cycle stores it and its attached item earns influence credit; reopening reverses it', async () => {
      const authorToken = await hub.user('sync-author', 'author', 'Marketing');
      const item = await hub.api
        .post('/api/content')
        .set(bearer(authorToken))
        .send({
          kind: 'capability',
          contentType: 'faq',
          title: 'Pricing FAQ',
          summary: 'S.',
          body: 'B.',
          status: 'published',
          authors: [{ userId: 'sync-author', role: 'author', share: 1 }],
        });
      expect(item.status).toBe(201);
      const attach = await hub.api
        .post('/api/events')
        .set(bearer(repToken))
        .set('Idempotency-Key', 'sync-attach-1')
        .send({ type: 'attach', contentId: item.body.id, opportunityId: opp(2) });
      expect(attach.status).toBe(201);

      const first = await sync();
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ lastError: null, running: false, lastRecords: 5, watermark: { id: opp(5) } });
      expect(first.body.apiRemaining).toBe(first.body.apiLimit - first.body.apiUsed);
      expect((await influence(opp(2))).filter((e) => e.type === 'influence')).toEqual([]);
      // The snapshot: owners mapped to hub users, so the pipeline report counts the open deals.
      const stored = await hub.db.db.selectFrom('opportunities').select(['id', 'owner_id', 'is_closed']).orderBy('id').execute();
      expect(stored.map((r) => [r.id, r.owner_id])).toEqual([
        [opp(1), 'sf-rep'],
        [opp(2), 'sf-rep'],
        [opp(3), OTHER],
        [opp(4), 'sf-rep'],
        [opp(5), 'sf-rep'],
      ]);
      const gaps = await hub.api.get('/api/flow/gaps/pipeline').set(bearer(ADMIN_TOKEN));
      expect(gaps.body.openOpportunities).toBe(3);

      wire.clearRecords();
      wire.touchOpportunity(opp(2), { StageName: 'Closed Won', IsClosed: true, IsWon: true });
      const second = await sync();
      expect(second.body).toMatchObject({ lastError: null, lastRecords: 1, watermark: { id: opp(2) } });
      // One query for the whole cycle, starting after the watermark.
      expect(wire.soql()).toHaveLength(1);
      expect(wire.soql()[0]).toMatch(
        / WHERE \(SystemModstamp > 2025-01-01T00:00:00\.000Z OR \(SystemModstamp = 2025-01-01T00:00:00\.000Z AND Id > '006000000000005AAA'\)\) ORDER BY SystemModstamp ASC, Id ASC LIMIT 200$/,
      );
      const won = (await influence(opp(2))).filter((e) => e.type === 'influence');
      expect(won.length).toBeGreaterThan(0);
      expect(won.every((e) => e.userId === 'sync-author' && e.milliPoints > 0)).toBe(true);

      // Nothing changed: nothing stored, no credit twice.
      expect((await sync()).body.lastRecords).toBe(0);
      expect((await influence(opp(2))).filter((e) => e.type === 'influence')).toHaveLength(won.length);

      wire.touchOpportunity(opp(2), { StageName: 'Negotiation', IsClosed: false, IsWon: false });
      await sync();
      const all = await influence(opp(2));
      expect(all.filter((e) => e.type === 'influence_reversal')).toHaveLength(won.length);
      expect(all.filter((e) => e.type.startsWith('influence')).reduce((sum, e) => sum + e.milliPoints, 0)).toBe(0);

      const status = await hub.api.get('/api/admin/crm/sync').set(bearer(ADMIN_TOKEN));
      expect(status.body.totalApiCalls).toBeGreaterThanOrEqual(4);
      expect((await hub.api.get('/api/admin/crm/sync').set(bearer(repToken))).status).toBe(403);
      const health = await hub.api.get('/api/health');
      expect(health.body.crm.sync).toMatchObject({ lastError: null, watermark: expect.any(String), apiRemaining: expect.any(Number) });
    });
  });

  describe('write-back', () => {
    afterEach(() => wire.failNextWithOutage(0));

    test('when Salesforce is down while a link is owed, then it is retried with backoff and upserted once it is back; attaching again adds no record', async () => {
      const authorToken = await hub.user('wb-author', 'author', 'Marketing');
      const item = await hub.api
        .post('/api/content')
        .set(bearer(authorToken))
        .send({
          kind: 'capability',
          contentType: 'faq',
          title: 'Security FAQ',
          summary: 'S.',
          body: 'B.',
          status: 'published',
          authors: [{ userId: 'wb-author', role: 'author', share: 1 }],
        });
      const linkId = `attach:${item.body.id}:${opp(1)}`;
      // Attached below with the 15-character id the Salesforce UI shows: the link names the 18-character one.
      const writeBack = hub.crmWriteBack as NonNullable<TestHub['crmWriteBack']>;
      // Links owed by earlier tests (the sync test attached an item) go out first.
      await writeBack.flush(new Date(Date.now() + 7_200_000));
      const sentBefore = (await writeBack.status()).sent;
      expect((await writeBack.status()).pending).toBe(0);
      const attach = await hub.api
        .post('/api/events')
        .set(bearer(repToken))
        .set('Idempotency-Key', 'wb-attach-1')
        .send({ type: 'attach', contentId: item.body.id, opportunityId: opp(1).slice(0, 15) });
      expect(attach.status).toBe(201);

      wire.failNextWithOutage(100);
      expect(await writeBack.flush()).toBe(0);
      const failing = await hub.api.get('/api/admin/crm/write-back').set(bearer(ADMIN_TOKEN));
      expect(failing.body).toMatchObject({
        pending: 1,
        sent: sentBefore,
        failing: [{ linkId, attempts: 1, lastError: expect.stringContaining('SERVER_UNAVAILABLE') }],
      });
      expect(wire.links.has(linkId)).toBe(false);

      // Still within its backoff: nothing is sent, not even a request.
      wire.failNextWithOutage(0);
      wire.clearRecords();
      expect(await writeBack.flush()).toBe(0);
      expect(wire.requests).toEqual([]);

      expect(await writeBack.flush(new Date(Date.now() + 60_000))).toBe(1);
      expect(wire.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
        '/services/data/v62.0/composite/sobjects/Knowledge_Link__c/Hub_Link_Id__c',
      ]);
      expect(wire.links.get(linkId)?.fields).toEqual({
        Hub_Link_Id__c: linkId,
        Opportunity__c: opp(1),
        Title__c: 'Security FAQ',
        Kind__c: 'Attached',
        Hub_Url__c: `https://hub.example.test/?content=${item.body.id}`,
        Attached_By__c: 'sf-rep',
        Attached_At__c: attach.body.at,
      });
      expect((await hub.api.get('/api/admin/crm/write-back').set(bearer(ADMIN_TOKEN))).body).toEqual({
        pending: 0,
        sent: sentBefore + 1,
        failing: [],
      });
      const links = wire.links.size;

      // The leader attaches the same item to the same deal: still one link, nothing owed.
      expect(
        (
          await hub.api
            .post('/api/events')
            .set(bearer(leaderToken))
            .set('Idempotency-Key', 'wb-attach-2')
            .send({ type: 'attach', contentId: item.body.id, opportunityId: opp(1) })
        ).status,
      ).toBe(201);
      expect(await writeBack.flush(new Date(Date.now() + 60_000))).toBe(0);
      expect(wire.links.size).toBe(links);
    });

    test('when an attached item is detached, then its Knowledge_Link__c is deleted through the outbox (retried while Salesforce is down) and attaching again restores it', async () => {
      const authorToken = await hub.user('wb-detach-author', 'author', 'Marketing');
      const item = await hub.api
        .post('/api/content')
        .set(bearer(authorToken))
        .send({
          kind: 'capability',
          contentType: 'faq',
          title: 'Detach FAQ',
          summary: 'S.',
          body: 'B.',
          status: 'published',
          authors: [{ userId: 'wb-detach-author', role: 'author', share: 1 }],
        });
      const linkId = `attach:${item.body.id}:${opp(2)}`;
      const writeBack = hub.crmWriteBack as NonNullable<TestHub['crmWriteBack']>;
      const later = () => new Date(Date.now() + 7_200_000);
      await writeBack.flush(later());
      // Attached with the 15-character id; the resource lists it under the deal either way.
      expect(
        (
          await hub.api
            .post(`/api/opportunities/${opp(2).slice(0, 15)}/attachments`)
            .set(bearer(repToken))
            .send({ contentId: item.body.id })
        ).status,
      ).toBe(201);
      expect(await writeBack.flush(later())).toBe(1);
      const recordId = wire.links.get(linkId)?.Id;
      expect(recordId).toEqual(expect.any(String));

      expect((await hub.api.delete(`/api/opportunities/${opp(2)}/attachments/${item.body.id}`).set(bearer(repToken))).status).toBe(204);
      wire.failNextWithOutage(100);
      expect(await writeBack.flush(later())).toBe(0);
      expect((await hub.api.get('/api/admin/crm/write-back').set(bearer(ADMIN_TOKEN))).body.failing).toEqual([
        expect.objectContaining({ linkId, attempts: 1, lastError: expect.stringContaining('SERVER_UNAVAILABLE') }),
      ]);
      expect(wire.links.has(linkId)).toBe(true);

      wire.failNextWithOutage(0);
      wire.clearRecords();
      // Past the 5 s backoff of that first try.
      expect(await writeBack.flush(new Date(later().getTime() + 60_000))).toBe(1);
      expect(wire.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/services/data/v62.0/composite/sobjects']);
      expect(wire.links.has(linkId)).toBe(false);
      expect((await hub.api.get('/api/admin/crm/write-back').set(bearer(ADMIN_TOKEN))).body).toMatchObject({ pending: 0, failing: [] });
      expect(
        (await hub.api.get(`/api/opportunities/${opp(2)}/attachments`).set(bearer(repToken))).body.attachments.map(
          (a: { contentId: string }) => a.contentId,
        ),
      ).not.toContain(item.body.id);

      // Attached again by the leader: the link is owed again and upserted as a new record.
      expect(
        (
          await hub.api
            .post(`/api/opportunities/${opp(2)}/attachments`)
            .set(bearer(leaderToken))
            .send({ contentId: item.body.id })
        ).status,
      ).toBe(201);
      expect(await writeBack.flush(new Date(later().getTime() + 120_000))).toBe(1);
      expect(wire.links.get(linkId)?.fields).toMatchObject({ Opportunity__c: opp(2), Kind__c: 'Attached', Attached_By__c: 'sf-leader' });
      expect(wire.links.get(linkId)?.Id).not.toBe(recordId);
    });

    test('when a win/loss analysis of a Salesforce deal is published, then it is linked to the deal', async () => {
      const quick = await hub.api
        .post('/api/win-loss/quick')
        .set(bearer(repToken))
        .send({ opportunityId: opp(1), outcome: 'won', reasonCodes: ['Price'], sentence: 'The pilot convinced them.' });
      expect(quick.status).toBe(201);
      expect((await hub.api.post(`/api/content/${quick.body.id}/submit`).set(bearer(repToken)).send({})).body.status).toBe('in_review');
      const writeBack = hub.crmWriteBack as NonNullable<TestHub['crmWriteBack']>;
      expect(await writeBack.flush(new Date(Date.now() + 60_000))).toBe(0);
      expect((await hub.api.post(`/api/content/${quick.body.id}/approve`).set(bearer(ADMIN_TOKEN)).send({})).body.status).toBe('published');
      expect(await writeBack.flush(new Date(Date.now() + 60_000))).toBe(1);
      expect(wire.links.get(`winloss:${quick.body.id}`)?.fields).toMatchObject({
        Opportunity__c: opp(1),
        Kind__c: 'Win/Loss Analysis',
        Title__c: quick.body.title,
      });
    });
  });

  describe('incremental sync after a crash', () => {
    test('when the hub stops mid-cycle, then the next hub resumes after the last stored page, ties on SystemModstamp included', async () => {
      const stamp = (n: number) => `2025-07-0${n}T10:00:00.000+0000`;
      // Pages of two; records 4 and 5 share a SystemModstamp, so the watermark's Id decides.
      const deals: WireOpportunity[] = [1, 2, 3, 4, 5, 6, 7].map((n) => ({
        Id: opp(100 + n),
        Name: `Deal ${n}`,
        Account: { Name: 'Acme' },
        Amount: 1000 * n,
        StageName: 'Prospecting',
        CloseDate: daysAgo(-n),
        OwnerId: REP,
        SystemModstamp: stamp(n === 5 ? 4 : n),
      }));
      const paged = await startSalesforceWire({
        clientId: 'hub-client',
        publicKey: createPublicKey(pem),
        users,
        opportunities: deals,
        pageSize: 2,
      });
      const env = { ...salesforceEnv(), SALESFORCE_LOGIN_URL: paged.url, SALESFORCE_JWT_AUDIENCE: paged.url, SALESFORCE_SEGMENT_FIELD: '' };
      const first = await startTestHub({ databaseUrl: url, env });
      let second: Awaited<ReturnType<typeof buildHub>> | undefined;
      try {
        // The first two pages answer, then Salesforce goes away (retries included) and the hub stops.
        paged.failNextWithOutage(100, 2);
        const broken = await first.api.post('/api/admin/crm/sync').set(bearer(ADMIN_TOKEN));
        expect(broken.body).toMatchObject({
          lastRecords: 4,
          watermark: { stamp: '2025-07-04T10:00:00.000Z', id: opp(104) },
          lastError: expect.stringContaining('SERVER_UNAVAILABLE'),
        });
        await first.close();

        paged.failNextWithOutage(0);
        paged.clearRecords();
        second = await buildHub(first.config, { logger: silentLogger, validateResponses: true });
        const resumed = await request(second.app).post('/api/admin/crm/sync').set(bearer(ADMIN_TOKEN));
        expect(resumed.body).toMatchObject({
          lastError: null,
          lastRecords: 3,
          watermark: { stamp: '2025-07-07T10:00:00.000Z', id: opp(107) },
        });
        expect(paged.soql()[0]).toContain(
          `(SystemModstamp > 2025-07-04T10:00:00.000Z OR (SystemModstamp = 2025-07-04T10:00:00.000Z AND Id > '${opp(104)}'))`,
        );
        const stored = await second.db.db.selectFrom('opportunities').select('id').orderBy('id').execute();
        expect(stored.map((r) => r.id)).toEqual(deals.map((d) => d.Id));
      } finally {
        await second?.close();
        await paged.close();
        fs.rmSync(first.dataDir, { recursive: true, force: true });
      }
    });
  });
});
