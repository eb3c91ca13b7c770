import { z } from 'zod';
import type { Actor } from '../auth/schema';
import { requireRole } from '../auth/service';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/database';
import { json } from '../db/database';
import type { MeiliClient } from '../../search-index/client';
import { ensureContentIndex, loadSynonymGroups, synonymMap, type IndexVectors } from './contentIndex';

const Term = z.string().trim().min(1).max(100);

/** A full replacement of the synonym groups: each group lists words that mean the same. */
export const ReplaceSynonyms = z
  .object({ groups: z.array(z.array(Term).min(2, 'a group needs at least two words').max(20)).max(500) })
  .strict()
  .superRefine((v, ctx) => {
    v.groups.forEach((group, g) => {
      const seen = new Set<string>();
      group.forEach((term, t) => {
        const key = term.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['groups', g, t], message: `${term} is listed twice in this group` });
        seen.add(key);
      });
    });
  });
export type ReplaceSynonyms = z.infer<typeof ReplaceSynonyms>;

export const Synonyms = z.object({
  groups: z.array(z.array(z.string())),
  /** `file` until an admin saves a list; then `admin`, and the file no longer applies. */
  source: z.enum(['file', 'admin']),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type Synonyms = z.infer<typeof Synonyms>;

/** The logical index the row belongs to (the prefix varies per deployment, the meaning does not). */
const INDEX = 'content';

export interface SynonymServiceDeps {
  db: Db;
  synonymsFile: string;
  client: MeiliClient;
  indexUid: string;
  /** The index's embedder, so applying synonyms states the same settings as the start did. */
  vectors?: IndexVectors;
}

/**
 * Synonyms stored in the database and applied to the content index through the same settings
 * path as at start-up (ensureContentIndex), so what an admin saved survives restarts and
 * reindexing: every start and every reindex applies the stored groups again.
 */
export function createSynonymService(deps: SynonymServiceDeps) {
  const { db } = deps;
  const stored = () => db.selectFrom('search_synonyms').selectAll().where('index_name', '=', INDEX).executeTakeFirst();
  return {
    /** The groups an admin saved, or null while the shipped file applies. */
    async get(): Promise<Synonyms> {
      const row = await stored();
      if (!row) return { groups: loadSynonymGroups(deps.synonymsFile), source: 'file', updatedAt: null, updatedBy: null };
      return { groups: json.read<string[][]>(row.groups, []), source: 'admin', updatedAt: row.updated_at, updatedBy: row.updated_by };
    },

    /** Saves and audits in one transaction, then applies to the index (a failure there leaves the saved list for the next start or reindex). */
    async replace(actor: Actor, input: ReplaceSynonyms): Promise<Synonyms> {
      requireRole(actor, 'admin');
      const before = await this.get();
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('search_synonyms').where('index_name', '=', INDEX).execute();
        await trx
          .insertInto('search_synonyms')
          .values({ index_name: INDEX, groups: json.write(input.groups), updated_at: now, updated_by: actor.id })
          .execute();
        const label = (g: string[]) => g.join(' = ');
        const was = new Set(before.groups.map(label));
        const is = new Set(input.groups.map(label));
        await recordAudit(trx, {
          actorId: actor.id,
          action: 'synonyms.replace',
          targetType: 'search_index',
          targetId: INDEX,
          details: { added: [...is].filter((g) => !was.has(g)), removed: [...was].filter((g) => !is.has(g)), groups: input.groups.length },
        });
      });
      await this.apply();
      return this.get();
    },

    /** Applies the current groups to the index; a no-op when the engine already has them. */
    async apply(): Promise<void> {
      const { groups } = await this.get();
      await ensureContentIndex(deps.client, deps.indexUid, synonymMap(groups), deps.vectors);
    },
  };
}
export type SynonymService = ReturnType<typeof createSynonymService>;

/** The stored groups before the services exist (the composition root opens the index with them). */
export async function storedSynonymGroups(db: Db): Promise<string[][] | null> {
  const row = await db.selectFrom('search_synonyms').select('groups').where('index_name', '=', INDEX).executeTakeFirst();
  return row ? json.read<string[][]>(row.groups, []) : null;
}
