import path from 'node:path';
import { z } from 'zod';

/**
 * Which embedder gives items and queries their vectors. `wink` (the default) needs no network:
 * word vectors from an npm package, averaged per sentence. `openai` (any OpenAI-compatible
 * `/embeddings` endpoint) and `ollama` (`/api/embed`) call a configured model; `off` keeps
 * search keyword-only.
 */
export const EmbedderEnv = z.object({
  HUB_EMBEDDER: z.enum(['wink', 'openai', 'ollama', 'off']).default('wink'),
  /** Base URL of the endpoint, e.g. http://127.0.0.1:11434 (Ollama) or https://api.example.com/v1. */
  HUB_EMBEDDER_URL: z.url({ protocol: /^https?$/ }).optional(),
  HUB_EMBEDDER_MODEL: z.string().trim().min(1).max(200).optional(),
  HUB_EMBEDDER_DIMENSIONS: z.coerce.number().int().min(2).max(4096).optional(),
  HUB_EMBEDDER_API_KEY: z.string().trim().min(1).optional(),
  /** Milliseconds an embedding call may take before search answers by keywords alone. */
  HUB_EMBEDDER_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(5000),
  /** Where the default's compact word-vector file is kept; default DATA_DIR/embeddings. */
  HUB_EMBEDDINGS_DIR: z.string().trim().min(1).optional(),
});

export type EmbedderConfig =
  | { kind: 'off' }
  | { kind: 'wink'; dir: string }
  | { kind: 'openai' | 'ollama'; url: string; model: string; dimensions: number; apiKey?: string; timeoutMs: number };

/** Parses the embedder's variables; returns the issues (named by variable) instead of throwing. */
export function embedderConfigFrom(
  env: Record<string, string | undefined>,
  dataDir: string,
): { config?: EmbedderConfig; issues: string[] } {
  const parsed = EmbedderEnv.safeParse(
    Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('HUB_EMBEDD') && v !== undefined && v.trim() !== '')),
  );
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  if (e.HUB_EMBEDDER === 'off') return { config: { kind: 'off' }, issues: [] };
  if (e.HUB_EMBEDDER === 'wink')
    return { config: { kind: 'wink', dir: path.resolve(e.HUB_EMBEDDINGS_DIR ?? path.join(dataDir, 'embeddings')) }, issues: [] };
  const missing = (['HUB_EMBEDDER_URL', 'HUB_EMBEDDER_MODEL', 'HUB_EMBEDDER_DIMENSIONS'] as const).filter((k) => e[k] === undefined);
  if (missing.length) return { issues: missing.map((k) => `${k}: required when HUB_EMBEDDER is ${e.HUB_EMBEDDER}`) };
  return {
    config: {
      kind: e.HUB_EMBEDDER,
      url: (e.HUB_EMBEDDER_URL as string).replace(/\/+$/, ''),
      model: e.HUB_EMBEDDER_MODEL as string,
      dimensions: e.HUB_EMBEDDER_DIMENSIONS as number,
      ...(e.HUB_EMBEDDER_API_KEY ? { apiKey: e.HUB_EMBEDDER_API_KEY } : {}),
      timeoutMs: e.HUB_EMBEDDER_TIMEOUT_MS,
    },
    issues: [],
  };
}
