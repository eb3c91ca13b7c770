import { z } from 'zod';
import { pageLimit } from '../http/route';

/** What a person is told about. */
export const NOTIFICATION_KINDS = [
  'approved',
  'rejected',
  'flagged_outdated',
  'request_assigned',
  'derived_from_mine',
  'credit_won_deal',
  'verification_due',
  'archived',
  'nudged',
  'restored',
  'changes_requested',
  'facet_proposed',
  'proposal_accepted',
  'proposal_rejected',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const Notification = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** The item it is about (the recipient may see it: they author, own or requested it). */
  contentId: z.string().nullable(),
  /** Who did it, when someone did. */
  actorId: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({ unread: z.number().int(), notifications: z.array(Notification) });

export const NotificationQuery = z
  .object({
    unreadOnly: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    limit: pageLimit(50, 200),
  })
  .strict();

/** Marks the listed notifications read, or all of them when `ids` is absent. */
export const MarkRead = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500).optional() }).strict();
export const MarkReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });
