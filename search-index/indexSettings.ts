import fs from 'node:fs';
import { z } from 'zod';
import { SearchTaskFailedError, type MeiliClient } from './client';

/*
 * Index settings that know nothing of the hub's content: synonym files, the vector store, and
 * applying a definition idempotently. The content index's own definition is server/search/contentIndex.ts.
 */

const SynonymsFile = z.object({
  _comment: z.string().optional(),
  groups: z.array(z.array(z.string().trim().min(1)).min(2)),
});

/** Reads the shipped synonyms file's groups of equivalent terms (the default until an admin edits them). */
export function loadSynonymGroups(file: string): string[][] {
  const parsed = SynonymsFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`Synonyms file ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.groups;
}

/** Groups of equivalent terms become Meilisearch's mutual synonym map (every term lists all the others). */
export function synonymMap(groups: string[][]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    const terms = group.map((t) => t.trim().toLowerCase());
    for (const term of terms) {
      const others = terms.filter((t) => t !== term);
      map[term] = [...new Set([...(map[term] ?? []), ...others])];
    }
  }
  return map;
}

/** Reads the admin-editable synonyms file as Meilisearch's synonym map. */
export function loadSynonyms(file: string): Record<string, string[]> {
  return synonymMap(loadSynonymGroups(file));
}

/** The index's vector store: one user-provided embedder of the hub's model's dimensions. */
export interface IndexVectors {
  embedder: string;
  dimensions: number;
}

/** Creates the index if needed and applies the settings only when they differ (no needless reindexing). */
export async function applyIndexSettings(
  client: MeiliClient,
  indexUid: string,
  wanted: Record<string, unknown>,
  vectors?: IndexVectors,
): Promise<void> {
  await client.createIndexIfMissing(indexUid, 'id');
  const current = await client.getSettings(indexUid);
  const differs = Object.entries(wanted).some(([key, value]) => !sameSetting(key, current[key], value));
  if (!differs) return;
  try {
    await client.waitTask((await client.updateSettings(indexUid, wanted)).taskUid, { timeoutMs: 300_000 });
  } catch (err) {
    if (!vectors || !(err instanceof SearchTaskFailedError)) throw err;
    // A model of other dimensions: the stored vectors no longer fit the embedder. Dropping it
    // empties the vector store; keyword search answers meanwhile, and the documents' hashes
    // (which name the model) make the next reindex send every item with its new vector.
    await client.waitTask((await client.updateSettings(indexUid, { embedders: { [vectors.embedder]: null } })).taskUid, {
      timeoutMs: 300_000,
    });
    await client.waitTask((await client.updateSettings(indexUid, wanted)).taskUid, { timeoutMs: 300_000 });
  }
}

const UNORDERED = new Set(['filterableAttributes', 'sortableAttributes']);

function sameSetting(key: string, current: unknown, wanted: unknown): boolean {
  // Meilisearch fills in defaults of its own for an embedder: compare what the hub sets.
  if (key === 'embedders') return subset(wanted, current);
  const prepare = (v: unknown) => (UNORDERED.has(key) && Array.isArray(v) ? [...v].map(String).sort() : normalise(v));
  return JSON.stringify(prepare(current)) === JSON.stringify(prepare(wanted));
}

/** Order-insensitive where Meilisearch itself is (filterable/sortable sets, synonym lists). */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v].sort() : normalise(v)]),
    );
  }
  return value;
}

function subset(wanted: unknown, current: unknown): boolean {
  if (!wanted || typeof wanted !== 'object') return JSON.stringify(wanted) === JSON.stringify(current);
  if (!current || typeof current !== 'object') return false;
  return Object.entries(wanted as Record<string, unknown>).every(([k, v]) => subset(v, (current as Record<string, unknown>)[k]));
}
