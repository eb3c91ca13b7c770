import fs from 'node:fs';

/**
 * Where a process's time went, from a V8 CPU profile (`node --cpu-prof`): each sample is charged
 * to the first category found walking up its stack from the running function, so "hit cards"
 * includes the JSON parsing hit cards do, and "engine call" the HTTP client under it. Only samples
 * after `fromMs` (since the profile started) count, to leave out start-up and indexing.
 */
export interface Category {
  name: string;
  match: (frame: { functionName: string; url: string }) => boolean;
}

const file = (part: string) => (f: { url: string }) => f.url.includes(part);
const fn =
  (...names: string[]) =>
  (f: { functionName: string }) =>
    names.includes(f.functionName);

/** The search request's stages, in the order a request meets them (first match wins per frame). */
export const SEARCH_CATEGORIES: Category[] = [
  { name: 'garbage collection', match: fn('(garbage collector)') },
  {
    name: 'socket writes (kernel: loopback delivery to the client)',
    match: fn('writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String'),
  },
  { name: 'search log (buffered, batched inserts)', match: file('/server/flow/searchLog.ts') },
  { name: 'hit cards (cache, fetch of misses)', match: file('/server/search/hitCards.ts') },
  {
    name: 'access clause and pending narrowings',
    match: (f) =>
      f.url.includes('/server/auth/access.ts') || f.url.includes('/server/search/filters.ts') || f.functionName === 'accessFilters',
  },
  {
    name: 'authentication (token hash, identity cache)',
    match: (f) => f.url.includes('/server/auth/service.ts') || f.url.includes('/server/auth/store.ts'),
  },
  { name: 'rate limit', match: file('/server/http/rateLimit') },
  { name: 'request validation (zod)', match: (f) => f.functionName === 'parseWith' || f.url.includes('/node_modules/zod/') },
  {
    name: 'engine call (HTTP client, JSON parse of the answer)',
    match: (f) => f.url.includes('/search-index/client.ts') || f.url.includes('/node_modules/undici/'),
  },
  { name: 'search service (filters, highlights, result)', match: (f) => f.url.includes('/server/search/') },
  {
    name: 'response serialisation (JSON.stringify, headers)',
    match: (f) => f.url.includes('/express/lib/response.js') || f.url.includes('node:_http_outgoing'),
  },
  { name: 'metrics (prom-client)', match: (f) => f.url.includes('/prom-client/') || f.url.includes('/server/ops/metrics.ts') },
  { name: 'database (SQLite)', match: file('/node_modules/kysely/') },
  {
    name: 'HTTP server and Express middleware (parsing, routing, helmet, cors, compression, request id)',
    match: (f) =>
      /node_modules\/(express|router|helmet|cors|compression|on-headers|on-finished|finalhandler|body-parser|qs|send|serve-static)\//.test(
        f.url,
      ) ||
      f.url.includes('/server/app.ts') ||
      f.url.includes('/server/http/') ||
      f.url.startsWith('node:_http'),
  },
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export function profileBreakdown(profileFile: string, fromMs: number, categories: Category[]): { name: string; share: number }[] {
  const p = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const cache = new Map<number, string>();
  const categoryOf = (id: number): string => {
    const known = cache.get(id);
    if (known) return known;
    let name = 'other (Node event loop, promises, streams)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const hit = categories.find((c) => c.match(nodes.get(at)!.callFrame));
      if (hit) {
        name = hit.name;
        break;
      }
    }
    cache.set(id, name);
    return name;
  };
  const totals = new Map<string, number>();
  let t = p.startTime;
  let busy = 0;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    const dt = p.timeDeltas[i + 1] ?? 0;
    const frame = nodes.get(id)!.callFrame;
    if (t - p.startTime < fromMs * 1000 || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
    const name = categoryOf(id);
    totals.set(name, (totals.get(name) ?? 0) + dt);
    busy += dt;
  });
  return [...totals.entries()].map(([name, v]) => ({ name, share: v / busy })).sort((a, b) => b.share - a.share);
}
