import crypto from 'node:crypto';
import { MeiliClient, SearchEngineError } from './client';

/** The only actions the running hub needs; no key management, no dumps, no snapshots. */
export const HUB_KEY_ACTIONS = [
  'search',
  'documents.add',
  'documents.get',
  'documents.delete',
  'indexes.create',
  'indexes.get',
  'indexes.delete',
  'settings.get',
  'settings.update',
  'tasks.get',
  'stats.get',
];

/**
 * Uses the master key once, to get (or create) a key scoped to the hub's own indexes.
 * The key's uid is derived from the prefix so restarts reuse the same key instead of piling up new ones.
 */
export async function obtainScopedKey(master: MeiliClient, indexPrefix: string): Promise<string> {
  const uid = uuidFrom(`knowledge-hub:${indexPrefix}`);
  const existing = await master.getKey(uid);
  if (existing) return existing.key;
  try {
    const created = await master.createKey({
      uid,
      name: `knowledge-hub ${indexPrefix}`,
      description: 'Scoped key used by the Knowledge Hub server (created with the master key).',
      actions: HUB_KEY_ACTIONS,
      indexes: [`${indexPrefix}*`],
      expiresAt: null,
    });
    return created.key;
  } catch (err) {
    // Another process created it between our GET and POST.
    if (err instanceof SearchEngineError && err.code === 'api_key_already_exists') {
      const again = await master.getKey(uid);
      if (again) return again.key;
    }
    throw err;
  }
}

function uuidFrom(text: string): string {
  const h = crypto.createHash('sha256').update(text).digest('hex');
  // Shape it as a version-4 UUID, which is what Meilisearch accepts as a key uid.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
