/**
 * Demo content for the Knowledge Hub: capability and situational knowledge of the fictional
 * vendor Northwind Data, one Markdown file per item under server/demo/content/<contentType>/,
 * with its metadata in front matter (./frontMatter.ts). Dates are stored relative to today
 * (published 30 days ago, expires in 60), so a demo started any day looks like a living library.
 *
 * Each item comes out in the shape of the POST /api/content body plus lifecycle timestamps
 * (publishedAt, verifiedAt) that the seeder applies directly, and is checked against the hub's
 * own import schema when loaded, so a mistake names its file and field instead of failing the seed.
 *
 * externalId ranges: battlecards 0001-, product sheets 0021-, pitch decks 0041-, demo scripts 0061-,
 * pricing guides 0081-, FAQs 0101-, best practices 0121-, case studies 0141-, win/loss analyses 0201-,
 * account insights 0301-, stakeholder maps 0401-, deal stories 0501-, objection handling 0601-.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AUDIENCES, AUTHOR_ROLES, CONTENT_TYPES, ImportLine, KIND_OF_TYPE } from '../content/schema';
import type { FacetFields } from '../content/store';
import { DEMO_COMPETITORS, DEMO_INDUSTRIES, DEMO_PERSONAS, DEMO_PRODUCTS, DEMO_REGIONS, DEMO_SEGMENTS, DEMO_STAGES } from './catalog';
import { parseFrontMatter } from './frontMatter';
import { dealSnapshot, parseWinLossSections, winLossStructure, type DemoOutcome, type WinLossSections } from './winloss';

export type { DemoOutcome } from './winloss';

export type DemoContentType = (typeof CONTENT_TYPES)[number];
export interface DemoAuthor {
  userId: string;
  role: (typeof AUTHOR_ROLES)[number];
  share: number;
}
export interface DemoLink {
  title: string;
  url: string;
}

/** One item in the shape of the hub's POST /api/content body, plus lifecycle timestamps for seeding. */
export interface DemoContentItem extends FacetFields {
  externalId: string;
  kind: 'capability' | 'situational';
  contentType: DemoContentType;
  title: string;
  summary: string;
  body: string;
  links?: DemoLink[];
  products: string[];
  audience: (typeof AUDIENCES)[number];
  authors: DemoAuthor[];
  status: 'published' | 'draft';
  owner?: string;
  verifyEveryDays?: number;
  verifiedAt?: string;
  publishedAt?: string;
  expiresAt?: string;
}

/** Where the files are: next to this module, whether run by tsx from the repository or by jest. */
export const DEMO_CONTENT_DIR = path.join(__dirname, 'content');

const DAY = 86_400_000;

/** ISO timestamp `days` before now, at a working-hours time of day set by `salt`. */
function daysAgo(now: Date, days: number, salt: number): string {
  const t = new Date(now.getTime() - days * DAY);
  t.setUTCHours(8 + (salt % 9), (salt * 7) % 60, 0, 0);
  // Never in the future, whatever the time of day of `now`.
  return new Date(Math.min(t.getTime(), now.getTime())).toISOString();
}

const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
/** A facet: values from the catalog only, each once; absent means none. */
const facet = (values: readonly string[]) =>
  z
    .array(enumOf(values))
    .refine((v) => new Set(v).size === v.length, 'a value appears twice')
    .default([]);
const days = z.number().int().min(0);

