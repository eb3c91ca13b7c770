import type { Test } from 'supertest';
import { DEALS, facetsFor, ITEMS } from './storySet';

/** What the evaluation needs of a hub: its HTTP API (supertest) and a way to wait for the index. */
export interface EvalTarget {
  api: { get(url: string): Test; post(url: string): Test };
  adminToken: string;
  drain(): Promise<void>;
}

export interface StoryScores {
  /** nDCG@5 of the situational panel of deals described by their story. */
  panelWithStory: number;
  /** The same deals without their description: fields alone. */
  panelFieldsOnly: number;
  /** The description as the query of keyword search (kind=situational). */
  descriptionKeyword: number;
  /** The description as the query of hybrid search (semanticRatio 0.5). */
  descriptionHybrid: number;
  /** The description as the query of a search that does not say how to rank (the default blend). */
  descriptionDefault: number;
  deals: number;
  items: number;
}

/** nDCG@k with binary gains: the relevant items are those telling the deal's situation. */
export function ndcgAt(k: number, ranked: string[], relevant: Set<string>): number {
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal ? dcg / ideal : 0;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Paragraphs any deal story may hold besides its situation (kickoff, pricing, rollout): the
 * long-body variant wraps each item's body in three of them, so the situation is one paragraph
 * of four, as in a real write-up.
 */
const FILLER = [
  'The first meeting was a kickoff with the account team and the sponsor. We walked through the agenda, agreed on a weekly call and collected the names of everyone who would join the evaluation. Notes went into the shared workspace the same afternoon, and the next steps were assigned to owners with dates.',
  'Commercial terms took two rounds. Procurement asked for a multi-year price hold and a cap on annual increases, and we offered a ramp in the first year in exchange for a longer term. Legal review of the order form was routine and finished within a week once the redlines were agreed.',
  'The rollout followed our standard plan: an onboarding workshop, a sandbox for the analysts, and office hours twice a week. Adoption was measured by weekly active users, and the customer success manager shared a dashboard of usage with the sponsor at the end of every month.',
  'Our demo focused on the everyday work of the analysts: loading a file, joining it with existing tables and sharing a dashboard. Questions were mostly about permissions, exports and how long it takes to build a new report, and the recording was passed around internally afterwards.',
  'References mattered. The team called two existing customers of a similar size, asked about support response times and the quality of the documentation, and came back with a short list of questions about the roadmap that our product manager answered in a follow-up session.',
  'The decision was documented in a short memo for the steering group. It listed the options considered, the cost over three years, the risks of each and the recommended next step, and it was circulated a week before the meeting so that everyone could comment in advance.',
];

/** Loads the set into an empty hub and measures. The author `rel-author` must exist. */
export async function evaluateStories(t: EvalTarget, k = 5, options: { longBodies?: boolean } = {}): Promise<StoryScores> {
  const auth = { Authorization: `Bearer ${t.adminToken}` };
  const bySituation = new Map<string, Set<string>>();
  for (const [i, item] of ITEMS.entries()) {
    const f = facetsFor(1000 + i);
    const res = await t.api
      .post('/api/content')
      .set(auth)
      .send({
        kind: 'situational',
        contentType: 'deal_story',
        status: 'published',
        title: item.title,
        summary: item.summary,
        body: options.longBodies ? [FILLER[i % 6], item.body, FILLER[(i + 2) % 6], FILLER[(i + 4) % 6]].join('\n\n') : item.body,
        industries: [f.industry],
        segments: [f.segment],
        competitors: [f.competitor],
        products: [f.product],
        authors: [{ userId: 'rel-author', role: 'author', share: 1 }],
      });
    if (res.status !== 201) throw new Error(`item ${item.title}: ${res.status} ${JSON.stringify(res.body)}`);
    bySituation.set(item.situation, (bySituation.get(item.situation) ?? new Set()).add(res.body.id as string));
  }
  await t.drain();
  const scores = {
    panelWithStory: [] as number[],
    panelFieldsOnly: [] as number[],
    descriptionKeyword: [] as number[],
    descriptionHybrid: [] as number[],
    descriptionDefault: [] as number[],
  };
  for (const [j, deal] of DEALS.entries()) {
    const f = facetsFor(5000 + j);
    const relevant = bySituation.get(deal.situation) ?? new Set<string>();
    const opp = {
      name: deal.name,
      accountName: `${deal.name} customer`,
      industry: f.industry,
      segment: f.segment,
      stage: 'Discovery',
      products: [{ name: f.product, family: '' }],
      competitors: [f.competitor],
    };
    for (const [variant, description] of [
      ['panelWithStory', deal.description],
      ['panelFieldsOnly', null],
    ] as const) {
      const id = `rel-${j}-${variant}`;
      const up = await t.api
        .post('/api/opportunities')
        .set(auth)
        .send({ id, ...opp, description });
      if (up.status !== 201 && up.status !== 200) throw new Error(`deal ${deal.name}: ${up.status} ${JSON.stringify(up.body)}`);
      const res = await t.api.get(`/api/opportunities/${id}/knowledge?limit=${k}`).set(auth);
      scores[variant].push(
        ndcgAt(
          k,
          (res.body.situational as { id: string }[]).map((x) => x.id),
          relevant,
        ),
      );
    }
    for (const [variant, ratio] of [
      ['descriptionKeyword', 0],
      ['descriptionHybrid', 0.5],
      ['descriptionDefault', null],
    ] as const) {
      const res = await t.api
        .get(
          `/api/search?q=${encodeURIComponent(deal.description)}&kind=situational&limit=${k}${ratio === null ? '' : `&semanticRatio=${ratio}`}`,
        )
        .set(auth);
      scores[variant].push(
        ndcgAt(
          k,
          (res.body.hits as { id: string }[]).map((x) => x.id),
          relevant,
        ),
      );
    }
  }
  return {
    panelWithStory: mean(scores.panelWithStory),
    panelFieldsOnly: mean(scores.panelFieldsOnly),
    descriptionKeyword: mean(scores.descriptionKeyword),
    descriptionHybrid: mean(scores.descriptionHybrid),
    descriptionDefault: mean(scores.descriptionDefault),
    deals: DEALS.length,
    items: ITEMS.length,
  };
}
