/**
 * Front matter for the demo content files: a small, strict subset of YAML, so the files read as
 * ordinary Markdown with YAML front matter in any editor, without a YAML dependency.
 *
 *   ---
 *   key: plain text            a string (numbers and true/false become numbers and booleans)
 *   key: "JSON string"         quoted when the text holds a colon, #, comma or brackets
 *   key: [one, "two, three"]   a list of scalars
 *   key: { a: 1, b: text }     a map of scalars
 *   key:                       a list, one item per line: scalars or maps
 *     - { a: 1, b: text }
 *   ---
 *   Markdown body
 *
 * Anything outside the subset (nesting, multi-line strings, anchors, null) is an error with its
 * line number rather than a guess, so a file never means something other than it appears to.
 */

export type FrontMatterScalar = string | number | boolean;
export type FrontMatterMap = { [key: string]: FrontMatterScalar };
export type FrontMatterValue = FrontMatterScalar | FrontMatterMap | (FrontMatterScalar | FrontMatterMap)[];
export type FrontMatter = { [key: string]: FrontMatterValue };

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
/** Plain words YAML would read as something else (null, or a YAML 1.1 boolean). */
const AMBIGUOUS = /^(null|~|yes|no|on|off|y|n)$/i;

/** Splits a file into its front matter and its body (the text after the closing `---` line, blank lines before it dropped). */
export function parseFrontMatter(text: string): { data: FrontMatter; body: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0] !== '---') throw new FrontMatterError('the file must start with a `---` line', 1);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new FrontMatterError('the front matter has no closing `---` line', 1);
  const data: FrontMatter = {};
  /** Block lists being read (`key:` then `  - item` lines), with the line of their key. */
  const blockLists = new Map<string, number>();
  let list: (FrontMatterScalar | FrontMatterMap)[] | null = null;
  for (let i = 1; i < end; i++) {
    const line = lines[i] as string;
    const n = i + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s+- (.*)$/.exec(line);
    if (item) {
      if (list === null) throw new FrontMatterError('a list item must follow a `key:` line', n);
      const value = parseValue(item[1] as string, n);
      if (Array.isArray(value)) throw new FrontMatterError('a list item cannot itself be a list', n);
      list.push(value);
      continue;
    }
    const m = /^([^\s:]+):(?: (.*))?$/.exec(line);
    if (!m) throw new FrontMatterError(`expected \`key: value\`, got "${line}"`, n);
    const key = m[1] as string;
    if (!KEY.test(key)) throw new FrontMatterError(`"${key}" is not a key (letters, digits and _)`, n);
    if (Object.hasOwn(data, key)) throw new FrontMatterError(`"${key}" appears twice`, n);
    const raw = (m[2] ?? '').trim();
    if (raw === '') {
      list = [];
      data[key] = list;
      blockLists.set(key, n);
    } else {
      list = null;
      data[key] = parseValue(raw, n);
    }
  }
  for (const [key, n] of blockLists) {
    if ((data[key] as unknown[]).length === 0) throw new FrontMatterError(`"${key}" has no value (write [] for an empty list)`, n);
  }
  const body = lines
    .slice(end + 1)
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
  return { data, body };
}

/** The rest of a `key:` or `- ` line: a flow list, a flow map, a quoted string or a plain scalar. */
function parseValue(raw: string, line: number): FrontMatterScalar | FrontMatterMap | FrontMatterScalar[] {
  const r = new Reader(raw, line);
  const first = r.peek();
  if (first !== '[' && first !== '{' && first !== '"') return scalar(raw.trim(), line);
  const value = first === '[' ? r.list() : first === '{' ? r.map() : r.quoted();
  r.skipSpace();
  if (!r.done()) r.fail(`unexpected text after the value at column ${r.pos + 1}`);
  return value;
}

