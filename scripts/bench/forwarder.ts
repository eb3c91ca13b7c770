/**
 * The floor under the hub's CPU per search, run by `bench:search` as its own process: a server
 * that only forwards a search to Meilisearch through the hub's engine client (undici, the answer
 * parsed) and sends the answer back re-serialised. No authentication, validation, access rules,
 * hit cards or search log. `express`: one Express 5 route behind express.json(), the framework the
 * hub's API is built on; `http`: the same on node:http, without a framework.
 *
 *   node --import tsx scripts/bench/forwarder.ts <express|http> <engine url> <engine key>
 *
 * Serves POST /indexes/:uid/search and POST /multi-search, and prints "forwarding at <url>".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { MeiliClient } from '../../search-index/client';

const [mode, engineUrl, engineKey] = process.argv.slice(2);
if ((mode !== 'express' && mode !== 'http') || !engineUrl) {
  console.error('usage: forwarder.ts <express|http> <engine url> <engine key>');
  process.exit(2);
}
const engine = new MeiliClient({ url: engineUrl, apiKey: engineKey });

let server: http.Server;
if (mode === 'express') {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/indexes/:uid/search', async (req, res) => {
    res.json(await engine.request('POST', `/indexes/${encodeURIComponent(req.params.uid)}/search`, req.body));
  });
  app.post('/multi-search', async (req, res) => {
    res.json(await engine.request('POST', '/multi-search', req.body));
  });
  server = http.createServer(app);
} else {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      engine
        .request('POST', req.url ?? '/', JSON.parse(Buffer.concat(chunks).toString('utf8')))
        .then((answer) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(answer));
        })
        .catch((err: unknown) => {
          res.writeHead(502).end(String(err));
        });
    });
  });
}
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`forwarding at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
