import { artifact, browserAvailable, useDemoBrowser } from '../support/browser';
import { expectNoAxeViolations } from '../support/axe';

const run = browserAvailable() ? describe : describe.skip;

interface DemoUser {
  id: string;
  name: string;
  role: string;
  token: string;
}

run('knowledge search in a real browser', () => {
  const session = useDemoBrowser();
  const { errors } = session;

  it('when a rep ticks two values in one group, then pills show them, the address keeps them through a reload, Clear all empties it and Back brings them back', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const rep = users.find((u) => u.role === 'rep')!;
    await session.signIn(rep.token, '#/search');
    const group = page.locator('c-search-facets fieldset', { hasText: 'Competitors' });
    await group.locator('input[type="checkbox"]').first().waitFor({ timeout: 30_000 });
    const boxes = group.getByRole('checkbox');
    const first = (await boxes.nth(0).getAttribute('data-value'))!;
    const second = (await boxes.nth(1).getAttribute('data-value'))!;

    // The SLDS faux checkbox covers the input: people click its label.
    const tick = (value: string) =>
      group
        .locator('.slds-checkbox', { has: page.locator(`input[data-value="${value}"]`) })
        .locator('label')
        .click();
    await tick(first);
    await page.getByRole('list', { name: 'Filters in use' }).waitFor();
    // Disjunctive counts: ticking the first value keeps the second one on offer with its own count.
    const secondCount = Number(
      (
        await group
          .locator('.slds-checkbox', { has: page.locator(`input[data-value="${second}"]`) })
          .locator('.count')
          .innerText()
      ).replace(/\D/g, ''),
    );
    expect(secondCount).toBeGreaterThan(0);
    await tick(second);
    const pills = page.getByRole('list', { name: 'Filters in use' });
    await pills.getByText(`Competitors: ${second}`, { exact: true }).waitFor();
    expect(await pills.innerText()).toContain(`Competitors: ${first}`);
    const url = new URL(page.url());
    expect(url.hash).toBe(
      `#/search?competitors=${encodeURIComponent(first).replace(/%20/g, '+')}&competitors=${encodeURIComponent(second).replace(/%20/g, '+')}`,
    );
    await page.screenshot({ path: artifact('search-01-two-values.png'), fullPage: true });
    await expectNoAxeViolations(page, 'search: two values ticked, pills');

    await page.reload();
    await page
      .getByRole('list', { name: 'Filters in use' })
      .getByText(`Competitors: ${second}`, { exact: true })
      .waitFor({ timeout: 30_000 });
    expect(await group.locator(`input[data-value="${first}"]`).isChecked()).toBe(true);
    expect(await group.locator(`input[data-value="${second}"]`).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await page.waitForFunction(() => window.location.hash === '#/search');
    await page.getByRole('list', { name: 'Filters in use' }).waitFor({ state: 'detached' });
    // Focus goes back to the query, not to the top of the page.
    expect(
      await page
        .getByRole('searchbox', { name: 'Search knowledge' })
        .evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await expectNoAxeViolations(page, 'search: cleared');

    await page.goBack();
    await page
      .getByRole('list', { name: 'Filters in use' })
      .getByText(`Competitors: ${second}`, { exact: true })
      .waitFor({ timeout: 20_000 });
    expect(page.url()).toContain(`competitors=`);
    expect(errors).toEqual([]);
  });

  it('when a search with words finds nothing, then the reader can request the content', async () => {
    const { page } = session;
    await page.getByRole('searchbox', { name: 'Search knowledge' }).fill('zzqv platypus telemetry');
    const request = page.getByRole('button', { name: 'Request this content' });
    await request.waitFor({ timeout: 20_000 });
    // Typing replaces the address entry rather than adding one per keystroke.
    await page.waitForFunction(() => window.location.hash.includes('q=zzqv'));
    await expectNoAxeViolations(page, 'search: nothing found');
    await request.click();
    await page.getByText(/^Requested\. An admin will ask an author/).waitFor();
    await expectNoAxeViolations(page, 'search: content requested');
    expect(errors).toEqual([]);
  });
});
