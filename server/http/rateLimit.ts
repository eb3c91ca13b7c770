import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { TooManyRequests } from '../errors';

/**
 * Fixed-window rate limit per bearer token (or per client address without one). In memory:
 * one hub process per deployment is the supported shape; a cluster would move this to the database.
 *
 * Failed authentications (401) also count against the client address, so rotating made-up
 * tokens (each a fresh token bucket) cannot buy unlimited token lookups.
 */
export function rateLimit(options: { perMinute: number; now?: () => number }) {
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

  return (req: Request, res: Response, next: NextFunction) => {
    const t = now();
    if (t - lastSweep > 60_000) {
      for (const [k, w] of windows) if (t - w.start >= 60_000) windows.delete(k);
      lastSweep = t;
    }
    // `req.ip` honours X-Forwarded-For only when trust proxy is on.
    const client = req.ip ?? 'unknown';
    const failures = bucket('fail:' + client, t);
    if (failures.count >= options.perMinute) return refuse(res, next, failures, t);
    res.on('finish', () => {
      if (res.statusCode === 401) bucket('fail:' + client, now()).count++;
    });

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
}
