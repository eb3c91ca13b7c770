/**
 * Rows for tests and benchmarks that need many people, items and usage events without going
 * through the API one by one. They write straight to the tables (the API tests cover the doors);
 * everything is deterministic from a seed, so two databases seeded alike hold the same rows.
 */
import type { Db } from '../../server/db/database';
import type { UsageEvent } from '../../server/events/schema';
import { rng } from '../../scripts/bench/synthetic';

export interface PeopleOptions {
  count: number;
  /** The first `authors` people are authors, the next `leaders` leaders, the rest reps. */
  authors: number;
  leaders: number;
  teams: number;
}

/** People `u0…u{count-1}` in `Team 0…`; leader `uN` leads the team they are in. */
export async function seedPeople(db: Db, o: PeopleOptions, at = new Date().toISOString()): Promise<void> {
  const rows = Array.from({ length: o.count }, (_, i) => {
    const role = i < o.authors ? 'author' : i < o.authors + o.leaders ? 'leader' : 'rep';
    const team = `Team ${i % o.teams}`;
    return {
      id: `u${i}`,
      name: `Person ${i}`,
      email: `u${i}@factory.test`,
      role,
      team,
      leads_teams: JSON.stringify(role === 'leader' ? [team] : []),
      salesforce_user_id: null,
      active: 1,
      created_at: at,
      updated_at: at,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('users')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * Published items `item-0…` owned by the authors, each with one to three authors whose shares
 * sum to 1 (one of them with a share that does not divide evenly, so splits carry remainders).
 */
export async function seedItems(
  db: Db,
  o: { count: number; authors: number; seed?: number },
  at = new Date().toISOString(),
): Promise<void> {
  const r = rng(o.seed ?? 99);
  const items = [];
  const authors = [];
  for (let i = 0; i < o.count; i++) {
    const id = `item-${i}`;
    items.push({
      id,
      external_id: null,
      kind: 'capability',
      content_type: 'faq',
      title: `Item ${i}`,
      summary: '',
      body: '',
      links: '[]',
      products: '[]',
      industries: '[]',
      segments: '[]',
      regions: '[]',
      competitors: '[]',
      stages: '[]',
      personas: '[]',
      audience: 'internal',
      visibility: '{"scope":"everyone"}',
      status: 'published',
      version: 1,
      derived_from: null,
      owner_id: `u${i % o.authors}`,
      verify_every_days: null,
      verified_at: at,
      expires_at: null,
      structure: null,
      created_by: 'hub-admin',
      created_at: at,
      updated_at: at,
      published_at: at,
    });
    const n = 1 + Math.floor(r() * 3);
    const shares = n === 1 ? [1] : n === 2 ? [0.6, 0.4] : [1 / 3, 0.35, 1 - 1 / 3 - 0.35];
    for (let k = 0; k < n; k++)
      authors.push({
        content_id: id,
        user_id: `u${(i + k * 37) % o.authors}`,
        role: k === 0 ? 'author' : 'co_author',
        share: shares[k] as number,
        position: k,
      });
  }
  for (let i = 0; i < items.length; i += 200)
    await db
      .insertInto('content_items')
      .values(items.slice(i, i + 200))
      .execute();
  for (let i = 0; i < authors.length; i += 500)
    await db
      .insertInto('content_authors')
      .values(authors.slice(i, i + 500))
      .execute();
}

const TYPES = ['view', 'view', 'view', 'view', 'view', 'view', 'helpful', 'share_internal', 'attach', 'derive'] as const;

/**
 * `count` usage events over `days` days ending at `end`, in time order: popular items get most of
 * the use, actors are anyone (authors viewing their own items and leaders viewing their team's
 * are in the mix, so the anti-gaming rules have work to do), attaches name one of `deals` deals.
 * `firstActor`: actors are `u{firstActor}…` only (e.g. reps, when the first people are authors).
 */
export function syntheticEvents(o: {
  count: number;
  people: number;
  items: number;
  days: number;
  deals?: number;
  end: Date;
  seed?: number;
  firstActor?: number;
}): UsageEvent[] {
  const r = rng(o.seed ?? 7);
  const start = o.end.getTime() - o.days * 86_400_000;
  const step = (o.days * 86_400_000) / o.count;
  return Array.from({ length: o.count }, (_, n) => {
    const type = TYPES[Math.floor(r() * TYPES.length)] as UsageEvent['type'];
    const item = Math.floor(o.items * Math.pow(r(), 2));
    return {
      id: `ev-${n}`,
      type,
      contentId: `item-${item}`,
      actorId: `u${(o.firstActor ?? 0) + Math.floor(r() * (o.people - (o.firstActor ?? 0)))}`,
      opportunityId: type === 'attach' ? `opp-${Math.floor(r() * (o.deals ?? 5000))}` : null,
      note: null,
      at: new Date(start + n * step).toISOString(),
    };
  });
}

/** Stores events as the events service would (without crediting them): 1,000 rows per statement. */
export async function storeEvents(db: Db, events: UsageEvent[]): Promise<void> {
  const rows = events.map((e) => ({
    event_id: e.id,
    actor_id: e.actorId,
    idempotency_key: e.id,
    request_hash: 'factory',
    type: e.type,
    content_id: e.contentId,
    opportunity_id: e.opportunityId,
    note: e.note,
    at: e.at,
  }));
  await db.transaction().execute(async (trx) => {
    for (let k = 0; k < rows.length; k += 1000)
      await trx
        .insertInto('usage_events')
        .values(rows.slice(k, k + 1000))
        .execute();
  });
}
