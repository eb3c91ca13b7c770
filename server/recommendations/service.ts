import { canSee } from '../auth/access';
import type { Actor, User } from '../auth/schema';
import type { UserStore } from '../auth/store';
import type { MeiliClient, MultiSearchQuery } from '../../search-index/client';
import { anyOf, either, greaterThan, isNull } from '../search/filters';
import type { ContentSearchDocument } from '../content/searchDocument';
import { freshnessOf, type ContentService } from '../content/service';
import type { AuthorShare, ContentRecord, ContentStore } from '../content/store';
import type { Db } from '../db/database';
import type { Opportunity } from '../opportunities/schema';
import type { OpportunityService } from '../opportunities/service';
import { engineError, type SearchService } from '../search/service';
import type { OpportunityKnowledge, RecommendedItem } from './schema';
import { createSituationMatcher, situationScore, storyQuery, STORY_CANDIDATES, type SituationMatch, type Story } from './situation';
import type { Embedder } from '../embeddings/embedder';
import { createCandidateRecords } from './records';
import { dealMatcher, MATCH_WEIGHTS, MATCHED_FIELDS } from './match';

/** A ranked item before its authors' names are looked up (once per view, for both kinds and the experts). */
type Ranked = Omit<RecommendedItem, 'authors'> & { authors: AuthorShare[] };

type Doc = ContentSearchDocument & { _federation?: { weightedRankingScore: number; queriesPosition: number } };

/**
 * What ranking asks the engine for: the fields a candidate is scored on. The few items shown take
 * the rest (type, authors, dates) from the database's record, so the engine's answer for ~300
 * candidates stays small (parsing it was a visible share of the hub's CPU per view).
 */
const RETRIEVE = [...MATCHED_FIELDS, 'id', 'title', 'summary'];

/** Candidates fetched per kind: enough for re-scoring to find the best few among them. */
export const FEDERATION_LIMIT = (limit: number) => Math.max(150, limit * 10);

/**
 * The weighted queries of one federated search for a deal: facet matches per aspect of the deal,
 * and a text query so items that name the competitor or product only in their body are found.
 * Exported so the benchmark sends the engine exactly what the hub sends.
 */
export function recommendationQueries(
  indexUid: string,
  kind: 'capability' | 'situational',
  opp: Opportunity,
  base: string[],
  story: Story | null = null,
): MultiSearchQuery[] {
  const q = (filter: string[], weight: number, text = ''): MultiSearchQuery => ({
    indexUid,
    q: text,
    filter: [...base, anyOf('kind', [kind]), ...filter],
    attributesToRetrieve: RETRIEVE,
    federationOptions: { weight },
  });
  const products = opp.products.map((p) => p.name);
  const families = [...new Set(opp.products.map((p) => p.family).filter(Boolean))];
  const mentions = [...opp.competitors, ...products].join(' ');
  const out: MultiSearchQuery[] = [];
  if (kind === 'capability') {
    const w = MATCH_WEIGHTS.capability;
    if (products.length) out.push(q([anyOf('products', products)], w.product));
    if (families.length) out.push(q([anyOf('productFamilies', families)], w.family));
    out.push(q([anyOf('stages', [opp.stage])], w.stage));
    const personas = [...new Set(opp.contactRoles.map((c) => c.title).filter(Boolean))];
    if (personas.length) out.push(q([anyOf('personas', personas)], w.persona));
  } else {
    const w = MATCH_WEIGHTS.situational;
    if (opp.competitors.length) out.push(q([anyOf('competitors', opp.competitors)], w.competitor));
    if (opp.industry) out.push(q([anyOf('industries', [opp.industry])], w.industry));
    if (products.length) out.push(q([anyOf('products', products)], w.product));
    if (opp.segment) out.push(q([anyOf('segments', [opp.segment])], w.segment));
  }
  // Items that name the competitor or product only in their text are found too.
  if (mentions.trim()) out.push({ ...q([], MATCH_WEIGHTS[kind].mention, mentions), matchingStrategy: 'last' });
  // The deal's story, by meaning (it stays the last query: rank() recognises its hits by position).
  if (story && kind === 'situational') out.push(storyQuery(indexUid, story, base, RETRIEVE));
  return out;
}

