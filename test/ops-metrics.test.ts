import { generateKeyPairSync } from 'node:crypto';
import { createMetrics } from '../server/ops/metrics';
import { createSalesforceCrm } from '../server/opportunities/salesforce';
import { ADMIN_TOKEN, bearer, startTestHub, type TestHub } from './support/hub';
import { parsePrometheusText, type PromFamily } from './support/promParser';
import { startSalesforceWire } from './support/salesforce-wire';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

type Families = PromFamily[];
/** A family by the name the parser gives it (counters lose their _total suffix). */
const family = (all: Families, name: string) => {
  const f = all.find((x) => x.name === name);
  if (!f) throw new Error(`no metric family ${name}; have ${all.map((x) => x.name).join(', ')}`);
  return f;
};
/** The value of the sample named `sample` whose labels include `labels`. */
const sampleValue = (all: Families, sample: string, labels: Record<string, string> = {}) => {
  for (const f of all)
    for (const s of f.samples) if (s.name === sample && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
  return undefined;
};
const value = (all: Families, name: string) => sampleValue(all, name);

describe('GET /metrics', () => {
  let hub: TestHub;
  let author: string;
  let rep: string;

  beforeAll(async () => {
    hub = await startTestHub({ env: { METRICS_TOKEN }, hub: { startRelay: false } });
    author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
  });
  afterAll(() => hub.stop());

  const scrape = async (): Promise<Families> => {
    const res = await hub.api.get('/metrics').set(bearer(METRICS_TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(res.text);
  };

  it('when the token is missing or wrong, then 401 and no metrics', async () => {
    expect((await hub.api.get('/metrics')).status).toBe(401);
    expect((await hub.api.get('/metrics').set(bearer(ADMIN_TOKEN))).status).toBe(401);
  });

  it('when changes wait in the outbox, then depth and lag show them, and both fall to 0 once the relay has run', async () => {
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send({
        kind: 'capability',
        contentType: 'pricing_guide',
        status: 'published',
        title: 'Metered pricing guide',
        summary: 'For the metrics test.',
        body: 'Body.',
        authors: [{ userId: 'author-1', role: 'author', share: 1 }],
      });
    expect(created.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1100));
    let m = await scrape();
    expect(value(m, 'hub_search_outbox_pending')).toBeGreaterThanOrEqual(1);
    expect(value(m, 'hub_search_relay_lag_seconds')).toBeGreaterThanOrEqual(1);
    await hub.relay.drain();
    m = await scrape();
    expect(value(m, 'hub_search_outbox_pending')).toBe(0);
    expect(value(m, 'hub_search_relay_lag_seconds')).toBe(0);
  });

  it('when searches, reads and credited events happen, then the histograms and counters count them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await hub.api.get('/api/search?q=metered').set(bearer(rep));
      expect(r.status).toBe(200);
      ids.push(...r.body.hits.map((h: { id: string }) => h.id));
    }
    expect((await hub.api.get(`/api/content/${ids[0]}`).set(bearer(rep))).status).toBe(200);
    const view = await hub.api
      .post('/api/events')
      .set(bearer(rep))
      .set('Idempotency-Key', 'metrics-view-1')
      .send({ type: 'view', contentId: ids[0] });
    expect(view.status).toBeLessThan(300);
    const m = await scrape();

    const http = family(m, 'hub_http_request_duration_seconds');
    expect(http.type).toBe('histogram');
    const searches = { route: '/api/search', method: 'GET', status: '2xx' };
    expect(sampleValue(m, 'hub_http_request_duration_seconds_count', searches)).toBe(3);
    expect(sampleValue(m, 'hub_http_request_duration_seconds_bucket', { ...searches, le: '+Inf' })).toBe(3);
    // Route templates, never raw paths (bounded label values).
    expect(http.samples.some((s) => s.labels.route === '/api/content/:id')).toBe(true);
    expect(http.samples.some((s) => s.labels.route?.includes(ids[0] as string))).toBe(false);

    expect(sampleValue(m, 'hub_search_duration_seconds_count')).toBe(3);
    expect(sampleValue(m, 'hub_search_duration_seconds_sum')).toBeGreaterThan(0);
    expect(family(m, 'hub_recommendation_duration_seconds').type).toBe('histogram');
    expect(value(m, 'hub_credit_entries_written_total')).toBeGreaterThanOrEqual(1);
    expect(family(m, 'hub_search_engine_restarts').type).toBe('counter');
    expect(value(m, 'hub_search_engine_restarts_total')).toBe(0);
    expect(value(m, 'hub_search_engine_up')).toBe(1);
    expect(family(m, 'hub_salesforce_api_calls').type).toBe('counter');
  });
});

describe('Salesforce metrics', () => {
  it('when the hub reads from Salesforce, then calls are counted and the remaining API limit comes from Sforce-Limit-Info', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const wire = await startSalesforceWire({
      clientId: 'hub-client',
      publicKey: pair.publicKey,
      users: [{ Id: '005000000000001AAA', Username: 'integration@acme.example', visibleOpportunityIds: 'all' }],
      opportunities: [
        { Id: '006000000000001AAA', Name: 'Acme renewal', StageName: 'Prospecting', OwnerId: '005000000000001AAA', Amount: 1000 },
      ],
    });
    const metrics = createMetrics({
      outbox: async () => ({ pending: 0, oldestAgeSeconds: 0 }),
      engineRestarts: () => 0,
      engineState: () => 'running',
    });
    // Views uncached (viewCacheSeconds 0): each read below is a call to count.
    const crm = createSalesforceCrm(
      {
        loginUrl: wire.url,
        clientId: 'hub-client',
        auth: {
          flow: 'jwt',
          username: 'integration@acme.example',
          privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        },
        maxRetries: 0,
        timeoutMs: 5000,
        viewCacheSeconds: 0,
      },
      { onApiCall: (outcome, usage) => metrics.salesforceCall(outcome, usage) },
    );
    try {
      const caller = { userId: 'hub-admin', role: 'admin' as const, salesforceUserId: null };
      expect(await crm.listOpportunities({ limit: 10 }, caller)).toHaveLength(1);
      wire.failNextWithRequestLimit(1);
      await expect(crm.listOpportunities({ limit: 10 }, caller)).rejects.toThrow();
      const m = parsePrometheusText(await metrics.registry.metrics());
      expect(sampleValue(m, 'hub_salesforce_api_calls_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(m, 'hub_salesforce_api_calls_total', { outcome: 'error' })).toBeGreaterThanOrEqual(1);
      // The stand-in reports api-usage=1/15000.
      expect(value(m, 'hub_salesforce_api_limit')).toBe(15000);
      expect(value(m, 'hub_salesforce_api_remaining')).toBe(14999);
    } finally {
      crm.close();
      await wire.close();
    }
  });
});
