import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig, type Config } from '../../server/config';
import { buildHub, type Hub, type HubOptions } from '../../server/hub';
import { silentLogger } from '../../server/log';
import { MeiliClient } from '../../search-index/client';
import { openSearch, type SearchRuntime } from '../../server/search/runtime';
import type { Role } from '../../server/auth/schema';
import { sharedCacheDir } from '../../server/embeddings/wordVectors';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** Which databases the storage tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function databases(): { name: string; url?: string }[] {
  const list: { name: string; url?: string }[] = [{ name: 'sqlite' }];
  if (process.env.TEST_DATABASE_URL) list.push({ name: 'postgres', url: process.env.TEST_DATABASE_URL });
  return list;
}

export interface TestHub extends Hub {
  api: ReturnType<typeof request>;
  dataDir: string;
  /** Creates a user with a token; returns the token. */
  user(id: string, role: Role, team?: string, extra?: { leadsTeams?: string[] }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A hub on real parts: a fresh SQLite file (or a fresh PostgreSQL schema), and the shared test
 * Meilisearch with an index prefix unique to this hub.
 */
export async function startTestHub(
  options: { databaseUrl?: string; search?: SearchRuntime; env?: Record<string, string>; hub?: HubOptions } = {},
): Promise<TestHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const prefix = `t${crypto.randomBytes(5).toString('hex')}_`;
  let databaseUrl = options.databaseUrl;
  let dropSchema: (() => Promise<void>) | undefined;
  if (databaseUrl) ({ url: databaseUrl, drop: dropSchema } = await freshPostgresSchema(databaseUrl, prefix));
  const config: Config = loadConfig({
    DATA_DIR: dataDir,
    MEILI_URL: process.env.TEST_MEILI_URL,
    MEILI_MASTER_KEY: process.env.TEST_MEILI_MASTER_KEY,
    MEILI_INDEX_PREFIX: prefix,
    HUB_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    // The word vectors are converted once per machine (global setup), not once per hub.
    HUB_EMBEDDINGS_DIR: sharedCacheDir(),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const hub = await buildHub(config, { logger: silentLogger, validateResponses: true, ...options.hub, search: options.search });
  const api = request(hub.app);
  return {
    ...hub,
    api,
    dataDir,
    async user(id, role, team = 'Team A', extra = {}) {
      const created = await api
        .post('/api/users')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ id, name: id.replace(/-/g, ' '), email: `${id}@example.test`, role, team, ...extra });
      if (created.status !== 201) throw new Error(`creating ${id}: ${created.status} ${JSON.stringify(created.body)}`);
      const tok = await api.post(`/api/users/${id}/tokens`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({});
      return tok.body.token as string;
    },
    async stop() {
      await hub.close();
      // Remove this hub's indexes so the shared engine stays small.
      const master = new MeiliClient({ url: process.env.TEST_MEILI_URL as string, apiKey: process.env.TEST_MEILI_MASTER_KEY });
      await master.deleteIndex(`${prefix}content`).catch(() => undefined);
      await dropSchema?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A private schema per test hub, so PostgreSQL tests never see each other's rows. */
export async function freshPostgresSchema(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA "${name}" CASCADE`);
      await c.end();
    },
  };
}

export async function openTestSearch(prefix: string): Promise<SearchRuntime> {
  return openSearch({
    url: process.env.TEST_MEILI_URL,
    masterKey: process.env.TEST_MEILI_MASTER_KEY,
    dataDir: os.tmpdir(),
    indexPrefix: prefix,
    synonymsFile: path.resolve(__dirname, '../../server/search/synonyms.json'),
  });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
