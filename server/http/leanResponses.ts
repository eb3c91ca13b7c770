import path from 'node:path';
import compression from 'compression';
import express, { type Request, type RequestHandler, type Response } from 'express';

/** API answers smaller than this are sent as they are (see compressLargeResponses). */
const API_COMPRESS_FROM = 16 * 1024;
/** Names the page build gives its script and stylesheets: name.<12 hex>.js|css (scripts/build-page.mjs). */
const CONTENT_HASHED = /\.[0-9a-f]{12}(\.min)?\.(js|css)$/;

/**
 * gzip or brotli (whichever the client prefers; brotli at quality 4, the package's default) for
 * the page's assets and for large API answers. Small API answers (a search page, an item) are
 * left alone: compressing them costs the hub CPU on every request, and the hub's CPU per search is
 * what its latency under load is made of, for a few kilobytes saved on a fast network.
 */
export function compressLargeResponses(): RequestHandler {
  const compress = compression({
    threshold: 1024,
    filter: (req: Request, res: Response) => {
      if (req.path.startsWith('/api/')) {
        const length = Number(res.getHeader('Content-Length'));
        // Unknown length: a streamed answer (CSV export), which is large by nature.
        if (Number.isFinite(length) && length < API_COMPRESS_FROM) return false;
      }
      return compression.filter(req, res);
    },
  });
  // An API client that accepts no encoding (integrations, the Apex proxy, load generators) skips
  // the middleware's per-response hooks entirely: nothing would be compressed for it anyway.
  return (req, res, next) => {
    if (!req.headers['accept-encoding'] && req.path.startsWith('/api/')) return next();
    return compress(req, res, next);
  };
}

/**
 * The compiled page: content-hashed script and stylesheets are immutable for a year (a new
 * build has new names), index.html is revalidated on every load so it always names the current
 * ones, and the rest (icons, images) is cached for an hour.
 */
export function servePage(pageDir: string): RequestHandler {
  return express.static(pageDir, {
    index: 'index.html',
    maxAge: '1h',
    setHeaders: (res, file) => {
      if (CONTENT_HASHED.test(path.basename(file))) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
    },
  });
}
