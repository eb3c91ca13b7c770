import type { Embedder } from '../server/embeddings/embedder';
import { createSituationMatcher, type Story } from '../server/recommendations/situation';

/**
 * The deal panel reuses each candidate item's sentences and their vectors between views (they do
 * not depend on the deal). The cache is keyed by the item's exact title, summary and body, so an
 * edited item is embedded again at once and the answer is always what an uncached matcher gives.
 */

/** A deterministic toy model: one dimension per letter a–z, counted. */
function letterEmbedder(): Embedder & { texts: string[] } {
  const texts: string[] = [];
  return {
    id: 'letters',
    dimensions: 26,
    texts,
    embed: async (batch) => {
      texts.push(...batch);
      return batch.map((t) => {
        const v = new Array<number>(26).fill(0);
        for (const c of t.toLowerCase()) if (c >= 'a' && c <= 'z') v[c.charCodeAt(0) - 97]! += 1;
        const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
        return v.map((x) => x / n);
      });
    },
  };
}

const item = (id: string, body: string) => ({
  id,
  title: `Item ${id} about a works council`,
  summary: 'The works council vetoed the monitoring rollout.',
  body,
});

async function storyOf(e: Embedder, text: string): Promise<Story> {
  const [v] = await e.embed([text]);
  return { text, vectors: [v!] };
}

describe('situation matcher item cache', () => {
  it('when the same items are matched again, then nothing is embedded twice and the answer is the uncached one', async () => {
    const cachedModel = letterEmbedder();
    const plainModel = letterEmbedder();
    const cached = createSituationMatcher({ embedder: cachedModel, db: {} as never, store: {} as never });
    const plain = createSituationMatcher({ embedder: plainModel, db: {} as never, store: {} as never, cacheVectors: 0 });
    const story = await storyOf(plainModel, 'A works council blocked monitoring software at the plant.');
    const items = [
      item('a', 'The council asked for an agreement before any rollout. Monitoring data stayed anonymous for a year.'),
      item('b', 'Pricing was discussed in three rounds with the procurement team of the customer.'),
    ];
    const first = await cached.bestSentences(story, items);
    const embeddedOnce = cachedModel.texts.length;
    expect(embeddedOnce).toBeGreaterThan(2);
    const second = await cached.bestSentences(story, items);
    expect(cachedModel.texts.length).toBe(embeddedOnce);
    expect(second).toEqual(first);
    expect(await plain.bestSentences(story, items)).toEqual(first);
    // Another deal's story reuses the same item vectors and still matches as an uncached matcher.
    const other = await storyOf(plainModel, 'Pricing pressure from procurement in the last round.');
    expect(await cached.bestSentences(other, items)).toEqual(await plain.bestSentences(other, items));
    expect(cachedModel.texts.length).toBe(embeddedOnce);
  });

  it('when an item is edited, then its new text is embedded at once and the sentence shown comes from it', async () => {
    const model = letterEmbedder();
    const matcher = createSituationMatcher({ embedder: model, db: {} as never, store: {} as never });
    const story = await storyOf(model, 'A works council blocked monitoring software at the plant.');
    const before = item('a', 'Pricing was discussed in three rounds with the procurement team.');
    await matcher.bestSentences(story, [before]);
    const edited = { ...before, body: 'The works council blocked the monitoring software at the plant until an agreement.' };
    const seen = model.texts.length;
    const match = (await matcher.bestSentences(story, [edited])).get('a');
    expect(model.texts.length).toBeGreaterThan(seen);
    expect(model.texts.slice(seen)).toContain('The works council blocked the monitoring software at the plant until an agreement.');
    expect(match?.sentence).toBe('The works council blocked the monitoring software at the plant until an agreement.');
    // The title and summary are part of the key too.
    const renamed = { ...edited, title: 'Renamed item' };
    const count = model.texts.length;
    await matcher.bestSentences(story, [renamed]);
    expect(model.texts.length).toBeGreaterThan(count);
  });

  it('when more vectors pass through than the bound, then the oldest are dropped and embedded again when they return', async () => {
    const model = letterEmbedder();
    const story = await storyOf(model, 'A works council blocked monitoring software.');
    const [a, b, c] = ['a', 'b', 'c'].map((id) => item(id, `Body of ${id} is long enough. The council met twice about monitoring.`));
    // Each item has the same number of texts (its whole text and its sentences): room for two of the three.
    const before = model.texts.length;
    await createSituationMatcher({ embedder: model, db: {} as never, store: {} as never }).bestSentences(story, [a!]);
    const vectorsPerItem = model.texts.length - before;
    const matcher = createSituationMatcher({ embedder: model, db: {} as never, store: {} as never, cacheVectors: 2 * vectorsPerItem });
    await matcher.bestSentences(story, [a!, b!, c!]);
    const n = model.texts.length;
    await matcher.bestSentences(story, [b!, c!]);
    expect(model.texts.length).toBe(n);
    await matcher.bestSentences(story, [a!]);
    expect(model.texts.length).toBeGreaterThan(n);
  });
});
