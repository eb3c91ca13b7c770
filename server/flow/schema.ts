import { z } from 'zod';

const Team = z.string().trim().min(1).max(100).optional();
const Instant = z.iso.datetime({ offset: true }).or(z.iso.date()).optional();
const Flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const DeadContentQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(3650).default(90),
    team: Team,
    mine: Flag,
    /** Items listed per owner (the counts cover all). */
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type DeadContentQuery = z.infer<typeof DeadContentQuery>;

export const DEAD_REASONS = ['unused', 'never_found', 'restricted', 'verification_overdue', 'expired'] as const;
export const OwnerAction = z.object({
  action: z.enum(['verify', 'archive', 'widen_visibility', 'nudge_owner']),
  method: z.enum(['POST', 'PATCH']),
  path: z.string(),
});

/** POST /api/content/:id/nudge: ask the owner and authors to look at an item, saying why. */
export const NudgeBody = z
  .object({
    reasons: z.array(z.enum(DEAD_REASONS)).min(1, 'name at least one reason').max(DEAD_REASONS.length),
    note: z.string().trim().max(500, 'at most 500 characters').optional(),
  })
  .strict();
export type NudgeBody = z.infer<typeof NudgeBody>;
export const NudgeResult = z.object({ notified: z.number().int() });

export const DeadItem = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  visibility: z.string(),
  reasons: z.array(z.enum(DEAD_REASONS)),
  /** A suggestion for the owner: nothing is ever archived automatically. */
  suggestArchive: z.boolean(),
  /** The owner actions the reasons call for that this viewer may take (others see none and ask the owner). */
  actions: z.array(OwnerAction),
});

export const DeadContentReport = z.object({
  days: z.number().int(),
  generatedAt: z.string(),
  totals: z.object({
    items: z.number().int(),
    unused: z.number().int(),
    never_found: z.number().int(),
    restricted: z.number().int(),
    verification_overdue: z.number().int(),
    expired: z.number().int(),
    archiveSuggestions: z.number().int(),
  }),
  teams: z.array(z.object({ team: z.string().nullable(), items: z.number().int() })),
  owners: z.array(
    z.object({
      ownerId: z.string(),
      ownerName: z.string(),
      team: z.string().nullable(),
      count: z.number().int(),
      items: z.array(DeadItem),
    }),
  ),
});
export type DeadContentReport = z.infer<typeof DeadContentReport>;

export const PeriodQuery = z.object({ from: Instant, to: Instant, team: Team }).strict();
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const SearchGapsReport = z.object({
  from: z.string(),
  to: z.string(),
  gaps: z.array(
    z.object({
      query: z.string(),
      searches: z.number().int(),
      noResults: z.number().int(),
      noClick: z.number().int(),
      /** Searches per role of who searched. */
      roles: z.record(z.string(), z.number().int()),
      lastSearchedAt: z.string(),
    }),
  ),
});

export const PipelineGapsReport = z.object({
  generatedAt: z.string(),
  openOpportunities: z.number().int(),
  gaps: z.array(
    z.object({
      dimension: z.enum(['competitor', 'industry', 'product']),
      value: z.string(),
      /** Sum of the amounts of the open deals behind the gap. */
      weight: z.number(),
      deals: z.number().int(),
      opportunities: z.array(z.object({ id: z.string(), name: z.string(), amount: z.number().nullable(), ownerId: z.string().nullable() })),
    }),
  ),
});

export const CreateContentRequest = z
  .object({ query: z.string().trim().min(1).max(500), assignee: z.string().min(1).max(100), note: z.string().trim().max(2000).optional() })
  .strict();
export type CreateContentRequest = z.infer<typeof CreateContentRequest>;

