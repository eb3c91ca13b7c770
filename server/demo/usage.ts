import type { Actor } from '../auth/schema';
import { actorOf } from '../auth/service';
import { createEventService } from '../events/service';
import type { EventType } from '../events/schema';
import type { Hub } from '../hub';

type SeedHub = Omit<Hub, 'app' | 'close'>;

/** A small seeded generator, so every demo has the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLAG_NOTES = [
  'Pricing changed with the new Enterprise bundle last month.',
  'The competitor announced a free tier; this comparison is out of date.',
  'The customer quote in here was withdrawn.',
];

/**
 * Four months of believable usage, recorded through the real events service (access checks,
 * idempotency, and the credit listeners all apply) with the clock set into the past: reps read
 * and attach knowledge to their deals, mark it helpful and share client-facing items; a few
 * readers flag content as outdated. Popularity is skewed, so some items are never reused.
 */
export async function seedUsageHistory(hub: SeedHub, now: Date, log: (m: string) => void = () => {}): Promise<number> {
  const rnd = random(20261123);
  let at = new Date(now);
  const events = createEventService({
    db: hub.db.db,
    content: hub.content,
    opportunities: hub.opportunities,
    listeners: hub.events.listeners,
    clock: () => at,
  });
  const users = (await hub.auth.users.list()).filter((u) => u.active && u.id !== 'hub-admin' && u.role !== 'admin');
  const actors: Actor[] = users.map(actorOf);
  const items = await hub.db.db
    .selectFrom('content_items')
    .select(['id', 'audience', 'published_at', 'content_type'])
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
  // Zipf-like popularity: the first items in a shuffled order get most of the attention.
  const order = items
    .map((i) => ({ i, k: rnd() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.i);
  const popular = order.slice(0, Math.floor(order.length * 0.8));
  const pick = () => popular[Math.min(popular.length - 1, Math.floor(popular.length * Math.pow(rnd(), 1.8)))]!;
  const opps = await hub.db.db.selectFrom('opportunities').select(['id', 'owner_id', 'is_closed', 'close_date']).execute();

  let n = 0;
  const DAYS = 120;
  log(`Seeding ${DAYS} days of usage history…`);
  for (let day = DAYS; day >= 0; day--) {
    const perDay = 6 + Math.floor(rnd() * 10);
    for (let k = 0; k < perDay; k++) {
      // Earlier in the day, never later: an event in the future would hold back the flow facts.
      at = new Date(now.getTime() - day * 86_400_000 - Math.floor(rnd() * 8 * 3_600_000));
      const actor = actors[Math.floor(rnd() * actors.length)]!;
      const item = pick();
      if (!item.published_at || item.published_at > at.toISOString()) continue;
      const roll = rnd();
      const ownOpps = opps.filter(
        (o) => o.owner_id === actor.id && (!o.is_closed || (o.close_date ?? '') >= at.toISOString().slice(0, 10)),
      );
      let type: EventType = 'view';
      let opportunityId: string | undefined;
      let note: string | undefined;
      if (roll > 0.72 && ownOpps.length) {
        type = 'attach';
        opportunityId = ownOpps[Math.floor(rnd() * ownOpps.length)]!.id;
      } else if (roll > 0.6) type = 'helpful';
      else if (roll > 0.55) type = item.audience === 'client_facing' ? 'share_external' : 'share_internal';
      else if (roll > 0.545) {
        type = 'flag_outdated';
        note = FLAG_NOTES[Math.floor(rnd() * FLAG_NOTES.length)];
      }
      try {
        await events.record(actor, `demo-usage-${day}-${k}`, {
          type,
          contentId: item.id,
          ...(opportunityId ? { opportunityId } : {}),
          ...(note ? { note } : {}),
        });
        n++;
      } catch {
        // Not visible to this person, or a deal they may not see: real users would not get here.
      }
    }
  }
  return n;
}

/** Searches people ran: most find something; some (an unknown competitor, a new topic) find nothing. */
const DEMO_SEARCHES = [
  'snowcrest pricing',
  'tco calculator',
  'gdpr data residency',
  'prism bi objection',
  'lakehouse core demo',
  'proof of concept plan',
  'quantaflow',
  'quantaflow pricing',
  'quantaflow vs lakehouse',
  'nexora battlecard',
  'carbon reporting esg',
  'esg dashboards',
  'atlasgrid migration',
  'sso okta',
  'insurance claims analytics',
  'quantaflow',
];

/** Runs the demo searches as different people, so the content-gap report has real rows. */
export async function seedSearchHistory(hub: SeedHub): Promise<number> {
  const users = (await hub.auth.users.list()).filter((u) => u.active && u.role !== 'admin' && u.id !== 'hub-admin');
  let n = 0;
  for (let i = 0; i < DEMO_SEARCHES.length * 2; i++) {
    const user = users[(i * 7) % users.length]!;
    await hub.searchService.search(actorOf(user), {
      q: DEMO_SEARCHES[i % DEMO_SEARCHES.length]!,
      kind: [],
      contentType: [],
      products: [],
      industries: [],
      segments: [],
      regions: [],
      competitors: [],
      stages: [],
      personas: [],
      authors: [],
      page: 1,
      limit: 20,
      sort: 'relevance',
      semanticRatio: 0,
    });
    n++;
  }
  await hub.searchLog.flush();
  return n;
}
