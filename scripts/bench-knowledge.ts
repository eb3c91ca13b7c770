/**
 * `npm run bench:knowledge`: 100,000 items imported through the hub (NDJSON import → database →
 * outbox relay → Meilisearch), ~50 open opportunities in the local CRM, then
 * GET /api/opportunities/:id/knowledge through the hub and, in the same run on the same engine,
 * the same two federated multi-searches the hub sends, straight to Meilisearch, at concurrency
 * 1 and 16. Prints p50/p95/throughput and the hub/raw p95 ratio (target ≤ 1.2 at concurrency 16);
 * exits 1 when it is missed (BENCH_RELAX=1: report only).
 * Loopback only; bounded in count and time. BENCH_ITEMS overrides the item count; BENCH_REQUESTS
 * caps the requests of each measured phase (for a quick check; the figures need the defaults).
 *
 * BENCH_CRM=salesforce serves the same opportunities from the loopback Salesforce stand-in
 * (test/support/salesforce-wire.ts) through the real jsforce adapter (JWT bearer flow, the rep
 * mapped to a Salesforce user) instead of the local CRM, and prints the SOQL queries and data API
 * calls per view; its target is at most one SOQL query per view (the view cache,
 * SALESFORCE_VIEW_CACHE_SECONDS, passed through, should make it far fewer).
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MeiliClient } from '../search-index/client';
import { startEmbeddedMeilisearch } from '../search-index/engine';
import { either, greaterThan, isNull } from '../server/search/filters';
import { openSearch } from '../server/search/runtime';
import { searchAccessClause } from '../server/auth/access';
import type { Opportunity } from '../server/opportunities/schema';
import { FEDERATION_LIMIT, recommendationQueries } from '../server/recommendations/service';
import { storyFromText, type Story } from '../server/recommendations/situation';
import { benchEmbedder, indexVectors } from './bench/vectors';
import { load, syntheticItem, syntheticOpportunity } from './bench/synthetic';
import { report, type Target } from './bench/targets';
import { benchHubEnv, cpuMs, hubBaseUrl, hubNodeFlags, peakRssMb } from './bench/hubProcess';
import { startSalesforceWire, type SalesforceWire, type WireOpportunity } from '../test/support/salesforce-wire';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const OPPORTUNITIES = 50;
const LIMIT = 6;
const CHUNK = 10_000;
const ADMIN = 'bench-admin-token-0123456789abcdef';
/** Caps each measured phase's requests (BENCH_REQUESTS); unset, the phases run at full size. */
const REQUESTS = process.env.BENCH_REQUESTS ? Math.max(1, Number(process.env.BENCH_REQUESTS)) : Infinity;
const requests = (n: number) => Math.min(n, REQUESTS);
const CRM = process.env.BENCH_CRM ?? 'local';
if (CRM !== 'local' && CRM !== 'salesforce') throw new Error(`BENCH_CRM: "${CRM}" is neither local nor salesforce`);

/** Salesforce ids of the stand-in: all digits, so the checksum suffix is AAA. */
const sfId = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;
const SF_INTEGRATION = sfId('005', 1);
const SF_REP = sfId('005', 2);

/** The synthetic opportunity as the stand-in stores it (the same deal the local CRM would hold). */
function wireOpportunity(i: number): WireOpportunity {
  const o = syntheticOpportunity(i, SF_REP);
  return {
    Id: sfId('006', i + 1),
    Name: o.name,
    Account: { Name: o.accountName, Industry: o.industry },
    Amount: o.amount,
    StageName: o.stage,
    CloseDate: o.closeDate,
    IsClosed: o.isClosed,
    IsWon: o.isWon,
    OwnerId: SF_REP,
    Description: o.description,
    custom: { Segment__c: o.segment, Region__c: o.region },
    lineItems: o.products.map((p) => ({ product: p.name, family: p.family })),
    competitors: o.competitors,
    contactRoles: o.contactRoles,
  };
}

