import type { Actor } from '../auth/schema';
import { requireRole } from '../auth/service';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/database';
import { TAXONOMY_KINDS, type ReplaceTaxonomy, type Taxonomies, type TaxonomyKind } from './schema';

export function createTaxonomyService(db: Db) {
  let families: { at: number; map: Map<string, string> } | null = null;
  return {
    async all(): Promise<Taxonomies> {
      const rows = await db.selectFrom('taxonomy_terms').selectAll().orderBy('kind').orderBy('position').execute();
      const out: Taxonomies = Object.fromEntries(TAXONOMY_KINDS.map((k) => [k, []]));
      for (const r of rows) out[r.kind]?.push({ value: r.value, ...(r.parent ? { family: r.parent } : {}) });
      return out;
    },

    async replace(actor: Actor, kind: TaxonomyKind, input: ReplaceTaxonomy) {
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
          actorId: actor.id,
          action: 'taxonomy.replace',
          targetType: 'taxonomy',
          targetId: kind,
          details: { added: [...now].filter((v) => !was.has(v)), removed: [...was].filter((v) => !now.has(v)) },
        });
      });
      families = null;
      return (await this.all())[kind] ?? [];
    },

    /**
     * Adds one term at the end of its list, in the caller's transaction (an accepted proposal), and
     * audits it. A value already there in any spelling is left as it is: returns false.
     */
    async addTerm(
      trx: Db,
      actor: Actor,
      kind: TaxonomyKind,
      term: { value: string; family?: string | undefined },
      details: Record<string, unknown> = {},
    ): Promise<boolean> {
      requireRole(actor, 'admin');
      const rows = await trx.selectFrom('taxonomy_terms').select(['value', 'position']).where('kind', '=', kind).execute();
      if (rows.some((r) => r.value.toLowerCase() === term.value.toLowerCase())) return false;
      const position = rows.reduce((max, r) => Math.max(max, Number(r.position)), -1) + 1;
      await trx
        .insertInto('taxonomy_terms')
        .values({ kind, value: term.value, parent: term.family ?? null, position })
        .execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'taxonomy.add',
        targetType: 'taxonomy',
        targetId: kind,
        details: { value: term.value, family: term.family ?? null, ...details },
      });
      families = null;
      return true;
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