/** The front matter of one demo file. */
export const DemoFile = z
  .object({
    id: z.string().regex(/^demo-\d{4}$/, 'expected demo-NNNN'),
    type: z.enum(CONTENT_TYPES),
    title: z.string().min(1),
    summary: z.string().min(1),
    products: facet(DEMO_PRODUCTS.map((p) => p.name)),
    industries: facet(DEMO_INDUSTRIES),
    segments: facet(DEMO_SEGMENTS),
    regions: facet(DEMO_REGIONS),
    competitors: facet(DEMO_COMPETITORS),
    stages: facet(DEMO_STAGES),
    personas: facet(DEMO_PERSONAS),
    audience: z.enum(AUDIENCES).default('internal'),
    status: z.enum(['published', 'draft']).default('published'),
    owner: z.string().optional(),
    authors: z.array(z.object({ userId: z.string(), role: z.enum(AUTHOR_ROLES), share: z.number().positive() }).strict()).min(1),
    links: z
      .array(z.object({ title: z.string(), url: z.string() }).strict())
      .min(1)
      .optional(),
    /** Required when published; drafts have no publication date. */
    publishedDaysAgo: days.optional(),
    /** Last verified that many days ago (never before publication); defaults to the publication day. */
    verifiedDaysAgo: days.optional(),
    verifyEveryDays: z.number().int().positive().optional(),
    /** Negative: already expired. */
    expiresInDays: z.number().int().optional(),
    // Win/loss analyses only (./winloss.ts).
    outcome: z.enum(['won', 'lost', 'no_decision']).optional(),
    opportunity: z.string().optional(),
    deal: z.object({ account: z.string(), amount: z.number().positive(), currency: z.string(), closedDaysAgo: days }).strict().optional(),
    outcomeLine: z.string().optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (f.status === 'published' && f.publishedDaysAgo === undefined) issue('publishedDaysAgo', 'required for a published item');
    if (f.status === 'draft' && f.publishedDaysAgo !== undefined) issue('publishedDaysAgo', 'a draft is not published');
    if (f.verifiedDaysAgo !== undefined) {
      if (f.verifyEveryDays === undefined || f.status === 'draft') {
        issue('verifiedDaysAgo', 'only for a published item with verifyEveryDays');
      } else if (f.publishedDaysAgo !== undefined && f.verifiedDaysAgo > f.publishedDaysAgo) {
        issue('verifiedDaysAgo', 'verified before it was published');
      }
    }
    if (f.type === 'win_loss_analysis') {
      if (!f.outcome) issue('outcome', 'required for a win/loss analysis');
      if (!f.opportunity === !f.deal) issue('opportunity', 'a win/loss analysis names either an opportunity or a deal');
      for (const field of ['industries', 'segments', 'regions'] as const) {
        if (f[field].length !== 1) issue(field, 'a win/loss analysis is about one deal: exactly one value');
      }
    } else {
      for (const field of ['outcome', 'opportunity', 'deal', 'outcomeLine'] as const) {
        if (f[field] !== undefined) issue(field, 'only for a win/loss analysis');
      }
    }
  });
export type DemoFile = z.infer<typeof DemoFile>;

/** One loaded file: its front matter, its body as written, and where it came from. */
export interface DemoSource {
  file: string;
  meta: DemoFile;
  body: string;
  winLoss?: WinLossSections;
}

let cache: DemoSource[] | undefined;

