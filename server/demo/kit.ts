/**
 * Shared types and small composition helpers for the demo content modules.
 * Facet fields are typed with the catalog's unions, so a misspelt product or persona
 * fails type checking instead of producing an orphan facet value.
 */
import type {
  DemoCompetitor,
  DemoIndustry,
  DemoPersona,
  DemoProductName,
  DemoRegion,
  DemoSegment,
  DemoStage,
} from './catalog';

export type DemoCapabilityType =
  | 'battlecard'
  | 'product_sheet'
  | 'pitch_deck'
  | 'demo_script'
  | 'pricing_guide'
  | 'faq'
  | 'best_practice'
  | 'case_study';
export type DemoSituationalType = 'win_loss_analysis' | 'account_insight' | 'stakeholder_map' | 'deal_story' | 'objection_handling';
export type DemoContentType = DemoCapabilityType | DemoSituationalType;

export const DEMO_CAPABILITY_TYPES: DemoCapabilityType[] = [
  'battlecard',
  'product_sheet',
  'pitch_deck',
  'demo_script',
  'pricing_guide',
  'faq',
  'best_practice',
  'case_study',
];
export const DEMO_SITUATIONAL_TYPES: DemoSituationalType[] = [
  'win_loss_analysis',
  'account_insight',
  'stakeholder_map',
  'deal_story',
  'objection_handling',
];

export type DemoAuthorRole = 'author' | 'co_author' | 'contributor' | 'editor';
export interface DemoAuthor {
  userId: string;
  role: DemoAuthorRole;
  share: number;
}
export interface DemoLink {
  title: string;
  url: string;
}

/** One item in the shape of the hub's POST /api/content body, plus lifecycle timestamps for seeding. */
export interface DemoContentItem {
  externalId: string;
  kind: 'capability' | 'situational';
  contentType: DemoContentType;
  title: string;
  summary: string;
  body: string;
  links?: DemoLink[];
  products: string[];
  industries: string[];
  segments: string[];
  regions: string[];
  competitors: string[];
  stages: string[];
  personas: string[];
  audience: 'internal' | 'client_facing' | 'partner';
  authors: DemoAuthor[];
  status: 'published' | 'draft';
  owner?: string;
  verifyEveryDays?: number;
  verifiedAt?: string;
  publishedAt?: string;
  expiresAt?: string;
}

export interface DemoFacets {
  products?: DemoProductName[];
  industries?: DemoIndustry[];
  segments?: DemoSegment[];
  regions?: DemoRegion[];
  competitors?: DemoCompetitor[];
  stages?: DemoStage[];
  personas?: DemoPersona[];
}

/**
 * Lifecycle relative to now, in days. pub: published that many days ago (ignored for drafts);
 * ver: verified that many days ago (never before publication); exp: expires in that many days
 * (negative: already expired); every: verification interval.
 */
export interface DemoTiming {
  pub: number;
  ver?: number;
  every?: number;
  exp?: number;
  draft?: boolean;
}

export interface DemoItemSpec {
  title: string;
  summary: string;
  body: string;
  facets: DemoFacets;
  authors: DemoAuthor[];
  timing: DemoTiming;
  audience?: DemoContentItem['audience'];
  links?: DemoLink[];
  owner?: string;
}

// ---------------------------------------------------------------------------------------------
// People shortcuts (ids from catalog.ts; the demo-data test checks that each one exists)
// ---------------------------------------------------------------------------------------------

export const U = {
  // leaders
  katrin: 'u-katrin-vogel',
  daniel: 'u-daniel-brooks',
  jasmine: 'u-jasmine-taylor',
  kenji: 'u-kenji-watanabe',
  // authors: sales engineers and product marketing
  marc: 'u-marc-dubois',
  hannah: 'u-hannah-whitfield',
  omar: 'u-omar-haddad',
  grace: 'u-grace-kim',
  olivia: 'u-olivia-harper',
  ravi: 'u-ravi-shankar',
  // admins
  ines: 'u-ines-carvalho',
  sam: 'u-sam-patel',
  // reps
  anna: 'u-anna-schmidt',
  luca: 'u-luca-bianchi',
  amara: 'u-amara-okafor',
  pieter: 'u-pieter-de-vries',
  sofia: 'u-sofia-lindqvist',
  priya: 'u-priya-raman',
  marcus: 'u-marcus-johnson',
  emily: 'u-emily-chen',
  carlos: 'u-carlos-mendoza',
  rachel: 'u-rachel-goldberg',
  tyler: 'u-tyler-nguyen',
  brianna: 'u-brianna-walsh',
  kevin: 'u-kevin-obrien',
  aisha: 'u-aisha-bello',
  meilin: 'u-mei-lin-tan',
  arjun: 'u-arjun-mehta',
  chloe: 'u-chloe-martin',
  hyunwoo: 'u-hyun-woo-park',
} as const;

