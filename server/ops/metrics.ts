import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The hub's Prometheus metrics, one registry per hub (tests build many hubs in one process, so
 * nothing goes to prom-client's global registry). Counters are bumped where things happen;
 * gauges that mirror the database (outbox depth and lag) or the engine are read at scrape time.
 */
export interface MetricSources {
  /** Pending outbox rows and the age in seconds of the oldest one (0 when none). */
  outbox(): Promise<{ pending: number; oldestAgeSeconds: number }>;
  engineRestarts(): number;
  engineState(): 'running' | 'restarting' | 'stopped';
}

export type HubMetrics = ReturnType<typeof createMetrics>;

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: MetricSources, options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'hub_' });

  const httpSeconds = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status class (rate: the _count series)',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const searchSeconds = new Histogram({
    name: 'hub_search_duration_seconds',
    help: 'Searches (/api/search) from query to answer, engine and database included',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const recommendationSeconds = new Histogram({
    name: 'hub_recommendation_duration_seconds',
    help: 'Knowledge for an opportunity, from request to ranked answer',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const creditsWritten = new Counter({
    name: 'hub_credit_entries_written_total',
    help: 'Credit ledger entries committed (credits and reversals)',
    registers: [registry],
  });
  const salesforceCalls = new Counter({
    name: 'hub_salesforce_api_calls_total',
    help: 'Salesforce data API calls by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const salesforceRemaining = new Gauge({
    name: 'hub_salesforce_api_remaining',
    help: 'Daily API requests Salesforce says are left (Sforce-Limit-Info), where known',
    registers: [registry],
  });
  const salesforceLimit = new Gauge({
    name: 'hub_salesforce_api_limit',
    help: "The org's daily API request limit (Sforce-Limit-Info), where known",
    registers: [registry],
  });

  // Read at scrape time: one query serves both outbox gauges.
  let outboxRead: Promise<{ pending: number; oldestAgeSeconds: number }> | null = null;
  const outbox = () => (outboxRead ??= sources.outbox().finally(() => setImmediate(() => (outboxRead = null))));
  new Gauge({
    name: 'hub_search_outbox_pending',
    help: 'Changes recorded in the search outbox and not yet applied to the index',
    registers: [registry],
    async collect() {
      this.set((await outbox()).pending);
    },
  });
  new Gauge({
    name: 'hub_search_relay_lag_seconds',
    help: 'Age of the oldest change not yet applied to the index (0 when in sync)',
    registers: [registry],
    async collect() {
      this.set((await outbox()).oldestAgeSeconds);
    },
  });
  let countedRestarts = 0;
  new Counter({
    name: 'hub_search_engine_restarts_total',
    help: 'Automatic restarts of the embedded Meilisearch by its supervisor',
    registers: [registry],
    collect() {
      const now = sources.engineRestarts();
      if (now > countedRestarts) this.inc(now - countedRestarts);
      countedRestarts = now;
    },
  });
  new Gauge({
    name: 'hub_search_engine_up',
    help: '1 while the search engine runs, 0 while it is restarting or stopped',
    registers: [registry],
    collect() {
      this.set(sources.engineState() === 'running' ? 1 : 0);
    },
  });

  /** Times every request; the route label is the route's template, never the raw path (bounded cardinality). */
  const httpMiddleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const end = httpSeconds.startTimer();
    res.on('finish', () => {
      const template = req.route?.path;
      const route =
        typeof template === 'string'
          ? req.baseUrl + template
          : req.path.startsWith('/api/')
            ? 'unmatched'
            : req.path === '/metrics'
              ? '/metrics'
              : 'page';
      end({ route, method: req.method, status: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  };

  return {
    registry,
    httpMiddleware,
    creditsWritten,
    /** Wraps an async function so each call is observed in `histogram`. */
    timed<A extends unknown[], R>(histogram: Histogram, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
      return async (...args: A) => {
        const end = histogram.startTimer();
        try {
          return await fn(...args);
        } finally {
          end();
        }
      };
    },
    searchSeconds,
    recommendationSeconds,
    salesforceCall(outcome: 'ok' | 'error', apiUsage?: { used: number; limit: number }): void {
      salesforceCalls.inc({ outcome });
      if (apiUsage) {
        salesforceLimit.set(apiUsage.limit);
        salesforceRemaining.set(Math.max(0, apiUsage.limit - apiUsage.used));
      }
    },
  };
}

/**
 * GET /metrics in Prometheus text format. With a token, only `Authorization: Bearer <token>` gets
 * it (compared in constant time); without one the caller must have put it on a private port.
 */
export function metricsHandler(registry: Registry, token: string | undefined): RequestHandler {
  const expected = token ? crypto.createHash('sha256').update(token).digest() : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (expected) {
      const given = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
      if (!crypto.timingSafeEqual(crypto.createHash('sha256').update(given).digest(), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(401).type('text/plain').send('metrics need the METRICS_TOKEN as a bearer token\n');
        return;
      }
    }
    registry.metrics().then((text) => {
      res.setHeader('Cache-Control', 'no-store');
      res.type(registry.contentType).send(text);
    }, next);
  };
}
