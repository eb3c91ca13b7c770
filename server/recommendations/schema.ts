import { z } from 'zod';
import { pageLimit } from '../http/route';
import { Freshness } from '../content/schema';
import { Opportunity } from '../opportunities/schema';

export const KnowledgeQuery = z
  .object({
    limit: pageLimit(6, 25),
  })
  .strict();

export const RecommendedItem = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.string(),
  contentType: z.string(),
  authors: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
  score: z.number(),
  reasons: z.array(z.string()),
  verifiedAt: z.string().nullable(),
  updatedAt: z.string(),
  freshness: Freshness,
});
export type RecommendedItem = z.infer<typeof RecommendedItem>;

export const Expert = z.object({ userId: z.string(), name: z.string(), team: z.string().optional(), reasons: z.array(z.string()) });

export const OpportunityKnowledge = z.object({
  opportunity: Opportunity,
  capability: z.array(RecommendedItem),
  situational: z.array(RecommendedItem),
  experts: z.array(Expert),
});
export type OpportunityKnowledge = z.infer<typeof OpportunityKnowledge>;
