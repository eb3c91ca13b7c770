import path from 'node:path';
import { MeiliClient } from '../../search-index/client';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../../search-index/engine';
import { obtainScopedKey } from '../../search-index/keys';
import { ensureContentIndex, loadSynonyms, synonymMap, type IndexVectors } from './contentIndex';

export interface SearchRuntimeOptions {
  /** An external Meilisearch; without it the embedded one is started under `dataDir`. */
  url?: string;
  masterKey?: string;
  dataDir: string;
  indexPrefix: string;
  synonymsFile: string;
  /** Synonym groups an admin saved (in the database); they replace the file's when given. */
  synonymGroups?: string[][];
  /** The vector store's embedder, when the hub has one. */
  vectors?: IndexVectors;
  log?: (message: string, level?: 'info' | 'warn' | 'error') => void;
  /** Called on every automatic restart of the embedded engine (metrics). */
  onEngineRestart?: (reason: string) => void;
}

export interface SearchRuntime {
  /** Client holding the scoped key: the only one the running hub uses. */
  client: MeiliClient;
  contentIndex: string;
  engine: EmbeddedMeilisearch | null;
  /** 'restarting' while the embedded engine is being brought back; 'running' for an external one. */
  engineState(): 'running' | 'restarting' | 'stopped';
  close(): Promise<void>;
}

/** Starts or connects to Meilisearch, trades the master key for a scoped key, and applies the index definition. */
export async function openSearch(options: SearchRuntimeOptions): Promise<SearchRuntime> {
  let engine: EmbeddedMeilisearch | null = null;
  let url = options.url;
  let masterKey = options.masterKey;
  if (!url) {
    engine = await startEmbeddedMeilisearch({
      dir: path.join(options.dataDir, 'meilisearch'),
      log: options.log,
      onRestart: options.onEngineRestart,
    });
    url = engine.url;
    masterKey = engine.masterKey;
  }
  try {
    const master = new MeiliClient({ url, apiKey: masterKey });
    const scopedKey = await obtainScopedKey(master, options.indexPrefix);
    const client = master.withKey(scopedKey);
    const contentIndex = `${options.indexPrefix}content`;
    await ensureContentIndex(
      client,
      contentIndex,
      options.synonymGroups ? synonymMap(options.synonymGroups) : loadSynonyms(options.synonymsFile),
      options.vectors,
    );
    const embedded = engine;
    return { client, contentIndex, engine, engineState: () => embedded?.state() ?? 'running', close: async () => embedded?.stop() };
  } catch (err) {
    await engine?.stop();
    throw err;
  }
}
