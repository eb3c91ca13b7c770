import { z } from 'zod';
import type { Actor } from '../auth/schema';
import { requireRole } from '../auth/service';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/database';
import { ANY_ROLE, route, type RouteDef } from '../http/route';

/** Admin-managed vocabularies: the values authors pick from and reports group by. */
export const TAXONOMY_KINDS = ['products', 'industries', 'competitors', 'segments', 'regions', 'stages', 'personas', 'reasonCodes'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

const Term = z.object({ value: z.string().trim().min(1).max(100), family: z.string().trim().min(1).max(100).optional() }).strict();
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
const Taxonomies = z.record(z.string(), z.array(z.object({ value: z.string(), family: z.string().optional() })));
const KindParams = z.object({ kind: z.enum(TAXONOMY_KINDS) }).strict();

export function createTaxonomyService(db: Db) {
  let families: { at: number; map: Map<string, string> } | null = null;
  return {
    async all(): Promise<z.infer<typeof Taxonomies>> {
      const rows = await db.selectFrom('taxonomy_terms').selectAll().orderBy('kind').orderBy('position').execute();
      const out: z.infer<typeof Taxonomies> = Object.fromEntries(TAXONOMY_KINDS.map((k) => [k, []]));
      for (const r of rows) out[r.kind]?.push({ value: r.value, ...(r.parent ? { family: r.parent } : {}) });
      return out;
    },

    async replace(actor: Actor, kind: TaxonomyKind, input: z.infer<typeof ReplaceTaxonomy>) {
      requireRole(actor, 'admin');
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('taxonomy_terms').select('value').where('kind', '=', kind).execute();
        await trx.deleteFrom('taxonomy_terms').where('kind', '=', kind).execute();
        if (input.terms.length) {
          await trx
            .insertInto('taxonomy_terms')
            .values(input.terms.map((t, position) => ({ kind, value: t.value, parent: t.family ?? null, position })))
            .execute();
        }
        const was = new Set(before.map((b) => b.value));
        const now = new Set(input.terms.map((t) => t.value));
        await recordAudit(trx, {
          actorId: actor.id, action: 'taxonomy.replace', targetType: 'taxonomy', targetId: kind,
          details: { added: [...now].filter((v) => !was.has(v)), removed: [...was].filter((v) => !now.has(v)) },
        });
      });
      families = null;
      return (await this.all())[kind] ?? [];
    },

    /** Product name (lower case) → family, from the products taxonomy (cached for a minute). */
    async productFamilies(): Promise<Map<string, string>> {
      if (families && Date.now() - families.at < 60_000) return families.map;
      const rows = await db.selectFrom('taxonomy_terms').select(['value', 'parent']).where('kind', '=', 'products').execute();
      families = { at: Date.now(), map: new Map(rows.filter((r) => r.parent).map((r) => [r.value.toLowerCase(), r.parent as string])) };
      return families.map;
    },
  };
}
export type TaxonomyService = ReturnType<typeof createTaxonomyService>;

export function taxonomyRoutes(taxonomies: TaxonomyService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/taxonomies', tag: 'admin', roles: ANY_ROLE, summary: 'The admin-managed vocabularies (products with families, industries, competitors, reason codes…)',
      response: Taxonomies,
      handler: () => taxonomies.all(),
    }),
    route({
      method: 'put', path: '/api/taxonomies/:kind', tag: 'admin', roles: ['admin'], summary: 'Replace one vocabulary (admin; audited)',
      params: KindParams, body: ReplaceTaxonomy, response: z.array(z.object({ value: z.string(), family: z.string().optional() })),
      handler: ({ actor, params, body }) => taxonomies.replace(actor, params.kind, body),
    }),
  ];
}
