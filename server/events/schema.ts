import { z } from 'zod';

export const EVENT_TYPES = ['view', 'share_internal', 'share_external', 'attach', 'helpful', 'flag_outdated', 'derive'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const IdempotencyKey = z
  .string()
  .trim()
  .min(8, 'at least 8 characters')
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const RecordEvent = z
  .object({
    type: z.enum(EVENT_TYPES),
    contentId: z.string().min(1).max(200),
    opportunityId: z.string().min(1).max(200).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((e) => e.type !== 'attach' || !!e.opportunityId, { path: ['opportunityId'], message: 'an attach event names the opportunity' });
export type RecordEvent = z.infer<typeof RecordEvent>;

export const RecordEventBatch = z
  .object({
    events: z
      .array(z.object({ idempotencyKey: IdempotencyKey }).and(RecordEvent))
      .min(1)
      .max(100),
  })
  .strict();

export const UsageEvent = z.object({
  id: z.string(),
  type: z.enum(EVENT_TYPES),
  contentId: z.string(),
  opportunityId: z.string().nullable(),
  note: z.string().nullable(),
  actorId: z.string(),
  at: z.string(),
});
export type UsageEvent = z.infer<typeof UsageEvent>;
