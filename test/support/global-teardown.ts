import fs from 'node:fs';
import type { EmbeddedMeilisearch } from '../../search-index/engine';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __hubTestEngine?: { engine: EmbeddedMeilisearch; dir: string } }).__hubTestEngine;
  if (!state) return;
  await state.engine.stop();
  fs.rmSync(state.dir, { recursive: true, force: true });
}
