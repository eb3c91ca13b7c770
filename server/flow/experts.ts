import { sql } from 'kysely';
import { canSeeAmount, canSeeItem, shownSum } from '../auth/policy';
import type { CurrencyConfig } from '../config';
import type { Actor } from '../auth/schema';
import type { AuthService } from '../auth/service';
import type { ContentService } from '../content/service';
import type { ContentStore } from '../content/store';
import type { Db } from '../db/database';
import type { MeiliClient } from '../../search-index/client';
import { engineError, type SearchService } from '../search/service';
import { shownDeal, visibleWonDeals, type WonDeal } from './influence';
import type { ExpertsQuery, ExpertsReport } from './schema';
import { num, sqlList } from './scope';

/** Candidate items considered (the most reused first). */
const MAX_CANDIDATES = 500;
const SEARCH_HITS = 200;
const CHUNK = 500;

export interface ExpertDeps {
  db: Db;
  client: MeiliClient;
  indexUid: string;
  search: SearchService;
  store: ContentStore;
  content: ContentService;
  users: AuthService['users'];
  /** Won amounts are summed and banded in the corporate currency (server/opportunities/currency.ts). */
  currencies?: () => CurrencyConfig;
}

/** `%"value"%` against a JSON array column, case-insensitive, with LIKE's wildcards escaped. */
const jsonTag = (column: 'competitors' | 'industries' | 'products', value: string) =>
  sql`lower(c.${sql.ref(column)}) LIKE ${`%${JSON.stringify(value.toLowerCase()).replace(/[\\%_]/g, (m) => `\\${m}`)}%`} ESCAPE '\\'`;

/**
 * "Who knows what": authors (not editors or contributors) of published items on the topic that
 * others reused, ranked by the won deals their items influenced and then by reuse. Only items
 * the asking user may see are considered or named.
 */
export async function findExperts(deps: ExpertDeps, actor: Actor, query: ExpertsQuery): Promise<ExpertsReport> {
  const where = [sql`c.status = 'published'`];
  if (query.competitor) where.push(jsonTag('competitors', query.competitor));
  if (query.industry) where.push(jsonTag('industries', query.industry));
  if (query.product) where.push(jsonTag('products', query.product));
  if (query.q) {
    let res;
    try {
      res = await deps.client.search<{ id: string }>(deps.indexUid, {
        q: query.q,
        filter: await deps.search.accessFilters(actor),
        limit: SEARCH_HITS,
        attributesToRetrieve: ['id'],
      });
    } catch (err) {
      throw engineError(err);
    }
    where.push(sql`c.id IN ${sqlList(res.hits.map((h) => h.id))}`);
  }
  // Only items others reused can make an expert: the precomputed reuse count ranks the candidates.
  const { rows } = await sql<{ id: string; reuse_count: unknown }>`
    SELECT c.id, s.reuse_count FROM content_items c JOIN flow_item_stats s ON s.content_id = c.id
    WHERE s.reuse_count > 0 AND ${sql.join(where, sql` AND `)} ORDER BY s.reuse_count DESC, c.id LIMIT ${MAX_CANDIDATES}`.execute(deps.db);
  const reuse = new Map(rows.map((r) => [r.id, num(r.reuse_count)]));
  const records = await deps.store.getMany(rows.map((r) => r.id));
  const visible = [...records.values()].filter((r) => r.status === 'published' && canSeeItem(actor, deps.content.accessSubject(r)));
  const reused = visible.map((r) => r.id);
  // Only deals the asking user may see are named or counted; amounts they may not see show as bands.
  const deals = new Map<string, WonDeal[]>();
  for (let i = 0; i < reused.length; i += CHUNK) {
    for (const [id, won] of await visibleWonDeals(deps.db, actor, reused.slice(i, i + CHUNK), deps.currencies?.())) deals.set(id, won);
  }

  type Expert = Omit<ExpertsReport['experts'][number], 'wonAmount' | 'wonAmountBand'>;
  const people = new Map<string, Expert & { dealIds: Map<string, WonDeal> }>();
  for (const item of visible) {
    const count = reuse.get(item.id);
    if (!count) continue;
    const won = deals.get(item.id) ?? [];
    for (const a of item.authors) {
      if (a.role === 'editor' || a.role === 'contributor') continue;
      const p: Expert & { dealIds: Map<string, WonDeal> } = people.get(a.userId) ?? {
        userId: a.userId,
        name: a.userId,
        team: null,
        reuseCount: 0,
        wonDeals: 0,
        items: [],
        dealIds: new Map(),
      };
      p.reuseCount += count;
      for (const d of won) p.dealIds.set(d.id, d);
      p.items.push({ id: item.id, title: item.title, reuseCount: count, wonDeals: won.map((d) => shownDeal(actor, d)) });
      people.set(a.userId, p);
    }
  }
  // Ties on the count of won deals are broken by the amounts the user may see, so the order
  // reveals nothing about the others.
  const seenAmount = (ds: WonDeal[]) => ds.reduce((s, d) => s + (canSeeAmount(actor, d) ? (d.amount ?? 0) : 0), 0);
  const ranked = [...people.values()]
    .map((p) => {
      const won = [...p.dealIds.values()];
      const sum = shownSum(actor, won);
      return { ...p, wonDeals: won.length, wonAmount: sum.amount, wonAmountBand: sum.amountBand, rankAmount: seenAmount(won) };
    })
    .sort(
      (a, b) => b.wonDeals - a.wonDeals || b.rankAmount - a.rankAmount || b.reuseCount - a.reuseCount || a.userId.localeCompare(b.userId),
    )
    .slice(0, query.limit);
  const users = await deps.users.getMany(ranked.map((p) => p.userId));
  return {
    experts: ranked.map(({ dealIds: _d, rankAmount: _r, ...p }) => ({
      ...p,
      name: users.get(p.userId)?.name ?? p.userId,
      team: users.get(p.userId)?.team ?? null,
      items: p.items.sort((a, b) => b.wonDeals.length - a.wonDeals.length || b.reuseCount - a.reuseCount).slice(0, 10),
    })),
  };
}