/**
 * Knowledge for an opportunity: one federated multi-search per kind, each with weighted queries
 * (facet matches and a text query for mentions in the body), under the user's access filter;
 * candidates are then re-scored by how many aspects of the deal they match, so the reasons
 * shown are exactly what the score counted.
 */
export function createRecommendationService(deps: {
  client: MeiliClient;
  indexUid: string;
  search: SearchService;
  store: ContentStore;
  content: ContentService;
  opportunities: OpportunityService;
  users: UserStore;
  db: Db;
  /** Matches the deal's story with situational items by meaning; null: fields alone. */
  embedder?: Embedder | null;
  log?: (m: string) => void;
  clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  const situation = createSituationMatcher({ embedder: deps.embedder ?? null, db: deps.db, store: deps.store, log: deps.log });
  const candidateRecords = createCandidateRecords({ db: deps.db, store: deps.store });

  async function rank(
    actor: Actor,
    kind: 'capability' | 'situational',
    opp: Opportunity,
    base: string[],
    limit: number,
    story: Story | null,
    seen: Map<string, ContentRecord>,
  ): Promise<Ranked[]> {
    const queries = recommendationQueries(deps.indexUid, kind, opp, base, story);
    const storyPosition = story && kind === 'situational' ? queries.length - 1 : -1;
    let hits: Doc[];
    try {
      const res = await deps.client.federatedSearch(queries, { limit: FEDERATION_LIMIT(limit) });
      hits = res.hits as unknown as Doc[];
    } catch (err) {
      throw engineError(err);
    }
    // First pass on what the engine returned (no bodies: they would make the answer heavy):
    // facet matches and mentions in title or summary, plus the hits of the text query, which
    // may mention the deal only in their body, and those found by the deal's story.
    const mentionQuery = queries.findIndex((q) => q.q);
    const byStory = (h: Doc) => h._federation?.queriesPosition === storyPosition;
    // Every item is somewhat near any story: only the nearest few are compared sentence by sentence.
    const storyRanks = new Map(hits.filter(byStory).map((h, i) => [h.id, i]));
    const storyRank = (h: Doc) => storyRanks.get(h.id) ?? Infinity;
    const explain = dealMatcher(opp);
    const first = hits
      .map((h) => ({ h, prelim: explain(h, '').score + (h._federation?.weightedRankingScore ?? 0) * 0.1 }))
      .filter((x) => x.prelim >= 0.1 || x.h._federation?.queriesPosition === mentionQuery || byStory(x.h))
      .sort((a, b) => b.prelim - a.prelim)
      .filter((x, i) => i < limit * 4 || (byStory(x.h) && storyRank(x.h) < STORY_CANDIDATES));
    // The database has the last word on access and freshness (the index may lag a narrowing
    // change), and gives the full text for the final explanation.
    const candidates = await candidateRecords(first.map((x) => x.h.id));
    const records = new Map<string, ContentRecord>();
    for (const [id, c] of candidates) {
      records.set(id, c.record);
      seen.set(id, c.record);
    }
    // The deal's own win/loss analysis tells the same story as the deal: not a *similar* situation.
    const others = first.filter(({ h }) => records.get(h.id)?.opportunityId !== opp.id);
    const similar =
      story && kind === 'situational'
        ? await situation.bestSentences(
            story,
            others.map(({ h }) => ({ id: h.id, title: h.title, summary: h.summary, body: candidates.get(h.id)?.plainBody ?? '' })),
          )
        : new Map<string, SituationMatch>();
    const scored = first
      .map(({ h }) => {
        const { reasons, score } = explain(h, candidates.get(h.id)?.lowerBody ?? '');
        const match = similar.get(h.id);
        const situational = match ? situationScore(match) : null;
        // Engine relevance only breaks ties between items that match the deal equally well.
        return {
          h,
          reasons: situational ? [situational.reason, ...reasons] : reasons,
          total: score + (situational?.weight ?? 0) + (h._federation?.weightedRankingScore ?? 0) * 0.1,
        };
      })
      .filter((x) => x.reasons.length > 0)
      .sort((a, b) => b.total - a.total);
    const flags = await deps.store.latestOutdatedFlags([...records.keys()]);
    const now = clock();
    const out: Ranked[] = [];
    for (const { h, reasons, total } of scored) {
      const r = records.get(h.id);
      if (!r || r.status !== 'published' || !canSee(actor, deps.content.accessSubject(r))) continue;
      const freshness = freshnessOf(r, now, flags.get(r.id));
      if (freshness === 'expired') continue;
      out.push({
        id: h.id,
        title: h.title,
        summary: h.summary,
        kind: h.kind,
        contentType: r.contentType,
        authors: r.authors,
        // Items due for verification or flagged outdated by readers rank lower, but stay visible.
        score: Math.round((freshness === 'due' ? total * 0.9 : freshness === 'outdated' ? total * 0.8 : total) * 1000) / 1000,
        reasons,
        verifiedAt: r.verifiedAt,
        updatedAt: r.updatedAt,
        freshness,
      });
      if (out.length >= limit) break;
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** Authors of matching items whose work others reused, with the evidence. */
  async function experts(
    actor: Actor,
    items: Ranked[],
    records: Map<string, ContentRecord>,
    users: Map<string, User>,
  ): Promise<OpportunityKnowledge['experts']> {
    const ids = items.map((i) => i.id);
    const reuse = new Map<string, number>();
    if (ids.length) {
      const rows = await deps.db
        .selectFrom('usage_events')
        .select(['content_id', 'actor_id'])
        .where('content_id', 'in', ids)
        .where('type', 'in', ['attach', 'helpful', 'derive', 'share_internal', 'share_external'])
        .execute();
      for (const r of rows) {
        const authors = records.get(r.content_id)?.authors.map((a) => a.userId) ?? [];
        if (!authors.includes(r.actor_id)) reuse.set(r.content_id, (reuse.get(r.content_id) ?? 0) + 1);
      }
    }
    const byPerson = new Map<string, { score: number; reasons: Set<string>; items: number; reused: number }>();
    for (const item of items) {
      for (const a of item.authors) {
        if (a.userId === actor.id || a.role === 'editor') continue;
        const p = byPerson.get(a.userId) ?? { score: 0, reasons: new Set<string>(), items: 0, reused: 0 };
        p.score += item.score + (reuse.get(item.id) ?? 0);
        p.items++;
        p.reused += reuse.get(item.id) ?? 0;
        for (const r of item.reasons.filter((x) => !x.startsWith('mentions') && !x.startsWith('similar situation'))) p.reasons.add(r);
        if (item.contentType === 'win_loss_analysis') p.reasons.add(`wrote a win/loss analysis: “${item.title}”`);
        byPerson.set(a.userId, p);
      }
    }
    const ranked = [...byPerson.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, 5);
    return ranked.map(([userId, p]) => ({
      userId,
      name: users.get(userId)?.name ?? userId,
      team: users.get(userId)?.team,
      reasons: [
        `${p.items} matching item${p.items === 1 ? '' : 's'}${p.reused ? `, reused ${p.reused} time${p.reused === 1 ? '' : 's'} by others` : ''}`,
        ...[...p.reasons].slice(0, 4),
      ],
    }));
  }

  return {
    async forOpportunity(actor: Actor, opportunityId: string, limit: number): Promise<OpportunityKnowledge> {
      const opportunity = await deps.opportunities.get(actor, opportunityId);
      const nowTs = clock().getTime();
      const base = [...(await deps.search.accessFilters(actor)), either(isNull('expiresAtTs'), greaterThan('expiresAtTs', nowTs))];
      const story = await situation.storyOf(opportunity);
      // The records both rankings read (every item shown is among them): experts reuse them.
      const records = new Map<string, ContentRecord>();
      const [capability, situational] = await Promise.all([
        rank(actor, 'capability', opportunity, base, limit, null, records),
        rank(actor, 'situational', opportunity, base, limit, story, records),
      ]);
      // Every expert is an author of an item shown: one lookup names them all.
      const users = await deps.users.getMany([...new Set([...capability, ...situational].flatMap((i) => i.authors.map((a) => a.userId)))]);
      const named = (item: Ranked): RecommendedItem => ({
        ...item,
        authors: item.authors.map((a) => ({ userId: a.userId, name: users.get(a.userId)?.name ?? a.userId, role: a.role })),
      });
      return {
        opportunity,
        capability: capability.map(named),
        situational: situational.map(named),
        experts: await experts(actor, [...situational, ...capability], records, users),
      };
    },
  };
}
export type RecommendationService = ReturnType<typeof createRecommendationService>;
