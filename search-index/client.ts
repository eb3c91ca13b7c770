import { Pool } from 'undici';

/**
 * One keep-alive connection pool per Meilisearch origin, shared by every client of that origin
 * (the scoped-key clients and the master client reuse the same sockets).
 */
const pools = new Map<string, Pool>();
function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 64, keepAliveTimeout: 10_000 });
    pools.set(origin, pool);
  }
  return pool;
}

/**
 * The only module that talks to Meilisearch. A small typed wrapper over its REST API:
 * meilisearch-js 0.62 is ESM-only while our jest/LWC toolchain runs CommonJS, and the handful
 * of calls we need are easier to keep exact (timeouts, error mapping, socket options) directly.
 * Every transport failure is translated into a SearchEngineError carrying the original as `cause`.
 */

export class SearchEngineError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SearchEngineError';
  }
}

/** Meilisearch is down or unreachable: retry later. */
export class SearchUnavailableError extends SearchEngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'search_unavailable', undefined, options);
    this.name = 'SearchUnavailableError';
  }
}

/** A Meilisearch task finished with status "failed". */
export class SearchTaskFailedError extends SearchEngineError {
  constructor(
    readonly taskUid: number,
    readonly taskError: { message?: string; code?: string } | null,
  ) {
    super(`Meilisearch task ${taskUid} failed: ${taskError?.message ?? 'unknown error'}`, taskError?.code ?? 'task_failed');
    this.name = 'SearchTaskFailedError';
  }
}

export interface MeiliTask {
  taskUid: number;
  indexUid: string | null;
  status: string;
  type: string;
}

export interface MeiliTaskResult {
  uid: number;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  type: string;
  error: { message?: string; code?: string } | null;
  details?: Record<string, unknown>;
}

export interface SearchParams {
  q?: string;
  filter?: (string | string[])[] | string;
  facets?: string[];
  limit?: number;
  offset?: number;
  /** Page-based pagination: exact totals up to the index's maxTotalHits (totalHits, totalPages). */
  page?: number;
  hitsPerPage?: number;
  attributesToRetrieve?: string[];
  attributesToHighlight?: string[];
  attributesToCrop?: string[];
  cropLength?: number;
  highlightPreTag?: string;
  highlightPostTag?: string;
  sort?: string[];
  showRankingScore?: boolean;
  matchingStrategy?: 'last' | 'all' | 'frequency';
  /** Hybrid search: blends keyword and vector ranking (the hub sends the query's vector). */
  hybrid?: { embedder: string; semanticRatio: number };
  vector?: number[];
  rankingScoreThreshold?: number;
}

export interface SearchResponse<T> {
  hits: (T & { _formatted?: Partial<Record<keyof T, unknown>>; _rankingScore?: number })[];
  estimatedTotalHits?: number;
  totalHits?: number;
  totalPages?: number;
  facetDistribution?: Record<string, Record<string, number>>;
  processingTimeMs: number;
  query: string;
  limit?: number;
  offset?: number;
}

export interface MultiSearchQuery extends SearchParams {
  indexUid: string;
  federationOptions?: { weight?: number };
}

export interface FederatedHit {
  _federation?: { indexUid: string; queriesPosition: number; weightedRankingScore: number };
  [key: string]: unknown;
}

export interface MeiliClientOptions {
  url: string;
  apiKey?: string;
  /** Per-request timeout; searches are fast, so a hung engine is noticed quickly. */
  timeoutMs?: number;
}

export class MeiliClient {
  readonly url: string;
  private readonly apiKey?: string;
  private readonly timeoutMs: number;
  private readonly origin: string;
  /** A path prefix when Meilisearch sits behind a proxy under a sub-path. */
  private readonly basePath: string;

