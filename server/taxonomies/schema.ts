import { z } from 'zod';

/** Admin-managed vocabularies: the values authors pick from and reports group by. */
export const TAXONOMY_KINDS = [
  'products',
  'industries',
  'competitors',
  'segments',
  'regions',
  'stages',
  'personas',
  'reasonCodes',
] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export const Term = z.object({ value: z.string().trim().min(1).max(100), family: z.string().trim().min(1).max(100).optional() }).strict();
export const ReplaceTaxonomy = z
  .object({ terms: z.array(Term).max(1000) })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.terms.forEach((t, i) => {
      const key = t.value.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['terms', i, 'value'], message: `${t.value} is listed twice` });
      seen.add(key);
    });
  });
export type ReplaceTaxonomy = z.infer<typeof ReplaceTaxonomy>;
export const Taxonomies = z.record(z.string(), z.array(z.object({ value: z.string(), family: z.string().optional() })));
export const KindParams = z.object({ kind: z.enum(TAXONOMY_KINDS) }).strict();
export type Taxonomies = z.infer<typeof Taxonomies>;

// Proposed facet values (taxonomies/proposals.ts).
/** The facets an author picks from the taxonomies, and so may propose a value for. */
export const FACET_KINDS = ['products', 'industries', 'segments', 'regions', 'competitors', 'stages', 'personas'] as const;
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;

export const ProposeFacetValue = z
  .object({ kind: z.enum(FACET_KINDS), value: Term.shape.value, contentId: z.string().min(1).max(200).optional() })
  .strict();
export type ProposeFacetValue = z.infer<typeof ProposeFacetValue>;
export const ProposalQuery = z.object({ status: z.enum([...PROPOSAL_STATUSES, 'all']).default('pending') }).strict();
export const ProposalParams = z.object({ id: z.coerce.number().int().positive() }).strict();
/** Accepting may name the family of a proposed product (`Lakehouse Core | Data platform`). */
export const AcceptProposal = z.object({ family: Term.shape.family }).strict();
export const RejectProposal = z
  .object({
    reason: z
      .string({ error: 'reason is required: it tells the proposer why' })
      .trim()
      .min(1, 'reason is required: it tells the proposer why')
      .max(1000),
  })
  .strict();

export const FacetProposal = z.object({
  id: z.number().int(),
  kind: z.enum(FACET_KINDS),
  value: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  /** The item it was proposed on; it carries the value meanwhile. */
  contentId: z.string().nullable(),
  proposedBy: z.object({ id: z.string(), name: z.string() }),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type FacetProposal = z.infer<typeof FacetProposal>;
export const FacetProposalList = z.object({ proposals: z.array(FacetProposal) });
