import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Actor } from '../auth/schema';
import { BOOTSTRAP_ADMIN_ID } from '../auth/service';
import { hashToken } from '../auth/store';
import { ImportLine } from '../content/schema';
import { json } from '../db/database';
import type { Hub } from '../hub';
import { publicRoute, type RouteDef } from '../http/route';
import { NotFound } from '../errors';
import { UpsertOpportunity } from '../opportunities/schema';
import {
  DEMO_COMPETITORS,
  DEMO_INDUSTRIES,
  DEMO_PERSONAS,
  DEMO_PRODUCTS,
  DEMO_REGIONS,
  DEMO_SEGMENTS,
  DEMO_STAGES,
  DEMO_USERS,
} from './catalog';

/** Reason codes for win/loss analyses (admins edit them under /api/taxonomies/reasonCodes). */
const DEMO_REASON_CODES = [
  'Price',
  'Product fit',
  'Security and compliance',
  'Time to value',
  'Relationship',
  'Incumbent advantage',
  'Procurement process',
  'Budget lost',
  'Competitor bundling',
  'Implementation risk',
];
import { demoContent, demoWinLossMeta, demoWinLossStructures } from './content';
import { seedSearchHistory, seedUsageHistory } from './usage';

/**
 * Closed demo deals left without an analysis, so the close-out queue has work in it, and
 * analyses seeded as waiting for a leader's review.
 */
const LEFT_FOR_CLOSE_OUT = 3;
const SEEDED_IN_REVIEW = 2;
const NEW_COMPETITOR = 'Quantaflow';
import { demoOpportunities } from './opportunities';

type SeedHub = Omit<Hub, 'app' | 'close'>;

/**
 * Demo sign-in tokens are derived from a secret kept in the data folder, so they survive
 * restarts and can be printed again, while a fresh data folder gets fresh tokens.
 */
