import { z } from 'zod';
import { mayPublish, mayReview } from '../auth/access';
import type { Actor } from '../auth/schema';
import type { UserStore } from '../auth/store';
import type { Db } from '../db/database';
import { Conflict } from '../errors';
import type { ContentChanges } from './changes';
import { applyChanges, newRecord, nextVersion } from './records';
import { listMyContent } from './mine';
import { CreateContent, DueList, ReviewQueue, type ContentItem, type MyContent } from './schema';
import { freshnessOf, type ContentService } from './service';
import type { ContentRecord, ContentStore } from './store';

/** Share of a derived item that goes to the source's authors (split by their shares there). */
export const DERIVE_SOURCE_SHARE = 0.2;

/**
 * Governance around content: review before publishing (configurable per content type), verification
 * by the owner, the owner's list of items due, and "derive" instead of copy.
 */
export function createContentWorkflow(deps: {
  db: Db;
  content: ContentService;
  changes: ContentChanges;
  store: ContentStore;
  users: UserStore;
  clock?: () => Date;
}) {
  const { db, content, changes, store, users } = deps;
  const clock = deps.clock ?? (() => new Date());
  // Loads, checks the version the caller read, and sends the change through the one write path.
  const { loadVisible, toView, change: transition } = content;

  /** The team whose leaders review: the opportunity owner's team for win/loss, else the owner's. */
  async function reviewTeamOf(record: ContentRecord): Promise<string | null> {
    let ownerId = record.ownerId;
    if (record.opportunityId) {
      const row = await db.selectFrom('opportunities').select('owner_id').where('id', '=', record.opportunityId).executeTakeFirst();
      if (row?.owner_id) ownerId = row.owner_id;
    }
    return (await users.get(ownerId))?.team ?? null;
  }

  return {
    async submit(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      const before = await loadVisible(actor, id);
      // A repeat still passes the policy; the write path finds nothing to write.
      if (before.status === 'in_review' || before.status === 'published')
        return transition(actor, id, version, 'submit', (b, now) => nextVersion(b, now), 'submitted again');
      if (before.status === 'archived') throw new Conflict('An archived item cannot be submitted');
      // Without review only for a type that needs none, submitted by someone who may publish.
      if (!changes.needsReview(before.contentType) && mayPublish(actor)) {
        return transition(
          actor,
          id,
          version,
          'submit',
          (b, now) => applyChanges(b, { status: 'published' }, now),
          'published (no review needed)',
        );
      }
      return transition(
        actor,
        id,
        version,
        'submit',
        async (b, now) =>
          nextVersion(b, now, { status: 'in_review', submittedAt: now, reviewComment: null, reviewTeam: await reviewTeamOf(b) }),
        'submitted for review',
      );
    },

    approve(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      return transition(
        actor,
        id,
        version,
        'approve',
        (b, now) => ({ ...applyChanges(b, { status: 'published' }, now), reviewComment: null }),
        `approved by ${actor.name}`,
      );
    },

    /**
     * Reject closes the submission: the item will not be published as is, so it leaves review for
     * the archive (out of every queue; search never had it), the comment saying why. Its authors
     * may still restore it as a draft (audited) or derive a new one; the reviewer's word stands.
     */
    reject(actor: Actor, id: string, comment: string, version?: number): Promise<ContentItem> {
      return transition(
        actor,
        id,
        version,
        'reject',
        (b, now) => nextVersion(b, now, { status: 'archived', reviewComment: comment, reviewTeam: null }),
        `rejected by ${actor.name}: ${comment}`,
      );
    },

    /** Request changes: back to its authors' draft with the comment; submitting again clears it. */
    requestChanges(actor: Actor, id: string, comment: string, version?: number): Promise<ContentItem> {
      return transition(
        actor,
        id,
        version,
        'request_changes',
        (b, now) => nextVersion(b, now, { status: 'draft', reviewComment: comment }),
        `changes requested by ${actor.name}: ${comment}`,
      );
    },

    async reviewQueue(actor: Actor): Promise<z.infer<typeof ReviewQueue>> {
      let q = db.selectFrom('content_items').select('id').where('status', '=', 'in_review').orderBy('submitted_at').limit(200);
      if (actor.role !== 'admin') q = q.where('review_team', 'in', actor.leadsTeams.length ? actor.leadsTeams : ['']);
      const records = [];
      for (const r of (await store.getMany((await q.execute()).map((x) => x.id))).values()) {
        if (mayReview(actor, r.reviewTeam, await changes.reviewParticipants(r))) records.push(r);
      }
      // Whoever may review an item may take each of the three decisions (content/changes.ts).
      const may = { approve: true, requestChanges: true, reject: true };
      records.sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
      const names = await users.getMany(records.flatMap((r) => r.authors.map((a) => a.userId)));
      const oppIds = records.map((r) => r.opportunityId).filter((x): x is string => !!x);
      const opps = oppIds.length
        ? await db.selectFrom('opportunities').select(['id', 'name', 'account_name']).where('id', 'in', oppIds).execute()
        : [];
      return {
        items: records.map((r) => {
          const o = opps.find((x) => x.id === r.opportunityId);
          return {
            id: r.id,
            version: r.version,
            title: r.title,
            summary: r.summary,
            contentType: r.contentType,
            authors: r.authors.map((a) => ({ userId: a.userId, name: names.get(a.userId)?.name ?? a.userId, role: a.role })),
            submittedAt: r.submittedAt,
            opportunity: o ? { id: o.id, name: o.name, accountName: o.account_name } : null,
            may,
          };
        }),
      };
    },

    /** Everything the actor authors or owns, with reuse figures (content/mine.ts). */
    mine(actor: Actor): Promise<z.infer<typeof MyContent>> {
      return listMyContent({ db, store }, actor);
    },

    /** The owner (or an editor) confirms the content is still right; clears readers' outdated flags. */
    verify(actor: Actor, id: string, version?: number): Promise<ContentItem> {
      return transition(actor, id, version, 'verify', (b, now) => nextVersion(b, now, { verifiedAt: now }), 'verified');
    },

    /** The owner's list: items due for verification, expired, or flagged as outdated by readers. */
    async due(actor: Actor): Promise<z.infer<typeof DueList>> {
      const rows = await db
        .selectFrom('content_items')
        .select('id')
        .where('owner_id', '=', actor.id)
        .where('status', 'in', ['published', 'draft', 'in_review'])
        .limit(2000)
        .execute();
      const records = await store.getMany(rows.map((r) => r.id));
      const ids = [...records.keys()];
      const flags = await store.latestOutdatedFlags(ids);
      const flagRows = ids.length
        ? await db
            .selectFrom('usage_events')
            .select(['content_id', 'actor_id', 'note', 'at'])
            .where('type', '=', 'flag_outdated')
            .where('content_id', 'in', ids)
            .orderBy('at', 'desc')
            .execute()
        : [];
      const names = await users.getMany(flagRows.map((f) => f.actor_id));
      const now = clock();
      const items = [];
      for (const r of records.values()) {
        const freshness = freshnessOf(r, now, flags.get(r.id));
        if (freshness === 'verified' || (freshness === 'unverified' && !r.verifyEveryDays)) continue;
        items.push({
          id: r.id,
          title: r.title,
          contentType: r.contentType,
          status: r.status,
          freshness,
          verifiedAt: r.verifiedAt,
          verifyEveryDays: r.verifyEveryDays,
          expiresAt: r.expiresAt,
          flags: flagRows
            .filter((f) => f.content_id === r.id && (!r.verifiedAt || f.at > r.verifiedAt))
            .map((f) => ({ by: names.get(f.actor_id)?.name ?? f.actor_id, note: f.note, at: f.at })),
        });
      }
      const order = { outdated: 0, expired: 1, due: 2, unverified: 3, verified: 4 } as Record<string, number>;
      items.sort((a, b) => (order[a.freshness] ?? 9) - (order[b.freshness] ?? 9) || a.title.localeCompare(b.title));
      return { items };
    },

    /**
     * "Derive from" instead of copying: a new draft linked to its source. The source's authors come
     * along as contributors sharing DERIVE_SOURCE_SHARE by their shares there; the new author has the rest.
     */
    async derive(actor: Actor, id: string, title?: string): Promise<ContentItem> {
      const source = await loadVisible(actor, id);
      const carried = source.authors.filter((a) => a.userId !== actor.id && a.role !== 'editor');
      const carriedTotal = carried.reduce((s, a) => s + a.share, 0) || 1;
      const pool = carried.length ? DERIVE_SOURCE_SHARE : 0;
      const authors = [
        { userId: actor.id, role: 'author' as const, share: Math.round((1 - pool) * 1e6) / 1e6 },
        ...carried.map((a) => ({
          userId: a.userId,
          role: 'contributor' as const,
          share: Math.round(((pool * a.share) / carriedTotal) * 1e6) / 1e6,
        })),
      ];
      // Rounding to millionths can leave a remainder: it goes to the new author.
      const rest = 1 - authors.reduce((s, a) => s + a.share, 0);
      authors[0]!.share = Math.round((authors[0]!.share + rest) * 1e6) / 1e6;
      const input = CreateContent.parse({
        kind: source.kind,
        contentType: source.contentType,
        title: title ?? `${source.title} (derived)`,
        summary: source.summary,
        body: source.body,
        links: source.links,
        products: source.products,
        industries: source.industries,
        segments: source.segments,
        regions: source.regions,
        competitors: source.competitors,
        stages: source.stages,
        personas: source.personas,
        audience: source.audience,
        visibility: source.visibility,
        authors,
        derivedFrom: source.id,
        owner: actor.id,
      });
      const record = newRecord(actor, input, clock().toISOString());
      // The derivation is a reuse of the source: a usage event in the same transaction, credited
      // to the source's authors by the same policy as any other event.
      const stored = await changes.apply(actor, {
        action: 'derive',
        before: null,
        after: record,
        note: `derived from ${source.id}`,
        events: [{ type: 'derive', contentId: source.id, note: `derived ${record.id}`, idempotencyKey: `derive:${record.id}` }],
      });
      return toView(stored);
    },
  };
}
export type ContentWorkflow = ReturnType<typeof createContentWorkflow>;
