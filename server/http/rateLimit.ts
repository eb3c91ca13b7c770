import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { TooManyRequests } from '../errors';
import { memoryRateLimitStore, type RateLimitStore } from './rateLimitStore';

/**
 * Fixed-window rate limit per bearer token (or per client address without one). The counters
 * live in a RateLimitStore: this process's memory for one hub, the database when several hub
 * instances share a PostgreSQL database (server/hub.ts picks), so a client spreading requests over
 * instances behind a load balancer still gets one limit.
 *
 * Failed authentications (401) also count against the client address, so rotating made-up
 * tokens (each a fresh token bucket) cannot buy unlimited token lookups.
 */
export function rateLimit(options: { perMinute: number; now?: () => number; store?: RateLimitStore }) {
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
    const failures = await store.hit('fail:' + client, t, 0);
    if (failures.count >= options.perMinute) return refuse(res, next, failures, t);
    res.on('finish', () => {
      if (res.statusCode === 401) void store.hit('fail:' + client, now(), 1).catch(() => undefined);
    });
    const auth = req.headers.authorization;
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
