import type { ContentSearchDocument } from '../content/searchDocument';
import type { Opportunity } from '../opportunities/schema';

/** Weights of each kind of match; the reasons a user sees are the same matches in words. */
export const MATCH_WEIGHTS = {
  capability: { product: 3, family: 1.5, stage: 1, persona: 1, mention: 0.8 },
  situational: { competitor: 3, industry: 2, product: 1.5, segment: 1, mention: 0.8 },
} as const;

/** The fields a hit is scored on, besides its text. */
export const MATCHED_FIELDS = [
  'kind',
  'products',
  'productFamilies',
  'industries',
  'segments',
  'competitors',
  'stages',
  'personas',
] as const satisfies readonly (keyof ContentSearchDocument)[];

export type MatchDoc = Pick<ContentSearchDocument, (typeof MATCHED_FIELDS)[number] | 'title' | 'summary'>;

/** A value of the deal, as written (for the reason) and lowercased (for the comparison). */
interface Term {
  name: string;
  lower: string;
}
const term = (name: string): Term => ({ name, lower: name.toLowerCase() });
const unique = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/** Whether a facet list holds the value, ignoring case (lists are a few values: no set is built). */
function holds(values: string[], t: Term): boolean {
  for (const v of values) if (v === t.name || v.toLowerCase() === t.lower) return true;
  return false;
}

/**
 * Explains in words why an item fits the deal; the score is the sum of the matched weights.
 * The deal's side is prepared once (a panel scores ~300 candidates against the same deal), and
 * `lowerBody` is the item's body lowercased, or '' to look at title and summary only.
 */
export function dealMatcher(opp: Opportunity) {
  const products = opp.products.map((p) => term(p.name));
  const families = unique(opp.products.map((p) => p.family)).map(term);
  const personas = unique(opp.contactRoles.map((c) => c.title)).map(term);
  const competitors = opp.competitors.map(term);
  const stage = term(opp.stage);
  const industry = opp.industry ? term(opp.industry) : null;
  const segment = opp.segment ? term(opp.segment) : null;
  // Names looked for in the text, with the reason suffix that says a field already matched them.
  const mentions = [...competitors, ...products].map((t) => ({ ...t, matched: `: ${t.name}` }));

  return function explain(doc: MatchDoc, lowerBody: string): { reasons: string[]; score: number } {
    const reasons: string[] = [];
    let score = 0;
    const add = (reason: string, weight: number) => {
      reasons.push(reason);
      score += weight;
    };
    let w: { mention: number };
    if (doc.kind === 'capability') {
      const c = MATCH_WEIGHTS.capability;
      w = c;
      for (const p of products) if (holds(doc.products, p)) add(`product: ${p.name}`, c.product);
      const productMatched = reasons.length > 0;
      if (!productMatched) for (const f of families) if (holds(doc.productFamilies, f)) add(`product family: ${f.name}`, c.family);
      if (holds(doc.stages, stage)) add(`stage: ${stage.name}`, c.stage);
      for (const p of personas) if (holds(doc.personas, p)) add(`persona: ${p.name}`, c.persona);
    } else {
      const s = MATCH_WEIGHTS.situational;
      w = s;
      for (const c of competitors) if (holds(doc.competitors, c)) add(`competitor: ${c.name}`, s.competitor);
      if (industry && holds(doc.industries, industry)) add(`industry: ${industry.name}`, s.industry);
      for (const p of products) if (holds(doc.products, p)) add(`product: ${p.name}`, s.product);
      if (segment && holds(doc.segments, segment)) add(`segment: ${segment.name}`, s.segment);
    }
    if (mentions.length) {
      // The same text the reasons were always looked for in: title, summary and body, lowercased.
      const text = `${doc.title} ${doc.summary} `.toLowerCase();
      for (const m of mentions) {
        if (reasons.some((r) => r.endsWith(m.matched))) continue;
        if (text.includes(m.lower) || lowerBody.includes(m.lower)) add(`mentions ${m.name}`, w.mention);
      }
    }
    return { reasons, score };
  };
}
export type DealMatcher = ReturnType<typeof dealMatcher>;
