/**
 * Win/loss analyses among the demo files. Each file is Markdown with fixed sections under one of
 * three heading styles (so the documents read like they came from different authors); the hub's
 * win/loss structure is read back from those sections, so a seeded analysis opens in the composer
 * like one written in the product. The "Deal snapshot" section is not in the file: it names the
 * month the deal closed, which is relative to today, so it is rendered from the front matter.
 */
import { demoOpportunitySeed } from './catalog';

export type DemoOutcome = 'won' | 'lost' | 'no_decision';

/** What a win/loss file says about its deal, beyond the facets. */
export interface WinLossDeal {
  outcome: DemoOutcome;
  /** A closed demo opportunity; its account, amount and close date come from catalog.ts. */
  opportunity?: string;
  /** A deal that is not one of the demo opportunities (closed more than 90 days ago). */
  deal?: { account: string; amount: number; currency: string; closedDaysAgo: number };
  /** Overrides the generated outcome line of the snapshot. */
  outcomeLine?: string;
  products: string[];
  industries: string[];
  segments: string[];
  regions: string[];
  competitors: string[];
}

interface ResolvedDeal {
  oppId?: string;
  account: string;
  amount: number;
  currency: string;
  closedDaysAgo: number;
}

type Section = 'reasons' | 'competition' | 'situation' | 'stakeholders' | 'process' | 'worked' | 'avoid' | 'lessons';

/** Every heading the three styles use, by the section it names. */
const HEADINGS: Record<string, Section> = {
  'Why we won': 'reasons',
  'Why we lost': 'reasons',
  'Why it stalled': 'reasons',
  'Primary reasons': 'reasons',
  'What stopped the deal': 'reasons',
  'Decision drivers': 'reasons',
  'Competitor analysis': 'competition',
  'How the competition played it': 'competition',
  Competition: 'competition',
  'Customer situation': 'situation',
  "The customer's challenge": 'situation',
  Situation: 'situation',
  Stakeholders: 'stakeholders',
  'Buying committee': 'stakeholders',
  'Who mattered': 'stakeholders',
  'Decision process': 'process',
  'How they decided': 'process',
  'Timeline and committee': 'process',
  'What worked': 'worked',
  'Do again': 'worked',
  'What helped': 'worked',
  'What to avoid': 'avoid',
  'Do differently': 'avoid',
  'What hurt': 'avoid',
  'Lessons for similar deals': 'lessons',
  Takeaways: 'lessons',
  'If you meet this situation again': 'lessons',
};
const LISTS: Section[] = ['reasons', 'stakeholders', 'worked', 'avoid', 'lessons'];

/** A stakeholder line: `**persona** (contact role, stance): what they cared about`. */
const STAKEHOLDER = /^\*\*(.+?)\*\* \(([^,]+), (.+?)\): (.+)$/;

export interface WinLossSections {
  reasons: string[];
  competition: string;
  situation: string;
  stakeholders: { persona: string; role: string; stance: string; cares: string }[];
  process: string;
  worked: string[];
  avoid: string[];
  lessons: string[];
}

/** Reads the sections of a win/loss body; throws naming the heading or line that does not fit. */
export function parseWinLossSections(body: string): WinLossSections {
  const parts = body.split(/^## (.+)$/m);
  if ((parts[0] ?? '').trim() !== '') throw new Error('text before the first "## " heading');
  const found = new Map<Section, string>();
  for (let i = 1; i < parts.length; i += 2) {
    const heading = parts[i] as string;
    const section = HEADINGS[heading];
    if (!section) throw new Error(`unknown heading "## ${heading}" (expected one of: ${Object.keys(HEADINGS).join(', ')})`);
    if (found.has(section)) throw new Error(`two headings for the ${section} section`);
    found.set(section, (parts[i + 1] ?? '').trim());
  }
  const text = (s: Section): string => {
    const t = found.get(s);
    if (t === undefined) throw new Error(`no heading for the ${s} section`);
    return t;
  };
  const list = (s: Section): string[] =>
    text(s)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const m = /^(?:- |\d+\. )(.*)$/.exec(l);
        if (!m) throw new Error(`the ${s} section has a line that is not a list item: "${l}"`);
        return m[1] as string;
      });
  for (const s of LISTS) list(s);
  return {
    reasons: list('reasons'),
    competition: text('competition'),
    situation: text('situation'),
    stakeholders: list('stakeholders').map((l) => {
      const m = STAKEHOLDER.exec(l);
      if (!m) throw new Error(`stakeholder line "${l}" is not "**persona** (role, stance): what they cared about"`);
      return { persona: m[1] as string, role: m[2] as string, stance: m[3] as string, cares: m[4] as string };
    }),
    process: text('process'),
    worked: list('worked'),
    avoid: list('avoid'),
    lessons: list('lessons'),
  };
}

