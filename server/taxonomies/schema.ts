import { z } from 'zod';

/** Admin-managed vocabularies: the values authors pick from and reports group by. */
export const TAXONOMY_KINDS = ['products', 'industries', 'competitors', 'segments', 'regions', 'stages', 'personas', 'reasonCodes'] as const;
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
