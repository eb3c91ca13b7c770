/**
 * Synthetic enablement content for benchmarks: 100,000 items of ~80 words with six facets,
 * built from a fixed vocabulary and a seeded random generator so every run indexes the same data.
 */
export const PRODUCTS = [
  'Lakehouse Core',
  'Stream Ingest',
  'Pipeline Studio',
  'Insight Dashboards',
  'Forecast AI',
  'Embedded Analytics',
  'Data Catalog',
  'Privacy Vault',
  'Access Guard',
];
export const INDUSTRIES = ['Banking', 'Insurance', 'Retail', 'Healthcare', 'Manufacturing', 'Public Sector'];
export const COMPETITORS = ['Snowcrest', 'Sparkline', 'Prism BI', 'Atlasgrid', 'Granite Systems'];
export const STAGES = ['Prospecting', 'Qualification', 'Discovery', 'Proposal', 'Negotiation'];
export const PERSONAS = ['CIO', 'CFO', 'CTO', 'Head of Data', 'Security Officer', 'Procurement'];
export const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB'];
const TYPES: [string, string][] = [
  ['capability', 'battlecard'],
  ['capability', 'product_sheet'],
  ['capability', 'pricing_guide'],
  ['capability', 'faq'],
  ['capability', 'case_study'],
  ['situational', 'win_loss_analysis'],
  ['situational', 'account_insight'],
  ['situational', 'deal_story'],
  ['situational', 'objection_handling'],
];
const WORDS = (
  'pricing discount renewal migration security compliance residency latency throughput governance lineage catalog dashboard forecast ' +
  'budget procurement champion sponsor objection rollout pilot integration connector warehouse lakehouse streaming batch analytics ' +
  'adoption onboarding training architecture scalability encryption audit retention contract negotiation timeline committee stakeholder ' +
  'risk value outcome savings license subscription consumption workload benchmark evaluation shortlist reference customer partner ' +
  'regulator privacy access policy identity federation replication recovery availability support escalation roadmap release feature'
).split(' ');

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const some = <T>(r: () => number, xs: readonly T[], max: number): T[] => [
  ...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(r, xs))),
];
const sentence = (r: () => number, n: number) => Array.from({ length: n }, () => pick(r, WORDS)).join(' ');

export interface SyntheticItem {
  externalId: string;
  kind: string;
  contentType: string;
  title: string;
  summary: string;
  body: string;
  products: string[];
  industries: string[];
  competitors: string[];
  stages: string[];
  personas: string[];
  segments: string[];
  authors: { userId: string; role: string; share: number }[];
  status: 'published';
}

export function syntheticItem(i: number, authorIds: string[]): SyntheticItem {
  const r = rng(i + 1);
  const [kind, contentType] = pick(r, TYPES);
  const competitor = pick(r, COMPETITORS);
  const product = pick(r, PRODUCTS);
  const coAuthored = r() < 0.3;
  const a1 = pick(r, authorIds);
  const a2 = authorIds.find((a) => a !== a1) ?? a1;
  return {
    externalId: `bench-${i}`,
    kind,
    contentType,
    title: `${product} vs ${competitor}: ${sentence(r, 4)}`,
    summary: sentence(r, 14),
    body: `## Situation\n\n${sentence(r, 30)}\n\n## What worked\n\n- ${sentence(r, 10)}\n- ${sentence(r, 10)}\n\n${sentence(r, 12)}`,
    products: some(r, PRODUCTS, 2)
      .concat(product)
      .filter((v, k, xs) => xs.indexOf(v) === k),
    industries: some(r, INDUSTRIES, 2),
    competitors: [competitor],
    stages: some(r, STAGES, 2),
    personas: some(r, PERSONAS, 3),
    segments: [pick(r, SEGMENTS)],
    authors:
      coAuthored && a2 !== a1
        ? [
            { userId: a1, role: 'author', share: 0.5 },
            { userId: a2, role: 'co_author', share: 0.5 },
          ]
        : [{ userId: a1, role: 'author', share: 1 }],
    status: 'published',
  };
}

/** The same mix of searches for the hub and the raw engine: words, typos, facets, both. */
export function benchQueries(): { q: string; facets: Record<string, string[]> }[] {
  const r = rng(4242);
  const out: { q: string; facets: Record<string, string[]> }[] = [];
  for (let i = 0; i < 200; i++) {
    const mode = i % 4;
    const q =
      mode === 3 ? '' : mode === 1 ? pick(r, WORDS).replace(/.$/, '') + ' ' + pick(r, WORDS) : `${pick(r, WORDS)} ${pick(r, WORDS)}`;
    const facets: Record<string, string[]> = {};
    if (mode >= 2) facets.competitors = [pick(r, COMPETITORS)];
    // Every eighth query ticks two values in one group (OR within it: disjunctive facet counts).
    if (i % 8 === 2)
      facets.competitors = [...new Set([...(facets.competitors ?? []), pick(r, COMPETITORS), pick(r, COMPETITORS)])].slice(0, 2);
    if (mode === 3) facets.industries = [pick(r, INDUSTRIES)];
    out.push({ q, facets });
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Runs `total` calls of `fn` with `concurrency` workers; returns latencies (ms) and wall time. */
export async function load(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<void>,
): Promise<{ p50: number; p95: number; rps: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t = performance.now();
        await fn(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: total / wall };
}

/** Product families for the CRM's line items: three products per family, in PRODUCTS order. */
export const PRODUCT_FAMILIES: Record<string, string> = Object.fromEntries(
  PRODUCTS.map((p, i) => [p, i < 3 ? 'Data Platform' : i < 6 ? 'Analytics' : 'Security & Governance']),
);

/** A synthetic open opportunity (the body of POST /api/opportunities), seeded by `i`. */
export function syntheticOpportunity(i: number, ownerId: string) {
  const r = rng(100_000 + i);
  const products = some(r, PRODUCTS, 3);
  const close = new Date(Date.UTC(2027, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
  return {
    id: `bench-opp-${i}`,
    name: `Bench deal ${i}`,
    accountName: `Account ${i}`,
    industry: pick(r, INDUSTRIES),
    segment: pick(r, SEGMENTS),
    region: pick(r, ['EMEA', 'NA', 'APAC', 'LATAM']),
    amount: Math.round(10_000 + r() * 990_000),
    currency: 'USD',
    stage: pick(r, STAGES),
    closeDate: close.toISOString().slice(0, 10),
    isClosed: false,
    isWon: false,
    products: products.map((name) => ({ name, family: PRODUCT_FAMILIES[name] as string })),
    competitors: some(r, COMPETITORS, 2),
    contactRoles: some(r, PERSONAS, 3).map((title, k) => ({ role: k === 0 ? 'Decision Maker' : 'Evaluator', title })),
    ownerId,
    description: sentence(r, 20),
  };
}