/** The stand-in and the SALESFORCE_* variables that point the hub at it. */
async function startStandIn(): Promise<{ wire: SalesforceWire; env: Record<string, string> }> {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const wire = await startSalesforceWire({
    clientId: 'bench-client',
    publicKey: keys.publicKey,
    users: [
      { Id: SF_INTEGRATION, Username: 'integration@bench.example', visibleOpportunityIds: 'all' },
      { Id: SF_REP, Username: 'rep@bench.example', visibleOpportunityIds: 'all' },
    ],
    opportunities: Array.from({ length: OPPORTUNITIES }, (_, i) => wireOpportunity(i)),
    multiCurrency: false,
    customFields: ['Segment__c', 'Region__c'],
  });
  const env: Record<string, string> = {
    SALESFORCE_LOGIN_URL: wire.url,
    SALESFORCE_JWT_AUDIENCE: wire.url,
    SALESFORCE_CLIENT_ID: 'bench-client',
    SALESFORCE_USERNAME: 'integration@bench.example',
    SALESFORCE_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    SALESFORCE_SEGMENT_FIELD: 'Segment__c',
    SALESFORCE_REGION_FIELD: 'Region__c',
    // The bench runs a sync cycle itself (for the product families); no timers in between.
    SALESFORCE_SYNC_INTERVAL_SECONDS: '0',
    SALESFORCE_WRITEBACK_INTERVAL_SECONDS: '0',
  };
  return { wire, env };
}

