import crypto from 'node:crypto';
import fs from 'node:fs';
import { request } from 'undici';
import { z } from 'zod';
import type { EmbedderConfig } from './config';
import { createSif, tokenize } from './sif';
import { loadWordVectors, wordVectorFile } from './wordVectors';

/** The Meilisearch embedder the hub's vectors are stored under (`_vectors.hub`). */
export const EMBEDDER_NAME = 'hub';

export interface Embedder {
  /** Changes whenever the model does: part of each document's hash, so a reindex re-embeds. */
  readonly id: string;
  readonly dimensions: number;
  /** One unit vector per text. Throws EmbedderUnavailableError when the model cannot answer. */
  embed(texts: string[]): Promise<number[][]>;
  /** How many of the text's words the model knows, when it can tell (a word-vector model can). */
  knownWords?(text: string): number;
}

export class EmbedderUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbedderUnavailableError';
  }
}

/** SIF's smoothing weight (measured on test/relevance: 3e-4 ranked better than 1e-3 and 1e-4). */
const SIF_A = 3e-4;

/** The offline default: SIF sentence vectors over the packaged word vectors. */
export function createWinkEmbedder(dir: string, progress?: (m: string) => void): Embedder {
  const vectors = loadWordVectors(dir, progress);
  const file = `${wordVectorFile(dir)}.component-${SIF_A}.json`;
  const sif = createSif(vectors, {
    a: SIF_A,
    componentCache: {
      read: () => {
        try {
          return JSON.parse(fs.readFileSync(file, 'utf8')) as number[];
        } catch {
          return null;
        }
      },
      // Best effort: a read-only folder only costs the computation at the next start.
      write: (c) => {
        try {
          fs.writeFileSync(file, JSON.stringify(c));
        } catch {
          /* recomputed next time */
        }
      },
    },
  });
  return {
    id: `sif(a=${SIF_A}):${vectors.source}`,
    dimensions: sif.dimensions,
    embed: async (texts) => texts.map(sif.embed),
    knownWords: (text) => tokenize(text).filter((w) => vectors.index.has(w)).length,
  };
}

const OpenAiAnswer = z.object({ data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int().optional() })) });
const OllamaAnswer = z.object({ embeddings: z.array(z.array(z.number())) });

/** An OpenAI-compatible (`POST {url}/embeddings`) or Ollama (`POST {url}/api/embed`) endpoint. */
export function createRestEmbedder(config: Extract<EmbedderConfig, { kind: 'openai' | 'ollama' }>): Embedder {
  const path = config.kind === 'openai' ? '/embeddings' : '/api/embed';
  return {
    id: `${config.kind}:${config.url}:${config.model}:${config.dimensions}`,
    dimensions: config.dimensions,
    async embed(texts) {
      if (texts.length === 0) return [];
      const body =
        config.kind === 'openai'
          ? { model: config.model, input: texts, dimensions: config.dimensions }
          : { model: config.model, input: texts };
      let answer: unknown;
      try {
        const res = await request(`${config.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
          body: JSON.stringify(body),
          headersTimeout: config.timeoutMs,
          bodyTimeout: config.timeoutMs,
        });
        const text = await res.body.text();
        if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}: ${text.slice(0, 200)}`);
        answer = JSON.parse(text);
      } catch (cause) {
        throw new EmbedderUnavailableError(`The embedding endpoint ${config.url} failed: ${(cause as Error).message}`, { cause });
      }
      const vectors =
        config.kind === 'openai'
          ? OpenAiAnswer.parse(answer)
              .data.sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
              .map((d) => d.embedding)
          : OllamaAnswer.parse(answer).embeddings;
      if (vectors.length !== texts.length || vectors.some((v) => v.length !== config.dimensions)) {
        throw new EmbedderUnavailableError(
          `The embedding endpoint ${config.url} answered ${vectors.length} vectors of ${vectors[0]?.length ?? 0} dimensions; expected ${texts.length} of ${config.dimensions}`,
        );
      }
      return vectors.map(unit);
    },
  };
}

export function createEmbedder(config: EmbedderConfig, progress?: (m: string) => void): Embedder | null {
  if (config.kind === 'off') return null;
  if (config.kind === 'wink') return createWinkEmbedder(config.dir, progress);
  return createRestEmbedder(config);
}

function unit(v: number[]): number[] {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return n > 0 ? v.map((x) => x / n) : v;
}

/** True when a vector carries no meaning (no known word): Meilisearch cannot rank by it. */
export const isZero = (v: number[]) => v.every((x) => x === 0);

/** Sentences of a text, for "the sentence that matched best". Markdown list items and lines count as sentences too. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^[#>*\-\s\d.]+/, '').trim())
    .filter((s) => tokenize(s).length >= 4);
}

/** Short stable digest (document hashes mix the embedder's identity in). */
export const digest = (...parts: string[]) => crypto.createHash('sha1').update(parts.join('\u0000')).digest('hex');