export function demoTokens(dataDir: string): (userId: string) => string {
  const file = path.join(dataDir, 'demo-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  return (userId) => `khub_demo_${crypto.createHmac('sha256', secret).update(userId).digest('base64url').slice(0, 32)}`;
}

export async function isEmpty(hub: SeedHub): Promise<boolean> {
  const row = await hub.db.db
    .selectFrom('content_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const users = await hub.db.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '!=', BOOTSTRAP_ADMIN_ID)
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0 && Number(users.n) === 0;
}

/** Seeds the demo organisation on an empty database. Prints progress; returns what it made. */
export async function seedDemo(
  hub: SeedHub,
  log: (m: string) => void = () => {},
): Promise<{ users: number; opportunities: number; content: number; events: number }> {
  const db = hub.db.db;
  const now = new Date();
  const tokenOf = demoTokens(hub.config.dataDir);
  const stamp = now.toISOString();

  log(`Seeding demo users (${DEMO_USERS.length})…`);
  await db.transaction().execute(async (trx) => {
    for (const u of DEMO_USERS) {
      await trx
        .insertInto('users')
        .values({
          id: u.id,
          name: u.name,
          email: u.email,
          role: u.role,
          team: u.team,
          leads_teams: json.write(u.leadsTeams ?? []),
          salesforce_user_id: u.salesforceUserId ?? null,
          active: 1,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
      await trx
        .insertInto('api_tokens')
        .values({
          id: `tok-demo-${u.id}`,
          user_id: u.id,
          token_hash: hashToken(tokenOf(u.id)),
          label: 'demo sign-in',
          created_at: stamp,
          expires_at: null,
          revoked_at: null,
        })
        .execute();
    }
  });

  await db.transaction().execute(async (trx) => {
    const terms: { kind: string; value: string; parent: string | null }[] = [
      ...DEMO_PRODUCTS.map((p) => ({ kind: 'products', value: p.name, parent: p.family as string | null })),
      ...DEMO_INDUSTRIES.map((value) => ({ kind: 'industries', value, parent: null })),
      ...[...DEMO_COMPETITORS, NEW_COMPETITOR].map((value) => ({ kind: 'competitors', value, parent: null })),
      ...DEMO_SEGMENTS.map((value) => ({ kind: 'segments', value, parent: null })),
      ...DEMO_REGIONS.map((value) => ({ kind: 'regions', value, parent: null })),
      ...DEMO_STAGES.map((value) => ({ kind: 'stages', value, parent: null })),
      ...DEMO_PERSONAS.map((value) => ({ kind: 'personas', value, parent: null })),
      ...DEMO_REASON_CODES.map((value) => ({ kind: 'reasonCodes', value, parent: null })),
    ];
    await trx
      .insertInto('taxonomy_terms')
      .values(terms.map((t, position) => ({ ...t, position })))
      .execute();
  });

  const opps = demoOpportunities(now);
  log(`Seeding demo opportunities (${opps.length})…`);
  // A new competitor, Quantaflow, shows up in two open deals before anyone has written about it:
  // the pipeline-gap report and the failed searches for it tell that story.
  const newcomerIn = new Set(
    opps
      .filter((o) => !o.isClosed)
      .slice(0, 2)
      .map((o) => o.id),
  );
  for (const o of opps) {
    await hub.localCrm.upsert(
      UpsertOpportunity.parse(newcomerIn.has(o.id) ? { ...o, competitors: [...o.competitors, NEW_COMPETITOR] } : o),
    );
  }

  const linked = Object.entries(demoWinLossMeta()).filter(([, m]) => m.opportunityId);
  const leftOut = new Set(linked.slice(-LEFT_FOR_CLOSE_OUT).map(([ext]) => ext));
  const inReview = new Set(linked.slice(0, SEEDED_IN_REVIEW).map(([ext]) => ext));
  const items = demoContent(now).filter((i) => !leftOut.has(i.externalId));
  log(`Seeding demo content (${items.length} items)…`);
  const admin: Actor = {
    id: BOOTSTRAP_ADMIN_ID,
    name: 'Hub administrator',
    role: 'admin',
    team: 'Administration',
    leadsTeams: [],
    salesforceUserId: null,
  };
  const lines = items.map((raw, i) => {
    const { publishedAt: _p, verifiedAt: _v, ...body } = raw as typeof raw & { publishedAt?: string; verifiedAt?: string };
    return { line: i + 1, input: ImportLine.parse(body) };
  });
  const result = await hub.content.importLines(admin, lines);
  if (result.failed.length) throw new Error(`demo content failed: ${JSON.stringify(result.failed.slice(0, 3))}`);

  // Spread the history over the past months so freshness badges and reports look like a real library.
  const byExternal = await hub.contentStore.byExternalIds(items.map((i) => i.externalId));
  await db.transaction().execute(async (trx) => {
    for (const raw of items) {
      const rec = byExternal.get(raw.externalId);
      const extra = raw as { publishedAt?: string; verifiedAt?: string };
      if (!rec) continue;
      const published = extra.publishedAt ?? null;
      await trx
        .updateTable('content_items')
        .set({
          created_at: published ?? rec.createdAt,
          updated_at: published ?? rec.updatedAt,
          published_at: rec.status === 'published' ? (published ?? rec.publishedAt) : null,
          verified_at: extra.verifiedAt ?? (rec.status === 'published' ? (published ?? rec.verifiedAt) : null),
        })
        .where('id', '=', rec.id)
        .execute();
    }
    // Win/loss analyses carry their structure and the deal they analyse; two wait for review.
    const structures = demoWinLossStructures(now);
    const owners = new Map(
      (
        await trx
          .selectFrom('opportunities')
          .leftJoin('users', 'users.id', 'opportunities.owner_id')
          .select(['opportunities.id', 'users.team'])
          .execute()
      ).map((r) => [r.id, r.team]),
    );
    for (const [ext, structure] of Object.entries(structures)) {
      const rec = byExternal.get(ext);
      if (!rec) continue;
      const oppId = (structure.opportunityId as string | null) ?? null;
      const review = inReview.has(ext);
      await trx
        .updateTable('content_items')
        .set({
          structure: json.write(structure),
          opportunity_id: oppId,
          ...(review
            ? { status: 'in_review', published_at: null, submitted_at: stamp, review_team: (oppId && owners.get(oppId)) || null }
            : {}),
        })
        .where('id', '=', rec.id)
        .execute();
      if (review) rec.status = 'in_review';
    }
    // Every seeded item is relayed again with its final state (published ones indexed, the rest removed).
    await hub.contentStore.enqueueOutbox(
      trx,
      [...byExternal.values()].map((r) => r.id),
    );
  });
  hub.relay.kick();
  const events = await seedUsageHistory(hub, now, log);
  // Searches need the index: wait for the relay, then run the demo searches for the gap report.
  await hub.relay.drain(300_000);
  await seedSearchHistory(hub);
  return { users: DEMO_USERS.length, opportunities: opps.length, content: items.length, events };
}

const DemoUsers = z.object({
  users: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), team: z.string(), token: z.string() })),
});

/**
 * The standalone page's sign-in list. Exists only in demo mode: it hands out demo tokens
 * to anyone who can reach the hub, which is the point of a local demo and nothing more.
 */
export function demoRoutes(hub: SeedHub): RouteDef[] {
  const tokenOf = demoTokens(hub.config.dataDir);
  return [
    publicRoute({
      method: 'get',
      path: '/api/demo/users',
      tag: 'demo',
      summary: 'Demo users and their sign-in tokens (demo mode only)',
      response: DemoUsers,
      handler: async () => {
        if (!hub.config.demo) throw new NotFound('Endpoint');
        const users = await hub.auth.users.list();
        const out = [];
        for (const u of users) {
          if (u.id === BOOTSTRAP_ADMIN_ID || !u.active) continue;
          const token = tokenOf(u.id);
          const row = await hub.db.db
            .selectFrom('api_tokens')
            .select('id')
            .where('token_hash', '=', hashToken(token))
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (row) out.push({ id: u.id, name: u.name, role: u.role, team: u.team, token });
        }
        const order = { rep: 0, author: 1, leader: 2, admin: 3 } as Record<string, number>;
        out.sort((a, b) => (order[a.role] ?? 9) - (order[b.role] ?? 9) || a.name.localeCompare(b.name));
        return { users: out };
      },
    }),
  ];
}