function scalar(text: string, line: number): FrontMatterScalar {
  if (text === '') throw new FrontMatterError('empty value', line);
  if (NUMBER.test(text)) return Number(text);
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) throw new FrontMatterError(`quote "${text}": it starts with a YAML indicator`, line);
  if (/: |\s#|:$/.test(text)) throw new FrontMatterError(`quote "${text}": a colon or # in plain text means something else in YAML`, line);
  if (AMBIGUOUS.test(text)) throw new FrontMatterError(`quote "${text}": YAML would not read it as text`, line);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

class Reader {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly line: number,
  ) {}
  peek(): string | undefined {
    this.skipSpace();
    return this.s[this.pos];
  }
  done(): boolean {
    return this.pos >= this.s.length;
  }
  skipSpace(): void {
    while (this.s[this.pos] === ' ') this.pos++;
  }
  fail(what: string): never {
    throw new FrontMatterError(`${what} in "${this.s}"`, this.line);
  }
  expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected "${c}" at column ${this.pos + 1}`);
    this.pos++;
  }
  quoted(): string {
    const start = this.pos;
    this.expect('"');
    for (let i = this.pos; i < this.s.length; i++) {
      if (this.s[i] === '\\') i++;
      else if (this.s[i] === '"') {
        this.pos = i + 1;
        try {
          return JSON.parse(this.s.slice(start, i + 1)) as string;
        } catch {
          this.fail('a bad escape in a quoted string');
        }
      }
    }
    return this.fail('an unterminated quoted string');
  }
  /** A scalar inside [ ] or { }: quoted, or plain up to the next , ] or }. */
  flowScalar(): FrontMatterScalar {
    if (this.peek() === '"') return this.quoted();
    const start = this.pos;
    while (this.pos < this.s.length && !',]}'.includes(this.s[this.pos] as string)) this.pos++;
    const text = this.s.slice(start, this.pos).trim();
    if (text.startsWith('[') || text.startsWith('{')) this.fail('nested lists and maps are not supported');
    return scalar(text, this.line);
  }
  list(): FrontMatterScalar[] {
    this.expect('[');
    const out: FrontMatterScalar[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.flowScalar());
      const c = this.peek();
      this.pos++;
      if (c === ']') return out;
      if (c !== ',') this.fail('expected "," or "]"');
    }
  }
  map(): FrontMatterMap {
    this.expect('{');
    const out: FrontMatterMap = {};
    if (this.peek() === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const m = /^([A-Za-z][A-Za-z0-9_]*): /.exec(this.s.slice(this.pos));
      if (!m) this.fail(`expected "key: " at column ${this.pos + 1}`);
      const key = m[1] as string;
      if (Object.hasOwn(out, key)) this.fail(`"${key}" appears twice`);
      this.pos += m[0].length;
      out[key] = this.flowScalar();
      const c = this.peek();
      this.pos++;
      if (c === '}') return out;
      if (c !== ',') this.fail('expected "," or "}"');
    }
  }
}

/** Writes a value so that parseFrontMatter reads it back unchanged: plain when that is safe, JSON-quoted otherwise. */
function writeScalar(v: FrontMatterScalar): string {
  if (typeof v !== 'string') return String(v);
  const plain = /^[A-Za-z][^:#,[\]{}"\n\\]*$/.test(v) && v === v.trim() && !AMBIGUOUS.test(v) && v !== 'true' && v !== 'false';
  return plain ? v : JSON.stringify(v);
}

function writeMap(m: FrontMatterMap): string {
  return `{ ${Object.entries(m)
    .map(([k, v]) => `${k}: ${writeScalar(v)}`)
    .join(', ')} }`;
}

/** The file text for front matter and a body; lists of maps go one item per line. */
export function stringifyFrontMatter(data: FrontMatter, body: string): string {
  const out = ['---'];
  for (const [key, value] of Object.entries(data)) {
    if (!KEY.test(key)) throw new Error(`"${key}" is not a front matter key`);
    if (Array.isArray(value) && value.some((v) => typeof v === 'object')) {
      out.push(`${key}:`, ...value.map((v) => `  - ${typeof v === 'object' ? writeMap(v) : writeScalar(v)}`));
    } else if (Array.isArray(value)) {
      out.push(`${key}: [${value.map((v) => writeScalar(v as FrontMatterScalar)).join(', ')}]`);
    } else if (typeof value === 'object') {
      out.push(`${key}: ${writeMap(value)}`);
    } else {
      out.push(`${key}: ${writeScalar(value)}`);
    }
  }
  out.push('---', '', body, '');
  return out.join('\n');
}
