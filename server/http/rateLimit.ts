import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { TooManyRequests } from '../errors';
import { memoryRateLimitStore, type RateLimitStore } from './rateLimitStore';

export interface RateLimitOptions {
  perMinute: number;
  now?: () => number;
  /**
   * Could this bearer token authenticate? A cheap, cached answer (server/auth/service.ts): true
   * lets the request past an address's exhausted failure budget, so only tokens that would fail
   * authentication are refused by it. Without it, every token is treated as possibly valid.
   */
  mayBeValidToken?: (token: string) => Promise<boolean>;
  /** Where the counters live (server/http/rateLimitStore.ts); this process's memory by default. */
  store?: RateLimitStore;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Fixed-window rate limit per bearer token (or per client address without one). The counters
 * live in a RateLimitStore: this process's memory for one hub, the database when several hub
 * instances share a PostgreSQL database (server/hub.ts picks), so a client spreading requests over
 * instances behind a load balancer still gets one limit.
 *
 * Failed authentications (401) count against a separate budget per client address, so rotating
 * made-up tokens (each a fresh token bucket) cannot buy unlimited token lookups. That budget
 * refuses only requests whose token the auth service does not know: a valid token is limited by
 * its own budget alone, however many failures share its address (an office behind one NAT, or an
 * attacker next to the admin). Requests without a token cost no lookup; their address's own
 * bucket limits them.
 */
export function rateLimit(options: RateLimitOptions) {
  const now = options.now ?? Date.now;
  const store = options.store ?? memoryRateLimitStore();
  const refuse = (res: Response, next: NextFunction, w: { start: number }, t: number) => {
    const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    next(new TooManyRequests(retryAfter));
  };

  const limit = async (req: Request, res: Response, next: NextFunction) => {
    const t = now();
    // `req.ip` honours X-Forwarded-For only when trust proxy is on.
    const client = req.ip ?? 'unknown';
    const failKey = 'fail:' + client;
    res.on('finish', () => {
      if (res.statusCode === 401) void store.hit(failKey, now(), 1).catch(() => undefined);
    });
    const auth = req.headers.authorization;
    if (auth) {
      const failures = await store.hit(failKey, t, 0);
      if (failures.count >= options.perMinute) {
        // The address is out of failures: only a token that may authenticate goes on.
        const token = BEARER.exec(auth)?.[1];
        const known = token && options.mayBeValidToken ? await options.mayBeValidToken(token) : !!token && !options.mayBeValidToken;
        if (!known) return refuse(res, next, failures, t);
      }
    }
    // The key never holds the token itself.
    const key = auth ? 't:' + crypto.createHash('sha256').update(auth).digest('base64url').slice(0, 22) : 'ip:' + client;
    const w = await store.hit(key, t, 1);
    res.setHeader('RateLimit-Limit', String(options.perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, options.perMinute - w.count)));
    if (w.count > options.perMinute) return refuse(res, next, w, t);
    next();
  };
  return (req: Request, res: Response, next: NextFunction) => {
    limit(req, res, next).catch(next);
  };
}