/** Sole author. */
export function solo(userId: string): DemoAuthor[] {
  return [{ userId, role: 'author', share: 1 }];
}
/** Author and co-author; the lead gets `lead` (0.5, 0.6 or 0.7). */
export function pair(lead: string, co: string, leadShare: 0.5 | 0.6 | 0.7 = 0.5): DemoAuthor[] {
  return [
    { userId: lead, role: 'author', share: leadShare },
    { userId: co, role: 'co_author', share: Math.round((1 - leadShare) * 10) / 10 },
  ];
}
/** Two authors at 0.4 and a contributor at 0.2. */
export function trio(a: string, b: string, contributor: string): DemoAuthor[] {
  return [
    { userId: a, role: 'author', share: 0.4 },
    { userId: b, role: 'co_author', share: 0.4 },
    { userId: contributor, role: 'contributor', share: 0.2 },
  ];
}
/** Author with an editor who tightened the text (0.8 / 0.2). */
export function edited(author: string, editor: string): DemoAuthor[] {
  return [
    { userId: author, role: 'author', share: 0.8 },
    { userId: editor, role: 'editor', share: 0.2 },
  ];
}
/** Author, co-author and a contributor at 0.5 / 0.3 / 0.2. */
export function team3(a: string, b: string, contributor: string): DemoAuthor[] {
  return [
    { userId: a, role: 'author', share: 0.5 },
    { userId: b, role: 'co_author', share: 0.3 },
    { userId: contributor, role: 'contributor', share: 0.2 },
  ];
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers
// ---------------------------------------------------------------------------------------------

export function md(...blocks: (string | false | null | undefined)[]): string {
  return blocks.filter((b): b is string => typeof b === 'string' && b.trim().length > 0).join('\n\n');
}
export const h2 = (t: string): string => `## ${t}`;
export const h3 = (t: string): string => `### ${t}`;
export const ul = (items: string[]): string => items.map((i) => `- ${i}`).join('\n');
export const ol = (items: string[]): string => items.map((i, n) => `${n + 1}. ${i}`).join('\n');
export function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Links on fictional intranet hosts
// ---------------------------------------------------------------------------------------------

const HUB = 'https://hub.northwind-data.example';
const DOCS = 'https://docs.northwind-data.example';
const TRUST = 'https://trust.northwind-data.example';
export const link = {
  hub: (path: string, title: string): DemoLink => ({ title, url: `${HUB}/${path}` }),
  docs: (path: string, title: string): DemoLink => ({ title, url: `${DOCS}/${path}` }),
  trust: (path: string, title: string): DemoLink => ({ title, url: `${TRUST}/${path}` }),
  crm: (oppId: string): DemoLink => ({ title: `CRM record ${oppId}`, url: `https://crm.northwind-data.example/opportunities/${oppId}` }),
  recording: (id: string, title: string): DemoLink => ({ title, url: `https://media.northwind-data.example/recordings/${id}` }),
};

// ---------------------------------------------------------------------------------------------
// Building items
// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000;

/** ISO timestamp `days` before now, at a stable working-hours time of day. */
export function daysAgo(now: Date, days: number, salt = 0): string {
  const t = new Date(now.getTime() - days * DAY);
  t.setUTCHours(8 + (salt % 9), (salt * 7) % 60, 0, 0);
  // Never in the future, whatever the time of day of `now`.
  return new Date(Math.min(t.getTime(), now.getTime())).toISOString();
}

export function kindOf(type: DemoContentType): 'capability' | 'situational' {
  return (DEMO_CAPABILITY_TYPES as string[]).includes(type) ? 'capability' : 'situational';
}

export function buildItem(now: Date, externalId: string, contentType: DemoContentType, spec: DemoItemSpec, salt: number): DemoContentItem {
  const f = spec.facets;
  const t = spec.timing;
  const item: DemoContentItem = {
    externalId,
    kind: kindOf(contentType),
    contentType,
    title: spec.title,
    summary: spec.summary,
    body: spec.body,
    products: [...(f.products ?? [])],
    industries: [...(f.industries ?? [])],
    segments: [...(f.segments ?? [])],
    regions: [...(f.regions ?? [])],
    competitors: [...(f.competitors ?? [])],
    stages: [...(f.stages ?? [])],
    personas: [...(f.personas ?? [])],
    audience: spec.audience ?? 'internal',
    authors: spec.authors.map((a) => ({ ...a })),
    status: t.draft ? 'draft' : 'published',
  };
  if (spec.links && spec.links.length > 0) item.links = spec.links.map((l) => ({ ...l }));
  if (spec.owner) item.owner = spec.owner;
  if (!t.draft) item.publishedAt = daysAgo(now, t.pub, salt);
  if (t.every !== undefined) {
    item.verifyEveryDays = t.every;
    if (item.publishedAt) {
      // Verified at publication or later, never in the future.
      const verified = daysAgo(now, Math.min(t.ver ?? t.pub, t.pub), salt + 3);
      item.verifiedAt = verified < item.publishedAt ? item.publishedAt : verified;
    }
  }
  if (t.exp !== undefined) item.expiresAt = new Date(now.getTime() + t.exp * DAY).toISOString();
  return item;
}

/** Builds a list of specs of one type with externalIds demo-NNNN starting after `base`. */
export function buildAll(now: Date, contentType: DemoContentType, base: number, specs: DemoItemSpec[]): DemoContentItem[] {
  return specs.map((s, i) => buildItem(now, `demo-${String(base + i + 1).padStart(4, '0')}`, contentType, s, base + i));
}

/** "EUR 1.15M", "USD 65k". */
export function money(amount: number, currency: string): string {
  if (amount >= 1_000_000) return `${currency} ${Number((amount / 1_000_000).toFixed(2))}M`;
  return `${currency} ${Math.round(amount / 1000)}k`;
}

/** "March 2025" for a date `days` before now. */
export function monthLabel(now: Date, days: number): string {
  const d = new Date(now.getTime() - days * DAY);
  return d.toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
