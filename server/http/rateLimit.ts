import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { TooManyRequests } from '../errors';

/**
 * Fixed-window rate limit per bearer token (or per client address without one). In memory:
 * one hub process per deployment is the supported shape; a cluster would move this to the database.
 */
export function rateLimit(options: { perMinute: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();

  return (req: Request, res: Response, next: NextFunction) => {
    const t = now();
    if (t - lastSweep > 60_000) {
      for (const [k, w] of windows) if (t - w.start >= 60_000) windows.delete(k);
      lastSweep = t;
    }
    const auth = req.headers.authorization;
    // The key never holds the token itself; `req.ip` honours X-Forwarded-For only when trust proxy is on.
    const key = auth ? 't:' + crypto.createHash('sha256').update(auth).digest('base64url').slice(0, 22) : 'ip:' + (req.ip ?? 'unknown');
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    const remaining = Math.max(0, options.perMinute - w.count);
    res.setHeader('RateLimit-Limit', String(options.perMinute));
    res.setHeader('RateLimit-Remaining', String(remaining));
    if (w.count > options.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      next(new TooManyRequests(retryAfter));
      return;
    }
    next();
  };
}
