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

/** Loads the set into an empty hub and measures. The author `rel-author` must exist. */
export async function evaluateStories(t: EvalTarget, k = 5): Promise<StoryScores> {
  const auth = { Authorization: `Bearer ${t.adminToken}` };
  const bySituation = new Map<string, Set<string>>();
  for (const [i, item] of ITEMS.entries()) {
    const f = facetsFor(1000 + i);
    const res = await t.api.post('/api/content').set(auth).send({
      kind: 'situational', contentType: 'deal_story', status: 'published', title: item.title, summary: item.summary, body: item.body,
      industries: [f.industry], segments: [f.segment], competitors: [f.competitor], products: [f.product],
      authors: [{ userId: 'rel-author', role: 'author', share: 1 }],
    });
    if (res.status !== 201) throw new Error(`item ${item.title}: ${res.status} ${JSON.stringify(res.body)}`);
    bySituation.set(item.situation, (bySituation.get(item.situation) ?? new Set()).add(res.body.id as string));
  }
  await t.drain();
  const scores = { panelWithStory: [] as number[], panelFieldsOnly: [] as number[], descriptionKeyword: [] as number[], descriptionHybrid: [] as number[], descriptionDefault: [] as number[] };
  for (const [j, deal] of DEALS.entries()) {
    const f = facetsFor(5000 + j);
    const relevant = bySituation.get(deal.situation) ?? new Set<string>();
    const opp = {
      name: deal.name, accountName: `${deal.name} customer`, industry: f.industry, segment: f.segment, stage: 'Discovery',
      products: [{ name: f.product, family: '' }], competitors: [f.competitor],
    };
    for (const [variant, description] of [['panelWithStory', deal.description], ['panelFieldsOnly', null]] as const) {
      const id = `rel-${j}-${variant}`;
      const up = await t.api.post('/api/opportunities').set(auth).send({ id, ...opp, description });
      if (up.status !== 201 && up.status !== 200) throw new Error(`deal ${deal.name}: ${up.status} ${JSON.stringify(up.body)}`);
      const res = await t.api.get(`/api/opportunities/${id}/knowledge?limit=${k}`).set(auth);
      scores[variant].push(ndcgAt(k, (res.body.situational as { id: string }[]).map((x) => x.id), relevant));
    }
    for (const [variant, ratio] of [['descriptionKeyword', 0], ['descriptionHybrid', 0.5], ['descriptionDefault', null]] as const) {
      const res = await t.api.get(`/api/search?q=${encodeURIComponent(deal.description)}&kind=situational&limit=${k}${ratio === null ? '' : `&semanticRatio=${ratio}`}`).set(auth);
      scores[variant].push(ndcgAt(k, (res.body.hits as { id: string }[]).map((x) => x.id), relevant));
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