/** Opportunity reads (not the sync's SystemModstamp query) the stand-in has answered so far. */
const viewQueries = (wire: SalesforceWire) => wire.soql().filter((q) => /\bFROM Opportunity\b/.test(q) && !/SystemModstamp/.test(q)).length;
async function main() {
  let targets: Target[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  let engine: Awaited<ReturnType<typeof startEmbeddedMeilisearch>> | undefined;
  let search: Awaited<ReturnType<typeof openSearch>> | undefined;
  let hubProcess: ReturnType<typeof spawn> | undefined;
  let standIn: Awaited<ReturnType<typeof startStandIn>> | undefined;
  const cleanup = async () => {
    if (hubProcess && hubProcess.exitCode === null && hubProcess.signalCode === null) {
      const exited = new Promise((r) => hubProcess!.once('exit', r));
      hubProcess.kill('SIGTERM');
      await exited;
    }
    await search?.close();
    await engine?.stop();
    await standIn?.wire.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    engine = await startEmbeddedMeilisearch({ dir: path.join(dir, 'meili') });
    const synonymsFile = path.resolve(__dirname, '..', 'server', 'search', 'synonyms.json');
    const embedder = benchEmbedder();
    search = await openSearch({
      url: engine.url,
      masterKey: engine.masterKey,
      dataDir: dir,
      indexPrefix: 'bench_',
      synonymsFile,
      vectors: indexVectors(embedder),
    });
    if (CRM === 'salesforce') standIn = await startStandIn();
    // The hub runs as its own process (as in production), so the load generator's work is not
    // charged to it; both paths are driven with the same keep-alive HTTP client.
    // Node itself (with tsx's loader) rather than the tsx CLI, so the pid is the hub's own and its
    // CPU time can be read from /proc; BENCH_HUB_PROFILE=1 writes a V8 CPU profile of the hub.
    const profileDir = path.resolve(__dirname, '..', 'test-artifacts');
    if (process.env.BENCH_HUB_PROFILE === '1') fs.mkdirSync(profileDir, { recursive: true });
    const child = spawn(
      process.execPath,
      [
        ...hubNodeFlags(),
        '--import',
        'tsx',
        ...(process.env.BENCH_HUB_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
        path.resolve(__dirname, '..', 'server', 'main.ts'),
      ],
      {
        env: { ...benchHubEnv(dir, engine, ADMIN), ...standIn?.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    hubProcess = child;
    const base = await hubBaseUrl(child);
    const raw = new MeiliClient({ url: engine.url, apiKey: engine.masterKey });
    const admin = new MeiliClient({ url: base, apiKey: ADMIN, timeoutMs: 600_000 });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bench glue over JSON answers
    const api = async (method: string, p: string, body?: unknown): Promise<any> => admin.request(method, p, body);
    const importLines = async (ndjson: string) => {
      const res = await fetch(base + '/api/content/import', {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/x-ndjson' },
        body: ndjson,
      });
      const json = (await res.json()) as { failed: unknown[] };
      if (!res.ok) throw new Error(`import: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    };
    const authorIds = Array.from({ length: 20 }, (_, i) => `bench-author-${i}`);
    for (const id of authorIds)
      await api('POST', '/api/users', {
        id,
        name: `Author ${id.slice(-2)}`,
        email: `${id}@bench.test`,
        role: 'author',
        team: `Team ${Number(id.slice(-1)) % 4}`,
      });
    await api('POST', '/api/users', {
      id: 'bench-rep',
      name: 'Bench Rep',
      email: 'rep@bench.test',
      role: 'rep',
      team: 'Team 1',
      ...(standIn ? { salesforceUserId: SF_REP } : {}),
    });
    const repToken = (await api('POST', '/api/users/bench-rep/tokens', {})).token as string;
    console.log(
      `bench:knowledge: ${ITEMS.toLocaleString()} items, ${OPPORTUNITIES} opportunities (${standIn ? 'Salesforce stand-in through jsforce' : 'local CRM'}), Meilisearch ${(await raw.request<{ pkgVersion: string }>('GET', '/version')).pkgVersion}, ${os.cpus().length} cores`,
    );

    // Content through the hub: NDJSON import over HTTP, then until the relay has indexed everything.
    let t = performance.now();
    for (let i = 0; i < ITEMS; i += CHUNK) {
      const lines = Array.from({ length: Math.min(CHUNK, ITEMS - i) }, (_, k) => JSON.stringify(syntheticItem(i + k, authorIds))).join(
        '\n',
      );
      const r = await importLines(lines);
      if (r.failed.length) throw new Error(`import failures: ${JSON.stringify(r.failed.slice(0, 3))}`);
      process.stdout.write(`\r  hub import: ${Math.min(ITEMS, i + CHUNK).toLocaleString()} lines accepted`);
    }
    for (;;) {
      const st = await api('GET', '/api/admin/search/status');
      if (st.pending === 0) break;
      if (st.failing.length) throw new Error(`relay failures: ${JSON.stringify(st.failing.slice(0, 2))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`\n  hub indexing (import + relay until searchable): ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Opportunities in the local CRM, owned by the rep; then a reindex so the product families
    // (taken from the CRM's line items) reach the documents.
    const oppIds: string[] = [];
    if (standIn) {
      // The deals are the stand-in's; one sync cycle puts them in the snapshot the reindex reads.
      for (let i = 0; i < OPPORTUNITIES; i++) oppIds.push(sfId('006', i + 1));
      const sync = await api('POST', '/api/admin/crm/sync');
      if (sync.lastError) throw new Error(`Salesforce sync: ${JSON.stringify(sync.lastError)}`);
    } else {
      for (let i = 0; i < OPPORTUNITIES; i++)
        oppIds.push((await api('POST', '/api/opportunities', syntheticOpportunity(i, 'bench-rep'))).id as string);
    }
    t = performance.now();
    const report = await api('POST', '/api/admin/search/reindex');
    const stats = await raw.getStats(search.contentIndex);
    console.log(
      `  reindex for product families: ${((performance.now() - t) / 1000).toFixed(1)} s (${JSON.stringify(report)}), ${stats.numberOfDocuments.toLocaleString()} documents`,
    );

    const rep = new MeiliClient({ url: base, apiKey: repToken });
    const knowledge = (i: number) =>
      rep.request<{ opportunity: Opportunity; capability: { id: string }[]; situational: { id: string }[]; experts: unknown[] }>(
        'GET',
        `/api/opportunities/${encodeURIComponent(oppIds[i % oppIds.length]!)}/knowledge?limit=${LIMIT}`,
      );
    // The opportunities exactly as the hub sees them (from the CRM), for the raw path's queries.
    const opps: Opportunity[] = [];
    let capabilityShown = 0;
    let situationalShown = 0;
    const actor = { id: 'bench-rep', name: 'Bench Rep', role: 'rep' as const, team: 'Team 1', leadsTeams: [], salesforceUserId: null };
    const access = searchAccessClause(actor) as string;
    // Each deal's story vectors, as the hub computes them (here once, outside the measured requests).
    const stories = new Map<string, Story | null>();
    const rawSearches = (opp: Opportunity) => {
      const story = stories.get(opp.id) ?? null;
      const filters = [access, either(isNull('expiresAtTs'), greaterThan('expiresAtTs', Date.now()))];
      const federation = { limit: FEDERATION_LIMIT(LIMIT) };
      return Promise.all([
        raw.federatedSearch(recommendationQueries(search!.contentIndex, 'capability', opp, filters), federation),
        raw.federatedSearch(recommendationQueries(search!.contentIndex, 'situational', opp, filters, story), federation),
      ]);
    };
    // Faithfulness check: every item the hub shows must be among the raw path's candidates.
    let missing = 0;
    for (let i = 0; i < oppIds.length; i++) {
      const k = await knowledge(i);
      opps.push(k.opportunity);
      // No win/loss analyses in the bench: the story is the description.
      stories.set(k.opportunity.id, await storyFromText(embedder, k.opportunity.description ?? ''));
      capabilityShown += k.capability.length;
      situationalShown += k.situational.length;
      const [cap, sit] = await rawSearches(k.opportunity);
      const capIds = new Set(cap.hits.map((h) => h.id));
      const sitIds = new Set(sit.hits.map((h) => h.id));
      missing += k.capability.filter((x) => !capIds.has(x.id)).length + k.situational.filter((x) => !sitIds.has(x.id)).length;
    }
    console.log(
      `  knowledge per opportunity (limit ${LIMIT}): ${(capabilityShown / opps.length).toFixed(1)} capability, ${(situationalShown / opps.length).toFixed(1)} situational items on average; hub items not among the raw candidates: ${missing}`,
    );
    if (missing)
      throw new Error('the raw queries do not match the hub: its filters or federation limit have drifted from recommendationQueries');

    const hubPath = async (i: number) => {
      await knowledge(i);
    };
    const rawPath = async (i: number) => {
      await rawSearches(opps[i % opps.length]!);
    };
    await load(requests(100), 4, hubPath);
    await load(requests(100), 4, rawPath);
    const rows: string[] = [];
    const results: Record<string, { hub: Awaited<ReturnType<typeof load>>; raw: Awaited<ReturnType<typeof load>> }> = {};
    // What the measured views cost the org: SOQL queries and data API calls per view.
    const before = standIn ? { soql: viewQueries(standIn.wire), calls: standIn.wire.apiCalls() } : undefined;
    let views = 0;
    for (const [c, n] of [
      [1, requests(300)],
      [16, requests(2000)],
    ] as const) {
      const rawR = await load(n, c, rawPath);
      const cpuBefore = cpuMs(child.pid!);
      const hubR = await load(n, c, hubPath);
      const hubCpu = (cpuMs(child.pid!) - cpuBefore) / n;
      views += n;
      results[c] = { hub: hubR, raw: rawR };
      rows.push(
        `  concurrency ${String(c).padStart(2)}: hub p50 ${hubR.p50.toFixed(1)} ms, p95 ${hubR.p95.toFixed(1)} ms, ${hubR.rps.toFixed(0)}/s | raw p50 ${rawR.p50.toFixed(1)} ms, p95 ${rawR.p95.toFixed(1)} ms, ${rawR.rps.toFixed(0)}/s | p95 ratio ${(hubR.p95 / rawR.p95).toFixed(2)} | hub CPU ${hubCpu.toFixed(2)} ms per view`,
      );
    }
    console.log(
      `  knowledge (${opps.length} opportunities round-robin; hub: GET /api/opportunities/:id/knowledge?limit=${LIMIT} as the rep; raw: the same two federated multi-searches in parallel):`,
    );
    for (const r of rows) console.log(r);
    console.log(`  hub peak resident memory: ${peakRssMb(child.pid!).toFixed(0)} MB (flags: ${hubNodeFlags().join(' ') || 'none'})`);
    const p95Ratio = results[16]!.hub.p95 / results[16]!.raw.p95;
    if (standIn && before) {
      const soqlPerView = (viewQueries(standIn.wire) - before.soql) / views;
      const callsPerView = (standIn.wire.apiCalls() - before.calls) / views;
      console.log(
        `  Salesforce (view cache ${process.env.SALESFORCE_VIEW_CACHE_SECONDS ?? '120'} s): ${soqlPerView.toFixed(3)} SOQL queries and ${callsPerView.toFixed(3)} data API calls per view over ${views} measured views (warm-up and sync excluded); p95 ratio hub/raw at concurrency 16 ${p95Ratio.toFixed(2)} (reported; the raw path has no CRM)`,
      );
      targets = [{ name: 'SOQL queries per view with the Salesforce adapter', value: soqlPerView, max: 1 }];
    } else {
      targets = [{ name: 'knowledge p95 ratio hub/raw at concurrency 16', value: p95Ratio, max: 1.2 }];
    }
  } finally {
    await cleanup();
  }
  if (!report('bench:knowledge', targets)) process.exitCode = 1;
}

main().catch((err) => {
  console.error('bench:knowledge failed:', err);
  process.exit(1);
});
