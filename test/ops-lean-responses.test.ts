import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { ADMIN_TOKEN, startTestHub, type TestHub } from './support/hub';

const PAGE = path.resolve(__dirname, '..', 'dist', 'page');

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET that does not decode anything, so the test sees the bytes on the wire. */
function rawGet(base: string, p: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(base + p, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const decode = (r: Raw) =>
  r.headers['content-encoding'] === 'br'
    ? zlib.brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? zlib.gunzipSync(r.body)
      : r.body;

describe('lean responses', () => {
  let hub: TestHub;
  let server: http.Server;
  let base: string;
  let assets: string[];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(PAGE, 'index.html'))) throw new Error('dist/page is not built: run npm run build:page (npm test does)');
    hub = await startTestHub();
    server = hub.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const html = fs.readFileSync(path.join(PAGE, 'index.html'), 'utf8');
    assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await hub.stop();
  });

  it('when the page is built, then its script and stylesheets have content-hashed names', () => {
    expect(assets).toHaveLength(3);
    for (const a of assets) expect(a).toMatch(/\.[0-9a-f]{12}(\.min)?\.(js|css)$/);
  });

  it.each([
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
  ])(
    'when a browser accepts %s, then the page assets come %s-compressed, immutable for a year, and decode to the file',
    async (accept, encoding) => {
      for (const a of assets) {
        const r = await rawGet(base, `/${a}`, { 'accept-encoding': accept });
        expect(r.status).toBe(200);
        const file = fs.readFileSync(path.join(PAGE, a));
        // Under 1 KB (page.css) compressing saves nothing worth a round of CPU.
        expect([a, r.headers['content-encoding']]).toEqual([a, file.length >= 1024 ? encoding : undefined]);
        expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(r.headers.vary).toMatch(/Accept-Encoding/i);
        expect(decode(r).equals(file)).toBe(true);
        // The two big ones (app.js ~760 KB, SLDS ~960 KB) shrink several times over.
        if (file.length > 500_000) expect(r.body.length).toBeLessThan(file.length / 4);
      }
    },
  );

  it('when index.html is loaded, then it is revalidated every time (it names the current assets)', async () => {
    const r = await rawGet(base, '/', { 'accept-encoding': 'gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it('when a client does not accept compression, then it gets the plain bytes', async () => {
    const r = await rawGet(base, `/${assets[0]}`, { 'accept-encoding': 'identity' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.equals(fs.readFileSync(path.join(PAGE, assets[0] as string)))).toBe(true);
  });

  it('when an API answer is large, then it is compressed; when it is small, then it is not', async () => {
    const large = await rawGet(base, '/api/openapi.json', { 'accept-encoding': 'gzip', authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(large.headers['content-encoding']).toBe('gzip');
    expect(decode(large).length).toBeGreaterThan(16 * 1024);
    expect(JSON.parse(decode(large).toString('utf8')).openapi).toBeDefined();
    const small = await rawGet(base, '/api/health', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8')).status).toBe('ok');
  });
});
