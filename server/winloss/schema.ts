import { z } from 'zod';
import { ContentItem } from '../content/schema';
import { Opportunity } from '../opportunities/schema';

export const OUTCOMES = ['won', 'lost', 'no_decision'] as const;
const Text = (max: number) => z.string().trim().max(max);
const Lines = z.array(z.string().trim().min(1).max(1000)).max(30).default([]);

export const Stakeholder = z
  .object({
    role: Text(100).min(1, 'name the role (e.g. Economic Buyer)'),
    title: Text(100).default(''),
    influence: z.enum(['high', 'medium', 'low']),
    stance: z.enum(['champion', 'supporter', 'neutral', 'blocker']),
    priorities: Text(2000).default(''),
    concepts: Text(2000).optional(),
  })
  .strict();

export const Reason = z.object({ code: Text(100).min(1), text: Text(1000).optional() }).strict();

export const WinLossAuthor = z
  .object({
    userId: z.string().min(1).max(100),
    role: z.enum(['author', 'co_author', 'contributor']),
    share: z.number().min(0).max(1).optional(),
  })
  .strict();

/** The structured analysis (the zod schema is the single definition of its shape). */
export const WinLossFields = {
  title: Text(300).min(1),
  summary: Text(2000).default(''),
  outcome: z.enum(OUTCOMES),
  reasons: z.array(Reason).min(1, 'give at least one reason code').max(5),
  competitorAnalysis: z
    .object({ winner: Text(100).optional(), why: Text(4000).default('') })
    .strict()
    .default({ why: '' }),
  situation: Text(8000).default(''),
  challenges: Text(8000).default(''),
  stakeholders: z.array(Stakeholder).max(30).default([]),
  decisionCriteria: Lines,
  decisionProcess: z
    .object({ timeline: Text(2000).default(''), committee: Text(2000).default('') })
    .strict()
    .default({ timeline: '', committee: '' }),
  whatWorked: Lines,
  whatToAvoid: Lines,
  lessons: Lines,
  assetsThatHelped: z.array(z.string().min(1).max(200)).max(30).default([]),
  authors: z.array(WinLossAuthor).min(1).max(20).optional(),
};

export const CreateWinLoss = z.object({ opportunityId: z.string().min(1).max(200), ...WinLossFields }).strict();
export type CreateWinLoss = z.infer<typeof CreateWinLoss>;

export const PatchWinLoss = z
  .object({
    version: z.number().int().min(1),
    title: WinLossFields.title.optional(),
    summary: Text(2000).optional(),
    outcome: WinLossFields.outcome.optional(),
    reasons: WinLossFields.reasons.optional(),
    competitorAnalysis: z
      .object({ winner: Text(100).optional(), why: Text(4000).default('') })
      .strict()
      .optional(),
    situation: Text(8000).optional(),
    challenges: Text(8000).optional(),
    stakeholders: z.array(Stakeholder).max(30).optional(),
    decisionCriteria: z.array(z.string().trim().min(1).max(1000)).max(30).optional(),
    decisionProcess: z
      .object({ timeline: Text(2000).default(''), committee: Text(2000).default('') })
      .strict()
      .optional(),
    whatWorked: z.array(z.string().trim().min(1).max(1000)).max(30).optional(),
    whatToAvoid: z.array(z.string().trim().min(1).max(1000)).max(30).optional(),
    lessons: z.array(z.string().trim().min(1).max(1000)).max(30).optional(),
    assetsThatHelped: z.array(z.string().min(1).max(200)).max(30).optional(),
    authors: z.array(WinLossAuthor).min(1).max(20).optional(),
  })
  .strict();
export type PatchWinLoss = z.infer<typeof PatchWinLoss>;

export const QuickCloseOut = z
  .object({
    opportunityId: z.string().min(1).max(200),
    outcome: z.enum(OUTCOMES),
    reasonCodes: z.array(Text(100).min(1)).min(1, 'pick at least one reason').max(3, 'at most three reasons'),
    sentence: Text(500).min(1, 'one sentence on why'),
    /** Asked separately: the sentence says why it ended so, a lesson what to do next time. */
    lessons: Text(1000).optional(),
  })
  .strict();

/** What the analysis stores about the deal: never the exact amount, only its band. */
export const Snapshot = z.object({
  accountName: z.string(),
  industry: z.string().nullable(),
  segment: z.string().nullable(),
  region: z.string().nullable(),
  amountBand: z.string().nullable(),
  products: z.array(z.string()),
  competitors: z.array(z.string()),
  closeDate: z.string().nullable(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const WinLossStructure = z.object({
  /** Null for analyses of deals that predate the CRM connection. */
  opportunityId: z.string().nullable(),
  snapshot: Snapshot,
  outcome: z.enum(OUTCOMES),
  reasons: z.array(Reason),
  competitorAnalysis: z.object({ winner: z.string().optional(), why: z.string() }),
  situation: z.string(),
  challenges: z.string(),
  stakeholders: z.array(Stakeholder),
  decisionCriteria: z.array(z.string()),
  decisionProcess: z.object({ timeline: z.string(), committee: z.string() }),
  whatWorked: z.array(z.string()),
  whatToAvoid: z.array(z.string()),
  lessons: z.array(z.string()),
  assetsThatHelped: z.array(z.string()),
});
export type WinLossStructure = z.infer<typeof WinLossStructure>;

export const WinLossItem = ContentItem.extend({ winLoss: WinLossStructure });

export const WinLossDraft = z.object({
  opportunity: Opportunity,
  // A pre-filled form: the reasons are for the author to pick.
  draft: CreateWinLoss.extend({ reasons: z.array(Reason).max(5) }),
  /** `visible` false: someone else's draft; show who is writing it (`ownerName`), not a link. */
  existing: z
    .object({
      id: z.string(),
      status: z.string(),
      version: z.number(),
      title: z.string().nullable(),
      ownerName: z.string(),
      visible: z.boolean(),
    })
    .nullable(),
});

export const CloseOutQueue = z.object({
  items: z.array(
    z.object({
      opportunity: Opportunity,
      daysSinceClose: z.number().int(),
      analysis: z.object({ id: z.string(), status: z.string() }).nullable(),
    }),
  ),
});