/** Every demo file, read, parsed and checked once per process; sorted by externalId. */
export function demoSources(dir = DEMO_CONTENT_DIR): DemoSource[] {
  if (dir === DEMO_CONTENT_DIR && cache) return cache;
  const problems: string[] = [];
  const sources: DemoSource[] = [];
  for (const type of fs.readdirSync(dir).sort()) {
    for (const name of fs.readdirSync(path.join(dir, type)).sort()) {
      const file = path.join(dir, type, name);
      const where = path.relative(process.cwd(), file);
      if (!name.endsWith('.md')) {
        problems.push(`${where}: not a .md file`);
        continue;
      }
      try {
        const { data, body } = parseFrontMatter(fs.readFileSync(file, 'utf8'));
        const parsed = DemoFile.safeParse(data);
        if (!parsed.success) {
          for (const i of parsed.error.issues) problems.push(`${where}: ${i.path.join('.') || '(front matter)'}: ${i.message}`);
          continue;
        }
        const meta = parsed.data;
        if (meta.type !== type) problems.push(`${where}: type: is ${meta.type} but the file is in ${type}/`);
        const source: DemoSource = { file: where, meta, body };
        if (meta.type === 'win_loss_analysis') source.winLoss = parseWinLossSections(body);
        sources.push(source);
      } catch (err) {
        problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  const seen = new Map<string, string>();
  for (const s of sources) {
    const other = seen.get(s.meta.id);
    if (other) problems.push(`${s.file}: id: ${s.meta.id} is also the id of ${other}`);
    seen.set(s.meta.id, s.file);
  }
  sources.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  // The items must pass the hub's own import schema (what the seed parses them with).
  for (const s of sources) {
    if (problems.length > 0) break;
    const { publishedAt: _p, verifiedAt: _v, ...line } = toItem(s, new Date());
    const r = ImportLine.safeParse(line);
    if (!r.success) for (const i of r.error.issues) problems.push(`${s.file}: ${i.path.join('.')}: ${i.message}`);
  }
  if (problems.length > 0) throw new Error(`demo content in ${dir} is invalid:\n  ${problems.join('\n  ')}`);
  if (dir === DEMO_CONTENT_DIR) cache = sources;
  return sources;
}

function winLossDeal(m: DemoFile) {
  return { ...m, outcome: m.outcome as DemoOutcome };
}

/** The item as the seed imports it, dated relative to `now`. */
function toItem(s: DemoSource, now: Date): DemoContentItem {
  const m = s.meta;
  const salt = Number(m.id.slice(5)) - 1; // spreads the times of day: items do not all publish at 08:00
  const body = m.type === 'win_loss_analysis' ? `${dealSnapshot(now, winLossDeal(m))}\n\n${s.body}` : s.body;
  const item: DemoContentItem = {
    externalId: m.id,
    kind: KIND_OF_TYPE[m.type],
    contentType: m.type,
    title: m.title,
    summary: m.summary,
    body,
    products: [...m.products],
    industries: [...m.industries],
    segments: [...m.segments],
    regions: [...m.regions],
    competitors: [...m.competitors],
    stages: [...m.stages],
    personas: [...m.personas],
    audience: m.audience,
    authors: m.authors.map((a) => ({ ...a })),
    status: m.status,
  };
  if (m.links) item.links = m.links.map((l) => ({ ...l }));
  if (m.owner) item.owner = m.owner;
  if (m.publishedDaysAgo !== undefined && m.status === 'published') item.publishedAt = daysAgo(now, m.publishedDaysAgo, salt);
  if (m.verifyEveryDays !== undefined) {
    item.verifyEveryDays = m.verifyEveryDays;
    if (item.publishedAt && m.publishedDaysAgo !== undefined) {
      // Verified at publication or later, never in the future.
      const verified = daysAgo(now, Math.min(m.verifiedDaysAgo ?? m.publishedDaysAgo, m.publishedDaysAgo), salt + 3);
      item.verifiedAt = verified < item.publishedAt ? item.publishedAt : verified;
    }
  }
  if (m.expiresInDays !== undefined) item.expiresAt = new Date(now.getTime() + m.expiresInDays * DAY).toISOString();
  return item;
}

/** All demo content items, with dates relative to `now`. Deterministic for a given `now`. */
export function demoContent(now: Date): DemoContentItem[] {
  return demoSources().map((s) => toItem(s, now));
}

/** For each win/loss analysis (by externalId): the closed demo opportunity it analyses, if any, and the outcome. */
export function demoWinLossMeta(): Record<string, { opportunityId?: string; outcome: DemoOutcome }> {
  return Object.fromEntries(
    demoSources()
      .filter((s) => s.winLoss)
      .map((s) => {
        const meta: { opportunityId?: string; outcome: DemoOutcome } = { outcome: s.meta.outcome as DemoOutcome };
        if (s.meta.opportunity) meta.opportunityId = s.meta.opportunity;
        return [s.meta.id, meta];
      }),
  );
}

/**
 * The structure behind each demo analysis (by externalId), in the shape of the hub's win/loss
 * schema, so seeded analyses open in the composer like ones written in the product.
 */
export function demoWinLossStructures(now: Date): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    demoSources().flatMap((s) => (s.winLoss ? [[s.meta.id, winLossStructure(now, winLossDeal(s.meta), s.winLoss)]] : [])),
  );
}
