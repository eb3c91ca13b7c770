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

run('the knowledge-flow dashboard and expert finder in a real browser', () => {
  const session = useDemoBrowser();
  const { errors } = session;

  it('when an admin opens the dashboard, then it shows figures, charts, dead content and gaps from the demo history', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const admin = users.find((u) => u.role === 'admin')!;
    await session.signIn(admin.token, '#/flow');
    const reuse = page.locator('[data-metric="reuse"]');
    await reuse.waitFor({ timeout: 30_000 });
    expect(await reuse.innerText()).toMatch(/\d/);
    await page.getByRole('img', { name: /^Engagement by team/ }).waitFor();
    await page.getByText('quantaflow').first().waitFor({ timeout: 20_000 });
    await page.getByText('Quantaflow').first().waitFor();
    await page.screenshot({ path: artifact('flow-01-dashboard.png'), fullPage: true });
    await expectNoAxeViolations(page, 'flow: flow-01-dashboard');
    await page.getByRole('button', { name: 'Details of Won-deal influence' }).click();
    await page.getByRole('table', { name: 'Items behind won deals' }).waitFor();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const link = page.locator('a.csv-file');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^blob:/);
    expect(errors).toEqual([]);
  });

  it('when a leader opens the dashboard, then dead items link to the item, Verify is offered only where they may verify, Archive asks first and can be undone', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const leader = users.find((u) => u.role === 'leader')!;
    await session.signIn(leader.token, '#/flow');
    const first = page.locator('c-dead-content-list li.dead-item').first();
    await first.waitFor({ timeout: 30_000 });
    const report = (
      await demo.hub.api
        .get(`/api/flow/dead-content?days=90&team=${encodeURIComponent(leader.team)}`)
        .set('Authorization', `Bearer ${leader.token}`)
    ).body as {
      owners: { items: { id: string; title: string; actions: { action: string }[] }[] }[];
    };
    // The hub offers this leader only what they may do; the page shows no Verify it did not offer.
    const verifiable = report.owners.flatMap((o) => o.items).filter((i) => i.actions.some((a) => a.action === 'verify')).length;
    expect(await page.locator('c-dead-content-list button', { hasText: /^Verify$/ }).count()).toBe(verifiable);
    const archive = first.getByRole('button', { name: /^Archive/ });
    if (await archive.count()) {
      await archive.click();
      const confirm = first.getByRole('button', { name: /^Archive it:/ });
      await confirm.waitFor();
      expect(await confirm.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await first.getByRole('button', { name: /^Keep it:/ }).click();
      // Archive for real, then take it back with Undo: the item is published again.
      await first.getByRole('button', { name: /^Archive/ }).click();
      await first.getByRole('button', { name: /^Archive it:/ }).click();
      const undo = first.getByRole('button', { name: /^Undo archive:/ });
      await undo.waitFor();
      expect(await undo.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await undo.click();
      await first.getByText('Restored: it is back in search and recommendations.').waitFor();
      const id = (await first.getAttribute('data-item-id'))!;
      const item = await demo.hub.api.get(`/api/content/${id}`).set('Authorization', `Bearer ${leader.token}`);
      expect(item.body.status).toBe('published');
    }
    const link = first.getByRole('link').first();
    const title = await link.innerText();
    await link.click();
    await page.getByRole('dialog', { name: title }).waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/#\/items\//);
    expect(errors).toEqual([]);
  });

  it('when a rep looks for experts on a competitor, then people come with the evidence', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const rep = users.find((u) => u.role === 'rep')!;
    await session.signIn(rep.token, '#/experts');
    const competitor = page.getByRole('combobox', { name: 'Competitor' });
    await competitor.waitFor({ timeout: 20_000 });
    await competitor.selectOption('Snowcrest');
    await page.getByRole('button', { name: 'Find experts' }).click();
    const expert = page.locator('li.expert').first();
    await expert.waitFor({ timeout: 20_000 });
    expect(await expert.innerText()).toMatch(/reuse|won|item/i);
    await page.screenshot({ path: artifact('flow-02-experts.png'), fullPage: true });
    await expectNoAxeViolations(page, 'flow: flow-02-experts');
    expect(errors).toEqual([]);
  });
});
