import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { TooManyRequests } from '../errors';

export interface RateLimitOptions {
  perMinute: number;
  now?: () => number;
  /**
   * Could this bearer token authenticate? A cheap, cached answer (server/auth/service.ts): true
   * lets the request past an address's exhausted failure budget, so only tokens that would fail
   * authentication are refused by it. Without it, every token is treated as possibly valid.
   */
  mayBeValidToken?: (token: string) => Promise<boolean>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Fixed-window rate limit per bearer token (or per client address without one). In memory:
 * one hub process per deployment is the supported shape; a cluster would move this to the database.
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
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();

  const bucket = (key: string, t: number) => {
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    return w;
  };
  const refuse = (res: Response, next: NextFunction, w: { start: number }, t: number) => {
    const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    next(new TooManyRequests(retryAfter));
  };

  const limitByToken = (req: Request, res: Response, next: NextFunction, client: string, t: number) => {
    const auth = req.headers.authorization;
    // The key never holds the token itself.
    const key = auth ? 't:' + crypto.createHash('sha256').update(auth).digest('base64url').slice(0, 22) : 'ip:' + client;
    const w = bucket(key, t);
    w.count++;
    res.setHeader('RateLimit-Limit', String(options.perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, options.perMinute - w.count)));
    if (w.count > options.perMinute) return refuse(res, next, w, t);
    next();
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const t = now();
    if (t - lastSweep > 60_000) {
      for (const [k, w] of windows) if (t - w.start >= 60_000) windows.delete(k);
      lastSweep = t;
    }
    // `req.ip` honours X-Forwarded-For only when trust proxy is on.
    const client = req.ip ?? 'unknown';
    const failKey = 'fail:' + client;
    res.on('finish', () => {
      if (res.statusCode === 401) bucket(failKey, now()).count++;
    });

    const auth = req.headers.authorization;
    const failures = bucket(failKey, t);
    if (!auth || failures.count < options.perMinute) return limitByToken(req, res, next, client, t);
    // The address is out of failures: only a token that may authenticate goes on.
    const token = BEARER.exec(auth)?.[1];
    const check = token && options.mayBeValidToken ? options.mayBeValidToken(token) : Promise.resolve(!!token && !options.mayBeValidToken);
    check.then(
      (known) => (known ? limitByToken(req, res, next, client, t) : refuse(res, next, failures, t)),
      (err: unknown) => next(err),
    );
  };
}
