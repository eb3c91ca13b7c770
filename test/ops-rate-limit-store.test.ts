import crypto from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../server/db/database';
import { toHttpError } from '../server/errors';
import { rateLimit } from '../server/http/rateLimit';
import { databaseRateLimitStore, memoryRateLimitStore, type RateLimitStore } from '../server/http/rateLimitStore';

const PG = process.env.TEST_DATABASE_URL;

/** A minimal app with only the rate limit, as the hub mounts it. */
function appWith(store: RateLimitStore, now: () => number) {
  const app = express();
  app.use(rateLimit({ perMinute: 5, store, now }));
  app.get('/x', (_req, res) => {
    res.json({ ok: true });
  });
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const { status, body } = toHttpError(err);
    res.status(status).json(body);
  });
  return app;
}

describe('rate-limit counters', () => {
  it('when a client alternates between two instances sharing the database, then they count one limit together', async () => {
    if (!PG) return; // needs TEST_DATABASE_URL (.ci/run sets it)
    const schema = `rl_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const u = new URL(PG);
    u.searchParams.set('options', `-c search_path=${schema}`);
    const handles: DatabaseHandle[] = [];
    try {
      // Two pools, as two hub processes would have.
      handles.push(
        await openDatabase({ kind: 'postgres', url: u.toString() }),
        await openDatabase({ kind: 'postgres', url: u.toString() }),
      );
      let t = 1_000_000;
      const apps = handles.map((h) => request(appWith(databaseRateLimitStore(h.db), () => t)));
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await apps[i % 2]!.get('/x').set('Authorization', 'Bearer shared-token')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect((await apps[0]!.get('/x').set('Authorization', 'Bearer another-token')).status).toBe(200);
      const limited = await apps[1]!.get('/x').set('Authorization', 'Bearer shared-token');
      expect(Number(limited.headers['retry-after'])).toBe(60);
      t += 60_000; // the window has ended, for both instances
      expect((await apps[1]!.get('/x').set('Authorization', 'Bearer shared-token')).status).toBe(200);
    } finally {
      for (const h of handles) await h.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });

  it('when two separate memory stores are used, then each counts alone (why several instances need the database)', async () => {
    const t = 1_000_000;
    const apps = [memoryRateLimitStore(), memoryRateLimitStore()].map((s) => request(appWith(s, () => t)));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await apps[i % 2]!.get('/x').set('Authorization', 'Bearer shared-token')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
  });
});
