import type { Actor } from '../auth/schema';
import type { Db } from '../db/database';
import type { Notification, NotificationKind } from './schema';
import { notify, peopleOf } from './store';

/** How long notifications are kept by default (HUB_NOTIFICATION_DAYS). */
export const DEFAULT_KEEP_DAYS = 90;

/**
 * The in-hub inbox: what each person was told, newest first, with an unread count for the header.
 * Written by the changes that cause them (server/notifications/store.ts `notify`, called inside
 * their transactions); read and marked read only by their recipient; kept `keepDays`.
 */
export function createNotificationService(deps: { db: Db; keepDays?: number; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const keepDays = deps.keepDays ?? DEFAULT_KEEP_DAYS;

  async function unreadCount(userId: string): Promise<number> {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    async list(actor: Actor, query: { unreadOnly: boolean; limit: number }): Promise<{ unread: number; notifications: Notification[] }> {
      let q = db.selectFrom('notifications').selectAll().where('user_id', '=', actor.id);
      if (query.unreadOnly) q = q.where('read_at', 'is', null);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
      return {
        unread: await unreadCount(actor.id),
        notifications: rows.map((r) => ({
          id: Number(r.id),
          kind: r.kind as NotificationKind,
          contentId: r.content_id,
          actorId: r.actor_id,
          message: r.message,
          createdAt: r.created_at,
          readAt: r.read_at,
        })),
      };
    },

    /** Marks the recipient's own notifications read (the listed ones, or all); others' ids are ignored. */
    async markRead(actor: Actor, ids?: number[]): Promise<{ marked: number; unread: number }> {
      let q = db
        .updateTable('notifications')
        .set({ read_at: clock().toISOString() })
        .where('user_id', '=', actor.id)
        .where('read_at', 'is', null);
      if (ids) q = q.where('id', 'in', ids);
      const res = await q.executeTakeFirst();
      return { marked: Number(res.numUpdatedRows), unread: await unreadCount(actor.id) };
    },

    /**
     * Reminds owners and authors of published items due for verification or expired, once per
     * item and due date (a later scan finds the reminder already there).
     */
    async remindDue(): Promise<number> {
      const now = clock();
      const rows = await db
        .selectFrom('content_items')
        .select(['id', 'title', 'owner_id', 'verified_at', 'verify_every_days', 'expires_at'])
        .where('status', '=', 'published')
        .where((eb) => eb.or([eb('verify_every_days', 'is not', null), eb('expires_at', 'is not', null)]))
        .execute();
      const due = rows.flatMap((r) => {
        const verifyBy =
          r.verify_every_days !== null && r.verified_at
            ? new Date(Date.parse(r.verified_at) + Number(r.verify_every_days) * 86_400_000)
            : null;
        const expires = r.expires_at ? new Date(r.expires_at) : null;
        const when = [verifyBy, expires]
          .filter((d): d is Date => !!d && d.getTime() <= now.getTime())
          .sort((a, b) => a.getTime() - b.getTime())[0];
        return when
          ? [
              {
                id: r.id,
                title: r.title,
                ownerId: r.owner_id,
                dueOn: when.toISOString().slice(0, 10),
                expired: !!expires && expires.getTime() <= now.getTime(),
              },
            ]
          : [];
      });
      if (due.length === 0) return 0;
      // In chunks: a large library can have more items due than SQLite takes bound parameters.
      const byItem = new Map<string, { userId: string }[]>();
      for (let i = 0; i < due.length; i += 500) {
        const authors = await db
          .selectFrom('content_authors')
          .select(['content_id', 'user_id'])
          .where(
            'content_id',
            'in',
            due.slice(i, i + 500).map((d) => d.id),
          )
          .execute();
        for (const a of authors) byItem.set(a.content_id, [...(byItem.get(a.content_id) ?? []), { userId: a.user_id }]);
      }
      const items = due.flatMap((d) =>
        peopleOf({ ownerId: d.ownerId, authors: byItem.get(d.id) ?? [] }).map((userId) => ({
          userId,
          kind: 'verification_due' as const,
          contentId: d.id,
          dedupeKey: `${d.id}:${d.dueOn}`,
          message: d.expired ? `"${d.title}" has expired: renew or archive it` : `"${d.title}" is due for verification (since ${d.dueOn})`,
        })),
      );
      await notify(db, items, now.toISOString());
      return items.length;
    },

    /** Drops notifications older than the retention period. */
    async purge(): Promise<number> {
      const before = new Date(clock().getTime() - keepDays * 86_400_000).toISOString();
      const res = await db.deleteFrom('notifications').where('created_at', '<', before).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