function resolveDeal(w: WinLossDeal): ResolvedDeal {
  if (w.opportunity) {
    const s = demoOpportunitySeed(w.opportunity);
    return { oppId: s.id, account: s.accountName, amount: s.amount, currency: s.currency, closedDaysAgo: -s.closeIn };
  }
  if (!w.deal) throw new Error('a win/loss analysis needs an opportunity or a deal');
  return w.deal;
}

const DAY = 86_400_000;

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "EUR 1.15M", "USD 65k". */
function money(amount: number, currency: string): string {
  if (amount >= 1_000_000) return `${currency} ${Number((amount / 1_000_000).toFixed(2))}M`;
  return `${currency} ${Math.round(amount / 1000)}k`;
}

/** "March 2025" for a date `days` before now. */
function monthLabel(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function outcomeLine(w: WinLossDeal): string {
  if (w.outcomeLine) return w.outcomeLine;
  if (w.outcome === 'won') return w.competitors.length ? `Won against ${list(w.competitors)}` : 'Won';
  if (w.outcome === 'lost') return w.competitors.length ? `Lost to ${w.competitors[0]}` : 'Lost';
  return 'No decision';
}

/** The "Deal snapshot" section that opens every analysis. */
export function dealSnapshot(now: Date, w: WinLossDeal): string {
  const deal = resolveDeal(w);
  const lines = [
    `**Account:** ${deal.account} (${w.industries[0]}, ${w.segments[0]}, ${w.regions[0]})`,
    `**Deal:** ${money(deal.amount, deal.currency)}; ${list(w.products)}; closed ${monthLabel(now, deal.closedDaysAgo)}`,
    `**Outcome:** ${outcomeLine(w)}`,
  ];
  return `## Deal snapshot\n\n${lines.map((l) => `- ${l}`).join('\n')}`;
}

const REASON_CODE_RULES: [RegExp, string][] = [
  [/bundl|free|marketplace commitment|credit/i, 'Competitor bundling'],
  [/tco|price|pric|cost|discount|licen|cheaper|expensive/i, 'Price'],
  [/secur|complian|gdpr|hipaa|bafin|residen|key custody|audit/i, 'Security and compliance'],
  [/weeks|days|fast|time to|quick/i, 'Time to value'],
  [/champion|sponsor|relationship|never met|cfo/i, 'Relationship'],
  [/incumbent|renewal|existing/i, 'Incumbent advantage'],
  [/procure|rfp|tender|framework/i, 'Procurement process'],
  [/budget|freeze/i, 'Budget lost'],
  [/migration|risk|implementation/i, 'Implementation risk'],
];

function stanceOf(text: string): 'champion' | 'supporter' | 'neutral' | 'blocker' {
  if (/champion/i.test(text)) return 'champion';
  if (/then supportive|supportive|support/i.test(text)) return 'supporter';
  if (/block|oppos|against|hostile|sceptical|skeptical/i.test(text)) return 'blocker';
  return 'neutral';
}

/** The analysis in the shape of the hub's win/loss schema (server/winloss/schema.ts). */
export function winLossStructure(now: Date, w: WinLossDeal, s: WinLossSections): Record<string, unknown> {
  const deal = resolveDeal(w);
  const closeDate = new Date(now.getTime() - deal.closedDaysAgo * DAY).toISOString().slice(0, 10);
  const band =
    deal.amount < 50_000 ? 'under 50k' : deal.amount < 250_000 ? '50k–250k' : deal.amount < 1_000_000 ? '250k–1M' : '1M and above';
  return {
    opportunityId: deal.oppId ?? null,
    snapshot: {
      accountName: deal.account,
      industry: w.industries[0],
      segment: w.segments[0],
      region: w.regions[0],
      amountBand: band,
      products: w.products,
      competitors: w.competitors,
      closeDate,
    },
    outcome: w.outcome,
    reasons: s.reasons.slice(0, 5).map((text) => ({ code: REASON_CODE_RULES.find(([re]) => re.test(text))?.[1] ?? 'Product fit', text })),
    competitorAnalysis: { ...(w.outcome === 'lost' && w.competitors[0] ? { winner: w.competitors[0] } : {}), why: s.competition },
    situation: s.situation,
    challenges: '',
    stakeholders: s.stakeholders.map(({ persona, role, stance, cares }) => ({
      role,
      title: persona,
      influence: role === 'Economic Buyer' || role === 'Decision Maker' ? 'high' : role === 'Technical Evaluator' ? 'medium' : 'low',
      stance: stanceOf(stance),
      priorities: cares,
    })),
    decisionCriteria: [],
    decisionProcess: { timeline: s.process, committee: s.stakeholders.map((x) => x.persona).join(', ') },
    whatWorked: s.worked,
    whatToAvoid: s.avoid,
    lessons: s.lessons,
    assetsThatHelped: [],
  };
}
