import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { openCheckpointLog, readCheckpointFile } from '../server/credits/checkpoints';
import { entryHash } from '../server/credits/ledger';
import { verifyLedger } from '../server/credits/ledgerVerify';
import { canonicalJson, keyIdOf, parsePublicKeys, verifyStatement } from '../server/credits/proof';
import { loadSigningKey } from '../server/credits/signingKey';
import { createCreditService } from '../server/credits/service';
import type { CreditEntriesTable } from '../server/db/schema';
import { ADMIN_TOKEN, bearer, databases, startTestHub, type TestHub } from './support/hub';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs a script as `npm run` would (tsx), with only the variables given; resolves even on exit 1. */
async function script(name: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(TSX, [path.join(ROOT, 'scripts', name), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

// better-sqlite3's SqliteError is not `instanceof Error` across jest realms: match the message.
const refused = (table = 'credit_entries') => ({ message: expect.stringMatching(new RegExp(`${table} is append-only`)) });

describe('ledger proof primitives', () => {
  it('when objects are encoded canonically, then key order does not matter and arrays keep theirs', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: 'x' }] })).toBe('{"a":[3,{"c":"x","d":null}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('when no key is configured, then one is generated at first start with mode 0600 and kept; a new configured key joins the ring and the old one stays', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-key-'));
    try {
      const config = {
        generatedKeyFile: path.join(dir, 'k.pem'),
        keyRingFile: path.join(dir, 'ring.json'),
        checkpointFile: path.join(dir, 'cp.jsonl'),
      };
      const first = loadSigningKey(config);
      expect(fs.statSync(config.generatedKeyFile).mode & 0o777).toBe(0o600);
      expect(first.keyId).toBe(keyIdOf(crypto.createPublicKey(first.publicKeyPem)));
      expect(loadSigningKey(config).keyId).toBe(first.keyId);
      const rotated = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const second = loadSigningKey({ ...config, signingKeyPem: rotated.replace(/\n/g, '\\n') });
      expect(second.keyId).not.toBe(first.keyId);
      expect(second.ring.map((k) => k.keyId)).toEqual([first.keyId, second.keyId]);
      const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(() => loadSigningKey({ ...config, signingKeyPem: rsa })).toThrow(/Ed25519/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(databases())('ledger proofs on $name', ({ url }) => {
  let hub: TestHub;
  let authorToken: string;
  const items: string[] = [];
  const day = '2026-03-10';

  /** The variables `npm run ledger:verify` would get on this hub's machine. */
  const scriptEnv = () => ({
    DATA_DIR: hub.dataDir,
    ...(hub.config.database.kind === 'postgres' ? { DATABASE_URL: hub.config.database.url } : {}),
  });
  /** The verifier itself, with the public keys the hub serves and its checkpoint file. */
  const verify = () => {
    const keys = hub.credits.publicKeys();
    return verifyLedger(hub.db.db, {
      ring: parsePublicKeys(JSON.stringify(keys)),
      keyIds: [keys.keyId],
      checkpointFile: hub.config.ledger.checkpointFile,
    });
  };
  const rows = async () =>
    (await hub.db.db.selectFrom('credit_entries').selectAll().orderBy('seq').execute()).map((r) => ({
      ...r,
      id: Number(r.id),
      seq: Number(r.seq),
    }));
  const checkpointSeqs = () => readCheckpointFile(hub.config.ledger.checkpointFile).map((l) => l.checkpoint?.seq ?? -1);

  /** Runs `work` with the append-only triggers of credit_entries off, as an attacker who owns the database could. */
  async function behindTheTriggers(work: () => Promise<void>): Promise<void> {
    const db = hub.db.db;
    if (hub.db.dialect === 'postgres') {
      await sql`ALTER TABLE credit_entries DISABLE TRIGGER USER`.execute(db);
      try {
        await work();
      } finally {
        await sql`ALTER TABLE credit_entries ENABLE TRIGGER USER`.execute(db);
      }
      return;
    }
    const triggers = await sql<{
      name: string;
      sql: string;
    }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'credit_entries'`.execute(db);
    for (const t of triggers.rows) await sql.raw(`DROP TRIGGER ${t.name}`).execute(db);
    try {
      await work();
    } finally {
      for (const t of triggers.rows) await sql.raw(t.sql).execute(db);
    }
  }

  /** Sets the stored columns of entries back to `saved` (by id). */
  const restore = (saved: Awaited<ReturnType<typeof rows>>) =>
    behindTheTriggers(async () => {
      for (const r of saved)
        await hub.db.db
          .updateTable('credit_entries')
          .set({ milli_points: r.milli_points, prev_hash: r.prev_hash, hash: r.hash })
          .where('id', '=', r.id)
          .execute();
    });

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: url });
    authorToken = await hub.user('pa-1', 'author', 'T1');
    await hub.user('pa-2', 'author', 'T2');
    for (const r of ['pr-1', 'pr-2', 'pr-3']) await hub.user(r, 'rep', 'T3');
    for (const [n, authors] of [
      [0, [{ userId: 'pa-1', role: 'author', share: 1 }]],
      [
        1,
        [
          { userId: 'pa-1', role: 'author', share: 0.6 },
          { userId: 'pa-2', role: 'co_author', share: 0.4 },
        ],
      ],
    ] as const) {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(ADMIN_TOKEN))
        .send({ kind: 'capability', contentType: 'faq', title: `Proof item ${n} "quoted"`, status: 'published', authors });
      expect(res.status).toBe(201);
      items.push(res.body.id);
    }
    // Ten batches over ten days: each batch signs a checkpoint.
    const types = ['view', 'helpful', 'share_internal', 'attach', 'derive'] as const;
    for (let b = 0; b < 10; b++) {
      const events = Array.from({ length: 12 }, (_, i) => {
        const type = types[(b + i) % types.length]!;
        return {
          id: `pev-${b}-${i}`,
          type,
          actorId: `pr-${(i % 3) + 1}`,
          contentId: items[i % 2]!,
          opportunityId: type === 'attach' ? `opp-${i}` : null,
          note: null,
          at: new Date(Date.parse(`2026-03-0${1}T08:00:00Z`) + (b * 86_400 + i * 600) * 1000).toISOString(),
        };
      });
      await hub.credits.creditEvents(events);
    }
  });
  afterAll(() => hub.stop());

  it('when the ledger is untouched, then every checkpoint in the file and the table matches and the script says ok with the public key', async () => {
    const all = await rows();
    expect(all.length).toBeGreaterThan(60);
    expect(checkpointSeqs()).toHaveLength(10);
    expect(checkpointSeqs().at(-1)).toBe(all.at(-1)!.seq);
    expect(fs.statSync(hub.config.ledger.checkpointFile).mode & 0o777).toBe(0o600);
    const result = await verify();
    expect(result).toMatchObject({
      ok: true,
      checked: all.length,
      firstBroken: null,
      checkpoints: { fromFile: 10, fromTable: 10, matched: 10, firstMismatch: null },
    });
    const api = await hub.api.get('/api/credits/verify').set(bearer(ADMIN_TOKEN));
    expect(api.status).toBe(200);
    expect(api.body.ok).toBe(true);
    expect((await hub.api.get('/api/credits/verify').set(bearer(authorToken))).status).toBe(403);

    const key = await hub.api.get('/api/credits/public-key').set(bearer(authorToken));
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: keyIdOf(crypto.createPublicKey(key.body.pem)), previous: [] });
    const printed = await script('ledger-verify.ts', [], scriptEnv());
    expect(printed.code).toBe(0);
    expect(printed.out).toContain(`key ${key.body.keyId} (current)`);
    expect(printed.out).toContain(key.body.pem.trim().split('\n')[1]);
    expect(printed.out).toMatch(/ledger:verify: ok, \d+ entries checked/);
  });

  it('when any SQL statement would rewrite a ledger or checkpoint row, then the database refuses it', async () => {
    const db = hub.db.db;
    const before = await rows();
    const first = before[0]!;
    const last = before.at(-1)!;
    const cols =
      'id, seq, event_id, user_id, actor_id, content_id, opportunity_id, type, share, milli_points, policy_version, reverses, reason, at, prev_hash, hash';
    const values = (r: typeof first, id: number, seq: number) =>
      sql.join([
        id,
        seq,
        r.event_id,
        r.user_id,
        r.actor_id,
        r.content_id,
        r.opportunity_id,
        r.type,
        r.share,
        r.milli_points + 100_000,
        r.policy_version,
        r.reverses,
        r.reason,
        r.at,
        r.prev_hash,
        r.hash,
      ]);
    const statements =
      hub.db.dialect === 'postgres'
        ? [
            sql`UPDATE credit_entries SET milli_points = milli_points + 100000 WHERE id = ${first.id}`,
            sql`DELETE FROM credit_entries WHERE id = ${last.id}`,
            sql`DELETE FROM credit_entries`,
            sql`TRUNCATE credit_entries`,
            sql.raw(
              `INSERT INTO credit_entries (${cols}) SELECT ${cols} FROM credit_entries WHERE id = ${first.id} ON CONFLICT (seq) DO UPDATE SET milli_points = EXCLUDED.milli_points + 100000`,
            ),
            sql.raw(
              `MERGE INTO credit_entries e USING (SELECT ${first.id} AS id) s ON e.id = s.id WHEN MATCHED THEN UPDATE SET milli_points = e.milli_points + 100000`,
            ),
            sql.raw(`MERGE INTO credit_entries e USING (SELECT ${last.id} AS id) s ON e.id = s.id WHEN MATCHED THEN DELETE`),
          ]
        : [
            sql`UPDATE credit_entries SET milli_points = milli_points + 100000 WHERE id = ${first.id}`,
            sql`DELETE FROM credit_entries WHERE id = ${last.id}`,
            sql`DELETE FROM credit_entries`,
            sql`INSERT OR REPLACE INTO credit_entries (${sql.raw(cols)}) VALUES (${values(first, first.id, first.seq)})`,
            sql`INSERT OR REPLACE INTO credit_entries (${sql.raw(cols)}) VALUES (${values(first, 999_999, first.seq)})`,
            sql`INSERT OR REPLACE INTO credit_entries (${sql.raw(cols)}) VALUES (${values(first, first.id, 999_999)})`,
            sql`REPLACE INTO credit_entries (${sql.raw(cols)}) VALUES (${values(last, last.id, last.seq)})`,
            sql`INSERT INTO credit_entries (${sql.raw(cols)}) VALUES (${values(first, 999_999, first.seq)}) ON CONFLICT (seq) DO UPDATE SET milli_points = excluded.milli_points`,
            sql`INSERT INTO credit_entries (${sql.raw(cols)}) VALUES (${values(first, first.id, 999_999)}) ON CONFLICT DO UPDATE SET milli_points = excluded.milli_points`,
          ];
    for (const statement of statements) await expect(statement.execute(db)).rejects.toMatchObject(refused());
    // The checkpoint table's copy is as hard to rewrite.
    const cp = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
    await expect(sql`UPDATE ledger_checkpoints SET total_milli_points = total_milli_points + 1`.execute(db)).rejects.toMatchObject(
      refused('ledger_checkpoints'),
    );
    await expect(sql`DELETE FROM ledger_checkpoints`.execute(db)).rejects.toMatchObject(refused('ledger_checkpoints'));
    if (hub.db.dialect === 'postgres') {
      await expect(sql`TRUNCATE ledger_checkpoints`.execute(db)).rejects.toMatchObject(refused('ledger_checkpoints'));
      // PostgreSQL has no REPLACE: the SQLite spellings are not even statements there.
      await expect(
        sql.raw(`REPLACE INTO credit_entries (${cols}) SELECT ${cols} FROM credit_entries WHERE id = ${first.id}`).execute(db),
      ).rejects.toMatchObject({ message: expect.stringMatching(/syntax error/) });
      await expect(
        sql.raw(`INSERT OR REPLACE INTO credit_entries (${cols}) SELECT ${cols} FROM credit_entries WHERE id = ${first.id}`).execute(db),
      ).rejects.toMatchObject({ message: expect.stringMatching(/syntax error/) });
    } else {
      await expect(
        sql`REPLACE INTO ledger_checkpoints (id, seq, head_hash, count, total_milli_points, at, key_id, signature) VALUES (${cp.id}, 0, ${cp.head_hash}, 0, 0, ${cp.at}, ${cp.key_id}, ${cp.signature})`.execute(
          db,
        ),
      ).rejects.toMatchObject(refused('ledger_checkpoints'));
      // Another connection (an attacker's sqlite3 shell) has no recursive_triggers: refused all the same.
      const other = new SqliteDatabase((hub.config.database as { file: string }).file);
      try {
        expect(other.pragma('recursive_triggers', { simple: true })).toBe(0);
        const replace = other.prepare(
          `INSERT OR REPLACE INTO credit_entries (${cols}) SELECT ${cols.replace('milli_points', 'milli_points + 100000')} FROM credit_entries WHERE id = ?`,
        );
        expect(() => replace.run(first.id)).toThrow(/append-only/);
        expect(() =>
          other.prepare(`REPLACE INTO credit_entries (${cols}) SELECT ${cols} FROM credit_entries WHERE id = ?`).run(last.id),
        ).toThrow(/append-only/);
        expect(() => other.prepare('DELETE FROM credit_entries').run()).toThrow(/append-only/);
      } finally {
        other.close();
      }
    }
    expect(await rows()).toEqual(before);
    expect((await verify()).ok).toBe(true);
  });

  it('when a saved statement is checked offline with the public key, then it verifies, and changing any byte of its lines or total fails', async () => {
    const res = await hub.api.get(`/api/credits/statements/pa-1?from=${day}&to=${day}`).set(bearer(authorToken));
    expect(res.status).toBe(200);
    const statement = res.body;
    expect(statement.lines.length).toBeGreaterThanOrEqual(4);
    expect(statement.proof.checkpoint.seq).toBeGreaterThanOrEqual(Math.max(...statement.lines.map((l: { seq: number }) => l.seq)));
    const keys = (await hub.api.get('/api/credits/public-key').set(bearer(authorToken))).body;
    const ring = parsePublicKeys(JSON.stringify(keys));
    const good = verifyStatement(statement, ring);
    expect(good).toMatchObject({ ok: true, problems: [] });
    expect(good.proves.join('\n')).toContain(statement.digest);
    expect(good.doesNotProve.length).toBeGreaterThan(0);
    // Another key (say, the attacker's) proves nothing.
    expect(
      verifyStatement(
        statement,
        parsePublicKeys(crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()),
      ).ok,
    ).toBe(false);

    const text = JSON.stringify(statement);
    const from = text.indexOf('"totalMilliPoints"');
    const to = text.indexOf('"digest"');
    expect(text.slice(from, to)).toContain('"lines":[');
    let tried = 0;
    for (let i = from; i < to; i++) {
      const c = text[i]!;
      const swapped = /[0-8]/.test(c)
        ? String(Number(c) + 1)
        : c === '9'
          ? '0'
          : /[a-y]/i.test(c)
            ? String.fromCharCode(c.charCodeAt(0) + 1)
            : c === 'z'
              ? 'a'
              : c === 'x'
                ? 'y'
                : 'x';
      const mutated = text.slice(0, i) + swapped + text.slice(i + 1);
      let doc: unknown;
      try {
        doc = JSON.parse(mutated);
      } catch {
        continue; // not JSON any more: no verifier accepts it
      }
      tried += 1;
      if (verifyStatement(doc, ring).ok)
        throw new Error(
          `a change at byte ${i} (${JSON.stringify(c)} → ${JSON.stringify(swapped)}) still verifies: ${mutated.slice(Math.max(from, i - 30), i + 30)}`,
        );
    }
    expect(tried).toBeGreaterThan(500);

    // The script, as a recipient runs it: no database, no hub, no configuration.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-'));
    try {
      fs.writeFileSync(path.join(dir, 'statement.json'), JSON.stringify(statement, null, 2));
      fs.writeFileSync(path.join(dir, 'key.pem'), keys.pem);
      const ok = await script('statement-verify.ts', [path.join(dir, 'statement.json'), '--public-key', path.join(dir, 'key.pem')], {});
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('statement:verify: ok');
      expect(ok.out).toContain('This proves:');
      expect(ok.out).toContain('It does not prove:');
      const tampered = {
        ...statement,
        totalMilliPoints: statement.totalMilliPoints + 1000,
        lines: statement.lines.map((l: { milliPoints: number }, i: number) => (i === 0 ? { ...l, milliPoints: l.milliPoints + 1000 } : l)),
      };
      fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(tampered, null, 2));
      const bad = await script('statement-verify.ts', [path.join(dir, 'tampered.json'), '--public-key', path.join(dir, 'key.pem')], {});
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('FAILED');
      expect(bad.out).toMatch(/digest recomputed from the lines/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when an entry is raised by 100,000 milli-points and every hash after it recomputed, then the chain looks whole but the first checkpoint after it is named', async () => {
    const saved = await rows();
    const victim = saved[40]!;
    await behindTheTriggers(async () => {
      let prev = victim.prev_hash;
      for (const r of saved.slice(40)) {
        const changed: Omit<CreditEntriesTable, 'id' | 'prev_hash' | 'hash'> = {
          ...r,
          milli_points: r.id === victim.id ? r.milli_points + 100_000 : r.milli_points,
        };
        const hash = entryHash(prev, changed);
        await hub.db.db
          .updateTable('credit_entries')
          .set({ milli_points: changed.milli_points, prev_hash: prev, hash })
          .where('id', '=', r.id)
          .execute();
        prev = hash;
      }
    });
    try {
      const result = await verify();
      const expected = checkpointSeqs().find((s) => s >= victim.seq)!;
      expect(result.firstBroken).toBeNull();
      expect(result.checked).toBe(saved.length);
      expect(result.ok).toBe(false);
      expect(result.checkpoints.firstMismatch).toMatchObject({ seq: expected, source: 'file' });
      expect(result.checkpoints.firstMismatch!.reason).toContain('were rewritten');
      // Nothing more is signed on top of a rewritten ledger.
      await expect(
        hub.credits.creditEvents([
          {
            id: 'pev-after-rewrite',
            type: 'view',
            actorId: 'pr-1',
            contentId: items[0]!,
            opportunityId: null,
            note: null,
            at: '2026-03-20T10:00:00.000Z',
          },
          {
            id: 'pev-after-rewrite-2',
            type: 'view',
            actorId: 'pr-2',
            contentId: items[0]!,
            opportunityId: null,
            note: null,
            at: '2026-03-20T10:00:00.000Z',
          },
        ]),
      ).rejects.toMatchObject({ code: 'ledger_integrity' });

      const printed = await script('ledger-verify.ts', [], scriptEnv());
      expect(printed.code).toBe(1);
      expect(printed.out).toContain(`CHECKPOINT MISMATCH at seq ${expected} (file, line ${checkpointSeqs().indexOf(expected) + 1}`);
    } finally {
      await restore(saved);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('when the last 7 entries are deleted, then verification names the checkpoint that signed them', async () => {
    const saved = await rows();
    const lastSeq = saved.at(-1)!.seq;
    await behindTheTriggers(async () => {
      await hub.db.db
        .deleteFrom('credit_entries')
        .where('seq', '>', lastSeq - 7)
        .execute();
    });
    try {
      const result = await verify();
      expect(result.firstBroken).toBeNull();
      expect(result.ok).toBe(false);
      expect(result.checkpoints.firstMismatch).toMatchObject({ seq: lastSeq, source: 'file', line: 10 });
      expect(result.checkpoints.firstMismatch!.reason).toBe(
        `checkpoint at seq ${lastSeq}: the ledger ends at seq ${lastSeq - 7}, so 7 signed entries are missing`,
      );
    } finally {
      await hub.db.db.insertInto('credit_entries').values(saved.slice(-7)).execute();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('when a byte of the checkpoint file is edited, then verification names the line', async () => {
    const file = hub.config.ledger.checkpointFile;
    const original = fs.readFileSync(file, 'utf8');
    const lines = original.split('\n');
    const third = JSON.parse(lines[2]!) as { totalMilliPoints: number };
    lines[2] = lines[2]!.replace(`"totalMilliPoints":${third.totalMilliPoints}`, `"totalMilliPoints":${third.totalMilliPoints + 1}`);
    fs.writeFileSync(file, lines.join('\n'));
    try {
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.checkpoints.firstMismatch).toMatchObject({ source: 'file', line: 3 });
      expect(result.checkpoints.firstMismatch!.reason).toContain('signature does not match its contents');
      lines[2] = '{"seq": oops';
      fs.writeFileSync(file, lines.join('\n'));
      expect((await verify()).checkpoints.firstMismatch).toMatchObject({ seq: null, source: 'file', line: 3 });
    } finally {
      fs.writeFileSync(file, original);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('when the signing key is rotated, then new checkpoints use the new key, old ones still verify, and the old public key is still served', async () => {
    const oldKey = (await hub.api.get('/api/credits/public-key').set(bearer(authorToken))).body.keyId as string;
    const pem = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const checkpoints = openCheckpointLog({ ...hub.config.ledger, signingKeyPem: pem });
    const rotated = createCreditService({ db: hub.db.db, dialect: hub.db.dialect, users: hub.auth.users, checkpoints });
    await rotated.creditEvents(
      [0, 1].map((i) => ({
        id: `pev-rotated-${i}`,
        type: 'view' as const,
        actorId: `pr-${i + 1}`,
        contentId: items[1]!,
        opportunityId: null,
        note: null,
        at: '2026-03-21T10:00:00.000Z',
      })),
    );
    const admin = { id: 'admin', name: 'Admin', role: 'admin' as const, team: 'Ops', leadsTeams: [], salesforceUserId: null };
    const result = await rotated.verify(admin);
    expect(result).toMatchObject({ ok: true, keyIds: [checkpoints.keyId, oldKey] });
    expect(readCheckpointFile(hub.config.ledger.checkpointFile).at(-1)?.checkpoint?.keyId).toBe(checkpoints.keyId);
    expect(rotated.publicKeys()).toMatchObject({ keyId: checkpoints.keyId, previous: [{ keyId: oldKey }] });
    const statement = await rotated.statement(admin, 'pa-1', { from: '2026-03-01', to: '2026-03-31' });
    expect(verifyStatement(statement, parsePublicKeys(JSON.stringify(rotated.publicKeys()))).ok).toBe(true);
    await rotated.close();
  });
});