  constructor(options: MeiliClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    const parsed = new URL(this.url);
    this.origin = parsed.origin;
    this.basePath = parsed.pathname.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  withKey(apiKey: string): MeiliClient {
    return new MeiliClient({ url: this.url, apiKey, timeoutMs: this.timeoutMs });
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: { status: number; text: string };
    try {
      res = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body));
    } catch (cause) {
      throw new SearchUnavailableError(`Meilisearch at ${this.url} is unreachable`, { cause });
    }
    const { status, text } = res;
    if (status < 200 || status >= 300) {
      let parsed: { message?: string; code?: string } = {};
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        // not JSON: keep the status only
      }
      if (status >= 500) {
        throw new SearchUnavailableError(`Meilisearch answered ${status}: ${parsed.message ?? text.slice(0, 200)}`);
      }
      throw new SearchEngineError(parsed.message ?? `Meilisearch answered ${status}`, parsed.code ?? 'search_error', status);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * undici's pool: keep-alive, TCP_NODELAY, and about half the CPU per request of node:http
   * (measured ~0.55 ms against ~1.1 ms for a search round trip; the hub's share of a search's
   * CPU is what its latency under load is made of). Node's fetch was not used: it measured
   * ~44 ms per search here (the body waited for the server's delayed ACK).
   */
  private async send(method: string, path: string, payload?: string): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await poolFor(this.origin).request({
      path: this.basePath + path,
      method: method as 'GET',
      headers,
      body: payload,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    return { status: res.statusCode, text: await res.body.text() };
  }

  health(): Promise<{ status: string }> {
    return this.request('GET', '/health');
  }

  async isHealthy(): Promise<boolean> {
    try {
      return (await this.health()).status === 'available';
    } catch {
      return false;
    }
  }

  /** Polls a task until it ends; throws SearchTaskFailedError when it failed. */
  async waitTask(taskUid: number, { timeoutMs = 120_000, intervalMs = 25 } = {}): Promise<MeiliTaskResult> {
    const deadline = Date.now() + timeoutMs;
    let wait = intervalMs;
    for (;;) {
      const task = await this.request<MeiliTaskResult>('GET', `/tasks/${taskUid}`);
      if (task.status === 'succeeded') return task;
      if (task.status === 'failed' || task.status === 'canceled') throw new SearchTaskFailedError(taskUid, task.error);
      if (Date.now() > deadline) throw new SearchUnavailableError(`Meilisearch task ${taskUid} did not finish in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 500);
    }
  }

  async createIndexIfMissing(uid: string, primaryKey: string): Promise<void> {
    try {
      await this.request('GET', `/indexes/${encodeURIComponent(uid)}`);
      return;
    } catch (err) {
      if (!(err instanceof SearchEngineError) || err.httpStatus !== 404) throw err;
    }
    const task = await this.request<MeiliTask>('POST', '/indexes', { uid, primaryKey });
    try {
      await this.waitTask(task.taskUid);
    } catch (err) {
      // Two processes may race to create it; that is fine.
      if (!(err instanceof SearchTaskFailedError && err.taskError?.code === 'index_already_exists')) throw err;
    }
  }

  deleteIndex(uid: string): Promise<MeiliTask> {
    return this.request('DELETE', `/indexes/${encodeURIComponent(uid)}`);
  }

  updateSettings(uid: string, settings: Record<string, unknown>): Promise<MeiliTask> {
    return this.request('PATCH', `/indexes/${encodeURIComponent(uid)}/settings`, settings);
  }

  getSettings(uid: string): Promise<Record<string, unknown>> {
    return this.request('GET', `/indexes/${encodeURIComponent(uid)}/settings`);
  }

  addDocuments(uid: string, docs: unknown[]): Promise<MeiliTask> {
    return this.request('POST', `/indexes/${encodeURIComponent(uid)}/documents`, docs);
  }

  deleteDocuments(uid: string, ids: string[]): Promise<MeiliTask> {
    return this.request('POST', `/indexes/${encodeURIComponent(uid)}/documents/delete-batch`, ids);
  }

  /** Fetches documents page by page (used by reconciliation). */
  getDocuments<T>(
    uid: string,
    params: { offset: number; limit: number; fields?: string[]; ids?: string[] },
  ): Promise<{ results: T[]; total: number }> {
    return this.request('POST', `/indexes/${encodeURIComponent(uid)}/documents/fetch`, params);
  }

  search<T>(uid: string, params: SearchParams): Promise<SearchResponse<T>> {
    return this.request('POST', `/indexes/${encodeURIComponent(uid)}/search`, params);
  }

  /** The index's pagination settings (maxTotalHits: where exact counting stops). */
  getPagination(uid: string): Promise<{ maxTotalHits?: number }> {
    return this.request('GET', `/indexes/${encodeURIComponent(uid)}/settings/pagination`);
  }

  /**
   * Several independent searches in one round trip (`POST /multi-search` without federation):
   * one answer per query, in order. Search uses it for disjunctive facet counts.
   */
  async multiSearch<T>(queries: MultiSearchQuery[]): Promise<(SearchResponse<T> & { indexUid: string })[]> {
    const res = await this.request<{ results: (SearchResponse<T> & { indexUid: string })[] }>('POST', '/multi-search', { queries });
    return res.results;
  }

  federatedSearch(
    queries: MultiSearchQuery[],
    federation: { limit?: number; offset?: number } = {},
  ): Promise<{ hits: FederatedHit[]; estimatedTotalHits?: number; processingTimeMs: number }> {
    return this.request('POST', '/multi-search', { federation, queries });
  }

  getStats(uid: string): Promise<{ numberOfDocuments: number; isIndexing: boolean }> {
    return this.request('GET', `/indexes/${encodeURIComponent(uid)}/stats`);
  }

  createKey(key: {
    name: string;
    description?: string;
    actions: string[];
    indexes: string[];
    expiresAt: string | null;
    uid?: string;
  }): Promise<{ key: string; uid: string }> {
    return this.request('POST', '/keys', key);
  }

  async getKey(uidOrKey: string): Promise<{ key: string; uid: string } | null> {
    try {
      return await this.request('GET', `/keys/${encodeURIComponent(uidOrKey)}`);
    } catch (err) {
      if (err instanceof SearchEngineError && err.httpStatus === 404) return null;
      throw err;
    }
  }
}
