import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback embedding endpoint answering deterministic vectors, in OpenAI's (`POST /embeddings`)
 * and Ollama's (`POST /api/embed`) shapes: each word adds 1 to the bucket its hash picks, so texts
 * sharing words are near and the same text always gets the same vector. Never a real model call.
 */
export interface EmbeddingServer {
  url: string;
  requests: { path: string; body: { model: string; input: string[] }; authorization?: string }[];
  /** Closes the listening socket: later calls fail as with a stopped endpoint. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export function fakeVector(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 2166136261;
    for (const c of word) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    v[h % dims] = (v[h % dims] as number) + 1;
  }
  return v;
}

export async function startEmbeddingServer(dims: number): Promise<EmbeddingServer> {
  const requests: EmbeddingServer['requests'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; input: string[] };
      requests.push({ path: req.url ?? '', body, authorization: req.headers.authorization });
      const vectors = body.input.map((t) => fakeVector(t, dims));
      const answer =
        req.url === '/api/embed'
          ? { model: body.model, embeddings: vectors }
          : { object: 'list', data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })) };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    restart: () => listen(port),
  };
}
