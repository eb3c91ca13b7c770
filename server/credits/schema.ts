import { z } from 'zod';
import { CreditPolicyRules } from './policy';

/** A period bound: a UTC date (whole day) or an exact UTC timestamp. */
const Bound = z.union([z.iso.date(), z.iso.datetime()]);

export const PeriodQuery = z
  .object({ from: Bound.optional(), to: Bound.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const TeamPeriodQuery = z
  .object({ from: Bound.optional(), to: Bound.optional(), team: z.string().trim().min(1).max(100).optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type TeamPeriodQuery = z.infer<typeof TeamPeriodQuery>;

export const UserIdParams = z.object({ userId: z.string().min(1).max(100) }).strict();

export const StatementLine = z.object({
  entryId: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  /** Null when the reader may not open the item (the points still count). */
  contentId: z.string().nullable(),
  contentTitle: z.string().nullable(),
  /** Null without a deal, or when the reader may not see the deal. */
  opportunityId: z.string().nullable(),
  share: z.number(),
  milliPoints: z.number().int(),
  at: z.string(),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const Statement = z.object({
  userId: z.string(),
  /** The person's name and team, for the statement's heading (not part of the digest). */
  name: z.string(),
  team: z.string(),
  from: z.string(),
  to: z.string(),
  policyVersions: z.array(z.number().int()),
  totalMilliPoints: z.number().int(),
  lines: z.array(StatementLine),
  /** sha256 over the period's lines (without titles, which may be edited): the same period gives the same digest. */
  digest: z.string(),
});
export type Statement = z.infer<typeof Statement>;

export const LeaderboardRow = z.object({
  userId: z.string(),
  name: z.string(),
  team: z.string(),
  milliPoints: z.number().int(),
  /** Distinct items that earned the person credit in the period. */
  items: z.number().int(),
  /** Distinct other people whose actions earned the person credit. */
  reusedBy: z.number().int(),
  /** Raw views of the person's items by others in the period (reuse is counted above, apart from these). */
  views: z.number().int(),
  /** The three levels of engagement: passing content on, taking part, and writing it. */
  engagement: z.object({ sharing: z.number().int(), participating: z.number().int(), contributing: z.number() }),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRow>;
export const Leaderboard = z.object({ from: z.string(), to: z.string(), rows: z.array(LeaderboardRow) });

export const Policy = z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string(), rules: CreditPolicyRules });

export const VerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ entryId: z.number().int(), seq: z.number().int() }).nullable(),
});
