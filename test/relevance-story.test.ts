import { evaluateStories } from './relevance/evaluate';
import { ADMIN_TOKEN, startTestHub, type TestHub } from './support/hub';

describe('situational knowledge that understands the deal story (relevance set, offline default embedder)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.user('rel-author', 'author');
  });
  afterAll(() => hub.stop());

  it('when deals are described only by their story, then the situational panel finds items telling the same situation in other words', async () => {
    const scores = await evaluateStories({ api: hub.api, adminToken: ADMIN_TOKEN, drain: () => hub.relay.drain() });
    console.log(JSON.stringify(scores));
    expect(scores.panelWithStory).toBeGreaterThanOrEqual(0.75);
    expect(scores.panelWithStory).toBeGreaterThan(scores.panelFieldsOnly + 0.2);
  });
});
