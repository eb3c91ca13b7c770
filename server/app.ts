import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { AppError, NotFound, toHttpError, Unauthorized } from './errors';
import type { Actor } from './auth/schema';
import { buildOpenApi } from './http/openapi';
import { compressLargeResponses, servePage } from './http/leanResponses';
import { rateLimit } from './http/rateLimit';
import type { RateLimitStore } from './http/rateLimitStore';
import { mountRoutes, type RouteDef } from './http/route';
import './http/types';
import type { Logger } from './log';

export interface AppDeps {
  http: { corsOrigins: string[]; bodyLimit: string; importBodyLimit: string; rateLimitPerMinute: number; trustProxy: boolean };
  logger: Logger;
  authenticate(token: string | undefined, salesforceUserId?: string, assertion?: string): Promise<Actor>;
  /** Cheap pre-check used by the rate limit: could this token authenticate (server/http/rateLimit.ts)? */
  mayBeValidToken?(token: string): Promise<boolean>;
  routes: RouteDef[];
  /** Folder of the compiled standalone CRM page, served at `/` when present. */
  pageDir?: string;
  validateResponses?: boolean;
  version: string;
  /** Where rate-limit counters live (default: this process's memory). */
  rateLimitStore?: RateLimitStore;
  /** Request timing for every request, and GET /metrics on this app when `handler` is set. */
  metrics?: { middleware: RequestHandler; handler?: RequestHandler };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Builds the Express app from its dependencies; it never starts listening itself. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are per user and rarely repeated: hashing every body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', deps.http.trustProxy);
  app.set('query parser', 'simple');

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    req.requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Paths only, never bodies or headers: tokens and confidential text stay out of logs.
      deps.logger.debug('request', {
        requestId: req.requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        user: req.actor?.id,
      });
    });
    next();
  });

  if (deps.metrics) app.use(deps.metrics.middleware);
  app.use(compressLargeResponses());
  if (deps.metrics?.handler) app.get('/metrics', deps.metrics.handler);

  app.use(
    staticHeaders(
      helmet({
        contentSecurityPolicy: {
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:', 'https:'],
            connectSrc: ["'self'"],
            frameAncestors: ["'self'", ...deps.http.corsOrigins],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
          },
        },
      }),
    ),
  );
  app.use(
    '/api',
    cors({
      origin: (origin, cb) => cb(null, !origin || deps.http.corsOrigins.includes(origin)),
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'Idempotency-Key',
        'X-Request-Id',
        'X-Salesforce-User-Id',
        'X-Salesforce-Assertion',
      ],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(
    '/api',
    rateLimit({ perMinute: deps.http.rateLimitPerMinute, mayBeValidToken: deps.mayBeValidToken, store: deps.rateLimitStore }),
  );

  const router = express.Router();
  const openapi = buildOpenApi(deps.routes, { title: 'Knowledge Hub API', version: deps.version });
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  mountRoutes(router, deps.routes, {
    authenticate: (req) =>
      deps.authenticate(
        bearerToken(req),
        req.header('x-salesforce-user-id') ?? undefined,
        req.header('x-salesforce-assertion') ?? undefined,
      ),
    validateResponses: deps.validateResponses,
    bodyParsers: {
      json: express.json({ limit: deps.http.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }),
      ndjson: express.text({ limit: deps.http.importBodyLimit, type: ['application/x-ndjson', 'application/jsonl', 'text/plain'] }),
    },
  });
  app.use(router);

  app.use('/api', (_req, _res, next) => next(new NotFound('Endpoint')));

  if (deps.pageDir && fs.existsSync(path.join(deps.pageDir, 'index.html'))) {
    app.use(servePage(deps.pageDir));
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('Knowledge Hub API is running. The CRM page is not built: run `npm run build:page`. API description: /api/openapi.json');
    });
  }

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = toHttpError(err);
    if (status >= 500) {
      const cause = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      // details carry a dependency's own words (Salesforce's error code and fields), which the cause's message may not.
      deps.logger.error('request failed', {
        requestId: req.requestId,
        method: req.method,
        path: req.path,
        status,
        error: cause,
        details: body.error.details,
        stack: err instanceof Error ? err.stack : undefined,
      });
    }
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    const retryAfter = err instanceof AppError ? err.retryAfterSeconds : undefined;
    if ((status === 429 || status === 503) && !res.getHeader('Retry-After'))
      res.setHeader('Retry-After', String(retryAfter ?? (status === 429 ? 60 : 30)));
    res.status(status).json(body);
  });

  return app;
}

/**
 * The headers a middleware sets on every response, set by one loop: helmet's are the same for every
 * request (no nonces), and running its fourteen middlewares per request was a visible share of a
 * search's CPU. Captured once at start-up from helmet itself, so its defaults stay the source.
 */
function staticHeaders(middleware: RequestHandler): RequestHandler {
  const headers: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  let synchronous = false;
  void middleware({ headers: {}, method: 'GET', url: '/' } as Request, recorder as unknown as Response, () => {
    synchronous = true;
  });
  if (!synchronous) throw new Error('staticHeaders: the middleware did not finish synchronously');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new Unauthorized('Authorization must be "Bearer <token>"');
  return match[1];
}
