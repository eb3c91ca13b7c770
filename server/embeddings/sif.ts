import type { WordVectors } from './wordVectors';

/**
 * Sentence vectors from word vectors: the frequency-weighted average with the common component
 * removed ("SIF", Arora, Liang & Ma, 2017), a strong baseline for sentence similarity. Frequent
 * words ("the", "was") weigh little, so a sentence's vector is made of its content words, and
 * the direction every average shares (what makes any two sentences look alike) is projected out.
 */
export interface SifOptions {
  /** The smoothing weight `a` in a / (a + p(word)); smaller means frequent words weigh less. */
  a?: number;
  /** Keeps the common component between starts (computing it takes ~0.5 s). */
  componentCache?: { read(): number[] | null; write(component: number[]): void };
}

/** Words fed to the common-component estimate: the frequent part of the vocabulary. */
const COMPONENT_WORDS = 30_000;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

export function createSif(vectors: WordVectors, options: SifOptions = {}) {
  const a = options.a ?? 1e-3;
  const dims = vectors.dimensions;
  // The package orders words by frequency but gives no counts: Zipf's law stands in for them.
  const harmonic = Math.log(vectors.count) + 0.5772;
  const weightOf = (rank: number) => a / (a + 1 / ((rank + 1) * harmonic));

  function addWord(out: Float64Array, rank: number, weight: number): void {
    const s = vectors.scale[rank] as number;
    const off = rank * dims;
    for (let i = 0; i < dims; i++) out[i] = (out[i] as number) + weight * s * (vectors.values[off + i] as number);
  }

  /** The common component: the dominant direction of frequency-weighted word vectors (power iteration). */
  const component = (() => {
    const cached = options.componentCache?.read();
    if (cached?.length === dims) return Float64Array.from(cached);
    const n = Math.min(COMPONENT_WORDS, vectors.count);
    const v = new Float64Array(dims);
    let u: Float64Array = new Float64Array(dims).fill(1 / Math.sqrt(dims));
    for (let iter = 0; iter < 12; iter++) {
      const next = new Float64Array(dims);
      for (let r = 0; r < n; r++) {
        v.fill(0);
        // Each word counts as often as it occurs (p), as it would in the averages of a corpus.
        addWord(v, r, weightOf(r) * Math.sqrt(1 / ((r + 1) * harmonic)));
        let d = 0;
        for (let i = 0; i < dims; i++) d += (v[i] as number) * (u[i] as number);
        for (let i = 0; i < dims; i++) next[i] = (next[i] as number) + d * (v[i] as number);
      }
      u = normalize(next);
    }
    options.componentCache?.write(Array.from(u));
    return u;
  })();

  /** A unit vector for the text, or zeros when none of its words is known. */
  function embed(text: string): number[] {
    const out = new Float64Array(dims);
    let count = 0;
    for (const token of tokenize(text)) {
      const rank = vectors.index.get(token);
      if (rank === undefined) continue;
      addWord(out, rank, weightOf(rank));
      count++;
    }
    if (count === 0) return new Array<number>(dims).fill(0);
    let d = 0;
    for (let i = 0; i < dims; i++) d += (out[i] as number) * (component[i] as number);
    for (let i = 0; i < dims; i++) out[i] = (out[i] as number) - d * (component[i] as number);
    return Array.from(normalize(out), (x) => Math.round(x * 1e6) / 1e6);
  }

  return { dimensions: dims, embed };
}

function normalize(v: Float64Array): Float64Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
  return v;
}

export function cosine(a: number[], b: number[]): number {
  let d = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number,
      y = b[i] as number;
    d += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? d / Math.sqrt(na * nb) : 0;
}
