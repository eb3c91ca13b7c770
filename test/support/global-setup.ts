import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedMeilisearch } from '../../search-index/engine';
import { loadWordVectors, sharedCacheDir } from '../../server/embeddings/wordVectors';

/**
 * One real Meilisearch for the whole test run (each test file uses its own index prefix).
 * Set TEST_MEILI_URL and TEST_MEILI_MASTER_KEY to use an existing server instead.
 */
export default async function globalSetup(): Promise<void> {
  // The offline embedder's word vectors: converted from the package's 307 MB JSON once into a
  // cache shared by every test hub (and later runs), so no test pays for the parse.
  loadWordVectors(sharedCacheDir(), (m) => console.log(m));
  if (process.env.TEST_MEILI_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-meili-'));
  const engine = await startEmbeddedMeilisearch({ dir });
  process.env.TEST_MEILI_URL = engine.url;
  process.env.TEST_MEILI_MASTER_KEY = engine.masterKey;
  (globalThis as { __hubTestEngine?: unknown }).__hubTestEngine = { engine, dir };
}
