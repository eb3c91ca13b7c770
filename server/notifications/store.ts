import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { NotificationKind } from './schema';

type Executor = Db | Transaction<Database>;

/** Someone to tell about something; `dedupeKey` makes a repeat (same user, kind and key) a no-op. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  message: string;
  contentId?: string | null;
  actorId?: string | null;
  dedupeKey?: string | null;
}

/**
 * Writes notifications in the caller's transaction, so a person is told exactly when the change
 * they are told about commits. Nobody is told about what they did themselves, and one change tells
 * each person once.
 */
export async function notify(ex: Executor, items: NewNotification[], at: string): Promise<void> {
  const seen = new Set<string>();
  const rows = items
    .filter((n) => n.userId !== n.actorId)
    .filter((n) => {
      const key = `${n.userId}|${n.kind}|${n.contentId ?? ''}|${n.dedupeKey ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((n) => ({
      user_id: n.userId,
      kind: n.kind,
      content_id: n.contentId ?? null,
      actor_id: n.actorId ?? null,
      message: n.message,
      dedupe_key: n.dedupeKey ?? null,
      created_at: at,
      read_at: null,
    }));
  for (let i = 0; i < rows.length; i += 500) {
    await ex
      .insertInto('notifications')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'dedupe_key']).doNothing())
      .execute();
  }
}

/** The people an item's news goes to: its owner and listed authors, co-authors and contributors. */
export function peopleOf(item: { ownerId: string; authors: { userId: string }[] }): string[] {
  return [...new Set([item.ownerId, ...item.authors.map((a) => a.userId)])];
}
