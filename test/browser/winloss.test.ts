import { bearer } from '../support/hub';
import { artifact, browserAvailable, useDemoBrowser } from '../support/browser';
import { expectNoAxeViolations } from '../support/axe';

const run = browserAvailable() ? describe : describe.skip;

interface DemoUser {
  id: string;
  name: string;
  role: string;
  team: string;
  token: string;
}

run('win/loss analysis from a closed deal to a similar open deal, in a real browser', () => {
  const session = useDemoBrowser();
  const { errors } = session;

  it('when an owner files an analysis and their leader approves it, then it appears on a similar open opportunity', async () => {
    const { page, demo } = session;
    const { hub } = demo;
    const users = (await hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const byId = new Map(users.map((u) => [u.id, u]));
    // A closed deal waiting for its analysis, from its owner's close-out queue.
    let owner: DemoUser | undefined;
    let oppId = '';
    for (const u of users.filter((x) => x.role === 'rep')) {
      const q = await hub.api.get('/api/win-loss/queue').set(bearer(u.token));
      const item = q.body.items.find(
        (i: { opportunity: { ownerId: string }; analysis: unknown }) => i.opportunity.ownerId === u.id && !i.analysis,
      );
      if (item) {
        owner = u;
        oppId = item.opportunity.id;
        break;
      }
    }
    expect(owner).toBeDefined();
    const leader = users.find((u) => u.role === 'leader' && u.team === owner!.team) as DemoUser;
    expect(leader).toBeDefined();

    await session.signIn(owner!.token, '#/opportunities');
    await page.getByRole('heading', { name: 'Close-out queue' }).waitFor();
    await page.screenshot({ path: artifact('winloss-01-close-out-queue.png'), fullPage: true });
    await expectNoAxeViolations(page, 'winloss: winloss-01-close-out-queue');
    await page.goto(`${demo.baseUrl}/#/opportunities/${oppId}`);
    await page.getByRole('button', { name: 'Save draft' }).waitFor({ timeout: 20_000 });
    await page.locator('label.slds-checkbox__label', { hasText: /^Price$/ }).click();
    await page.locator('label.slds-checkbox__label', { hasText: 'Relationship' }).click();
    await page.getByLabel('Summary').fill('Decided by price against a bundled offer; our champion was not in the budget meeting.');
    await page.getByLabel(/Lessons for the next seller/).fill('Meet the CFO before the budget meeting\nPrice the bundle, not the parts');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.').waitFor();
    await page.locator('c-win-loss-composer').screenshot({ path: artifact('winloss-02-submitted.png') });
    await expectNoAxeViolations(page, 'winloss: winloss-02-submitted');

    const queue = await hub.api.get('/api/reviews/queue').set(bearer(leader.token));
    const submitted = queue.body.items.find((i: { opportunity: { id: string } | null }) => i.opportunity?.id === oppId);
    expect(submitted).toBeDefined();

    await session.signIn(leader.token, '#/reviews');
    const article = page.getByRole('article', { name: submitted.title });
    await article.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifact('winloss-03-review-queue.png'), fullPage: true });
    await expectNoAxeViolations(page, 'winloss: winloss-03-review-queue');
    await article.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/approved and published/).waitFor();
    await hub.relay.drain();

    // A similar open deal where a seller sees the new analysis among the situational knowledge.
    let viewer: DemoUser | undefined;
    let similarId = '';
    for (const u of users.filter((x) => x.role === 'rep' || x.role === 'leader')) {
      const opps = (await hub.api.get('/api/opportunities').set(bearer(u.token))).body.opportunities as { id: string; isClosed: boolean }[];
      for (const o of opps.filter((x) => !x.isClosed)) {
        const k = await hub.api.get(`/api/opportunities/${o.id}/knowledge?limit=6`).set(bearer(u.token));
        if (k.body.situational.some((i: { id: string }) => i.id === submitted.id)) {
          viewer = u;
          similarId = o.id;
          break;
        }
      }
      if (viewer) break;
    }
    expect(viewer).toBeDefined();
    await session.signIn(viewer!.token, `#/opportunities/${similarId}`);
    const situational = page.locator('c-knowledge-section').nth(1);
    const card = situational.locator('article.item-card', { hasText: submitted.title });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.innerText()).toMatch(/competitor: |industry: |product: /);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('winloss-04-on-similar-opportunity.png'), fullPage: true });
    await expectNoAxeViolations(page, 'winloss: winloss-04-on-similar-opportunity');
    expect(byId.get(viewer!.id)).toBeDefined();
    expect(errors).toEqual([]);
  });
});