export const ContentRequest = z.object({
  id: z.string(),
  query: z.string(),
  /** Null while a request someone filed from an empty search waits for an admin to assign it. */
  assignee: z.string().nullable(),
  createdBy: z.string(),
  status: z.enum(['open', 'done']),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type ContentRequest = z.infer<typeof ContentRequest>;

/** "Request this content" from a search that found nothing: the query and the filters that were set. */
export const AskForContent = z
  .object({
    query: z.string().trim().min(1, 'say what you searched for').max(500),
    filters: z.record(z.string().max(40), z.array(z.string().max(200)).max(20)).optional(),
  })
  .strict();
export type AskForContent = z.infer<typeof AskForContent>;

export const AskForContentResult = z.object({
  request: ContentRequest,
  /** False when an open request for the same query existed: the asker joined it. */
  created: z.boolean(),
  /** True when this person had already asked for it. */
  alreadyAsked: z.boolean(),
  /** How many people asked for it. */
  askers: z.number().int(),
});
export type AskForContentResult = z.infer<typeof AskForContentResult>;

const Share = z.number().nullable();
export const TeamFigures = z.object({
  team: z.string().nullable(),
  publishedItems: z.number().int(),
  reusedItems: z.number().int(),
  /** reusedItems / publishedItems: sharing (high) versus hoarding (low). */
  reuseShare: Share,
  publishedInPeriod: z.number().int(),
  reusedSincePublish: z.number().int(),
  medianDaysToFirstReuse: z.number().nullable(),
  openOpportunities: z.number().int(),
  openWithAttachment: z.number().int(),
  attachShare: Share,
  crossTeamItems: z.number().int(),
  crossTeamUses: z.number().int(),
  crossTeamShare: Share,
  influencedItems: z.number().int(),
  /** Won deals the viewer may see that the team's items influenced (others are not counted). */
  influencedWonDeals: z.number().int(),
  /** Their summed amount; null when the viewer may not see every amount in it (then read the band). */
  influencedWonAmount: z.number().nullable(),
  influencedWonAmountBand: z.string().nullable(),
  /** Event counts of the team's people in the period; activePeople acted in it, members are the team's active users now. */
  engagement: z.object({
    sharing: z.number().int(),
    participating: z.number().int(),
    contributing: z.number(),
    activePeople: z.number().int(),
    members: z.number().int(),
  }),
  quarterEnd: z.object({
    lastTwoWeeksDays: z.number().int(),
    restDays: z.number().int(),
    lastTwoWeeksPerDay: z.number().nullable(),
    restPerDay: z.number().nullable(),
    ratio: Share,
  }),
});
export type TeamFigures = z.infer<typeof TeamFigures>;

export const FlowMetrics = z.object({
  from: z.string(),
  to: z.string(),
  overall: TeamFigures,
  teams: z.array(TeamFigures),
  influence: z.object({
    /** Amounts are null where the viewer may not see every deal's amount in them; the bands stand in. */
    wonDeals: z.number().int(),
    wonAmount: z.number().nullable(),
    wonAmountBand: z.string().nullable(),
    influencedDeals: z.number().int(),
    influencedAmount: z.number().nullable(),
    influencedAmountBand: z.string().nullable(),
    /** Items the viewer may open, only. */
    topItems: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        ownerId: z.string(),
        team: z.string().nullable(),
        wonDeals: z.number().int(),
        wonAmount: z.number().nullable(),
        wonAmountBand: z.string().nullable(),
      }),
    ),
  }),
  /** People of these teams who contacted an expert in the period (POST /api/experts/:userId/contacts), and how many did so from a deal. */
  expertContacts: z.object({ total: z.number().int(), fromDeals: z.number().int() }),
});
export type FlowMetrics = z.infer<typeof FlowMetrics>;

const Term = z.string().trim().min(1).max(200).optional();
export const ExpertsQuery = z
  .object({
    competitor: Term,
    industry: Term,
    product: Term,
    q: z.string().trim().min(1).max(500).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict()
  .refine((v) => v.competitor || v.industry || v.product || v.q, { message: 'name a competitor, industry, product or q' });
export type ExpertsQuery = z.infer<typeof ExpertsQuery>;

/** A won deal the asking user may see; `amount` is null unless they may see it (see server/auth/policy.ts). */
export const WonDeal = z.object({ id: z.string(), name: z.string(), amount: z.number().nullable(), amountBand: z.string().nullable() });
export const ExpertsReport = z.object({
  experts: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      team: z.string().nullable(),
      reuseCount: z.number().int(),
      /** Won deals the asking user may see (others are not counted). */
      wonDeals: z.number().int(),
      /** Their summed amount, or null when the user may not see every amount in it. */
      wonAmount: z.number().nullable(),
      /** The size band of that sum (null without won deals). */
      wonAmountBand: z.string().nullable(),
      items: z.array(z.object({ id: z.string(), title: z.string(), reuseCount: z.number().int(), wonDeals: z.array(WonDeal) })),
    }),
  ),
});
export type ExpertsReport = z.infer<typeof ExpertsReport>;

/** GET /api/experts/:userId: what one person knows, with the evidence the viewer may see. */
export const ExpertProfile = z.object({
  userId: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  /** Ways to reach them: the work email, and a chat deep link when their account and the hub's chat settings allow one. */
  contact: z.object({
    email: z.string().nullable(),
    chat: z.object({ provider: z.enum(['slack', 'teams']), url: z.string() }).nullable(),
  }),
  /** Reuse by others of the items listed (items the viewer may not see are not counted). */
  reuseCount: z.number().int(),
  /** Won deals the viewer may see that these items influenced; amounts as in the expert finder. */
  wonDeals: z.array(WonDeal),
  wonAmount: z.number().nullable(),
  wonAmountBand: z.string().nullable(),
  /** Competitors, industries and products their items are about, the most reused first, with those items as evidence. */
  topics: z.array(
    z.object({
      kind: z.enum(['competitor', 'industry', 'product']),
      value: z.string(),
      reuseCount: z.number().int(),
      itemIds: z.array(z.string()),
    }),
  ),
  /** Published items they wrote (author or co-author) that the viewer may open, the most reused first. */
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      contentType: z.string(),
      reuseCount: z.number().int(),
      publishedAt: z.string().nullable(),
      wonDeals: z.array(WonDeal),
    }),
  ),
});
export type ExpertProfile = z.infer<typeof ExpertProfile>;

export const EXPERT_CONTACT_CHANNELS = ['email', 'chat', 'chatter'] as const;
/** POST /api/experts/:userId/contacts: someone reached out to an expert (from a deal, when opportunityId is set). */
export const RecordExpertContact = z
  .object({
    channel: z.enum(EXPERT_CONTACT_CHANNELS),
    opportunityId: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((v) => v.channel !== 'chatter' || !!v.opportunityId, {
    path: ['opportunityId'],
    message: 'a Chatter mention is posted on a deal: name the opportunity',
  });
export type RecordExpertContact = z.infer<typeof RecordExpertContact>;

export const ExpertContact = z.object({
  id: z.string(),
  expertId: z.string(),
  channel: z.enum(EXPERT_CONTACT_CHANNELS),
  opportunityId: z.string().nullable(),
  at: z.string(),
});
export type ExpertContact = z.infer<typeof ExpertContact>;
