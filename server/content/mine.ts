import type { z } from 'zod';
import { canSee, canArchive, canEdit, canRestore } from '../auth/access';
import type { Actor } from '../auth/schema';
import type { Db } from '../db/database';
import type { MyContent } from './schema';
import type { ContentStore } from './store';
import { accessSubject } from './subject';

/** The most items "My content" lists; a prolific author pages through search beyond that. */
const MY_CONTENT_LIMIT = 1000;
const IN_CHUNK = 500;

/** Usage by others that counts as reuse (flags are reported on the due list, not as reuse). */
const REUSE_TYPES = ['view', 'share', 'attach', 'helpful', 'derive'] as const;
type ReuseType = (typeof REUSE_TYPES)[number];

/**
 * "My content": every item the actor authors (any author role) or owns, newest change first, with
 * reuse figures counted from usage events by people who are not among the item's authors (the
 * same rule that keeps self-views out of credit). Each item still passes the read policy, and
 * carries what the policy lets the actor do with it, so the page shows only actions that work.
 */
export async function listMyContent(deps: { db: Db; store: ContentStore }, actor: Actor): Promise<z.infer<typeof MyContent>> {
  const { db, store } = deps;
  const authored = db.selectFrom('content_authors').select('content_id as id').where('user_id', '=', actor.id);
  const rows = await db
    .selectFrom('content_items')
    .select(['id', 'updated_at'])
    .where((eb) => eb.or([eb('owner_id', '=', actor.id), eb('id', 'in', authored)]))
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(MY_CONTENT_LIMIT)
    .execute();
  const records = await store.getMany(rows.map((r) => r.id));
  const visible = rows.map((r) => records.get(r.id)).filter((r): r is NonNullable<typeof r> => !!r && canSee(actor, accessSubject(r)));
  const ids = visible.map((r) => r.id);
  const counts = new Map<string, Record<ReuseType, number>>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const events = await db
      .selectFrom('usage_events')
      .select(['content_id', 'actor_id', 'type', (eb) => eb.fn.countAll().as('n')])
      .where('content_id', 'in', ids.slice(i, i + IN_CHUNK))
      .where('type', 'in', [...REUSE_TYPES])
      .groupBy(['content_id', 'actor_id', 'type'])
      .execute();
    for (const e of events) {
      const record = records.get(e.content_id);
      if (!record || record.authors.some((a) => a.userId === e.actor_id)) continue;
      const c = counts.get(e.content_id) ?? { view: 0, share: 0, attach: 0, helpful: 0, derive: 0 };
      c[e.type as ReuseType] += Number(e.n);
      counts.set(e.content_id, c);
    }
  }
  return {
    items: visible.map((r) => {
      const subject = accessSubject(r);
      const c = counts.get(r.id) ?? { view: 0, share: 0, attach: 0, helpful: 0, derive: 0 };
      return {
        id: r.id,
        title: r.title,
        contentType: r.contentType,
        status: r.status,
        version: r.version,
        myRole: r.authors.find((a) => a.userId === actor.id)?.role ?? 'owner',
        reviewComment: r.reviewComment,
        submittedAt: r.submittedAt,
        updatedAt: r.updatedAt,
        publishedAt: r.publishedAt,
        derivedFrom: r.derivedFrom,
        reuse: { views: c.view, shares: c.share, attaches: c.attach, helpful: c.helpful, derives: c.derive },
        may: { edit: canEdit(actor, subject), archive: canArchive(actor, subject), restore: canRestore(actor, subject) },
      };
    }),
  };
}
