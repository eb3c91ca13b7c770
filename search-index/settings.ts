import fs from 'node:fs';
import { z } from 'zod';
import type { MeiliClient } from './client';

/** Attributes a filter may name. Anything else is refused before it reaches the engine. */
export const FILTERABLE_ATTRIBUTES = [
  'id',
  'kind',
  'contentType',
  'products',
  'productFamilies',
  'industries',
  'segments',
  'regions',
  'competitors',
  'stages',
  'personas',
  'audience',
  'authorIds',
  'ownerId',
  'visibilityScope',
  'visibleTeams',
  'visibleUsers',
  'publishedAtTs',
  'updatedAtTs',
  'verifiedAtTs',
  'expiresAtTs',
] as const;
export type FilterableAttribute = (typeof FILTERABLE_ATTRIBUTES)[number];

/** Meilisearch counts hits exactly up to this many; search reports a larger count as a lower bound. */
export const MAX_TOTAL_HITS = 10_000;

/**
 * The content index, defined in code and applied idempotently at start.
 * Searchable attributes are in priority order: a match in the title outranks one in the body.
 */
export function contentIndexSettings(synonyms: Record<string, string[]>): Record<string, unknown> {
  return {
    searchableAttributes: [
      'title',
      'summary',
      'products',
      'competitors',
      'industries',
      'personas',
      'stages',
      'segments',
      'regions',
      'productFamilies',
      'authorNames',
      'body',
    ],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: ['publishedAtTs', 'updatedAtTs', 'verifiedAtTs', 'title', 'reuseCount'],
    // Meilisearch's default rules. (A custom `updatedAtTs:desc` tie-break would make placeholder
    // and keyword queries incomparable in a federated search; freshness is a `sort` option instead.)
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance: {
      enabled: true,
      // Sales vocabulary is full of short words ("pricing", "budget"): allow one typo from 4 letters.
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnAttributes: [],
      disableOnWords: [],
    },
    synonyms,
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

const SynonymsFile = z.object({
  _comment: z.string().optional(),
  groups: z.array(z.array(z.string().trim().min(1)).min(2)),
});

/**
 * Reads the admin-editable synonyms file: groups of equivalent terms become Meilisearch's
 * mutual synonym map (every term lists all the others).
 */
export function loadSynonyms(file: string): Record<string, string[]> {
  const parsed = SynonymsFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`Synonyms file ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const map: Record<string, string[]> = {};
  for (const group of parsed.data.groups) {
    const terms = group.map((t) => t.toLowerCase());
    for (const term of terms) {
      const others = terms.filter((t) => t !== term);
      map[term] = [...new Set([...(map[term] ?? []), ...others])];
    }
  }
  return map;
}

/** Creates the index if needed and applies the settings only when they differ (no needless reindexing). */
export async function ensureContentIndex(client: MeiliClient, indexUid: string, synonyms: Record<string, string[]>): Promise<void> {
  await client.createIndexIfMissing(indexUid, 'id');
  const wanted = contentIndexSettings(synonyms);
  const current = await client.getSettings(indexUid);
  const differs = Object.entries(wanted).some(([key, value]) => !sameSetting(key, current[key], value));
  if (!differs) return;
  const task = await client.updateSettings(indexUid, wanted);
  await client.waitTask(task.taskUid, { timeoutMs: 300_000 });
}

const UNORDERED = new Set(['filterableAttributes', 'sortableAttributes']);

function sameSetting(key: string, current: unknown, wanted: unknown): boolean {
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
