import { artifact, browserAvailable, useDemoBrowser } from '../support/browser';

const run = browserAvailable() ? describe : describe.skip;

interface DemoUser { id: string; name: string; role: string; team: string; token: string }

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
    await page.getByRole('button', { name: 'Details of Won-deal influence' }).click();
    await page.getByRole('table', { name: 'Items behind won deals' }).waitFor();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const link = page.locator('a.csv-file');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^blob:/);
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
    expect(errors).toEqual([]);
  });
});
