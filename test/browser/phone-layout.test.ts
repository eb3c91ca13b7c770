import type { Page } from 'playwright-core';
import { bearer } from '../support/hub';
import { artifact, browserAvailable, useDemoBrowser } from '../support/browser';

const run = browserAvailable() ? describe : describe.skip;

interface DemoUser {
  id: string;
  name: string;
  role: string;
  team: string;
  token: string;
}

async function settle(page: Page): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await page.locator('.slds-spinner').count()) > 0 && Date.now() < deadline) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
}

/** How far the page is wider than the screen (0 when nothing sticks out sideways), and what sticks out. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const px = document.documentElement.scrollWidth - window.innerWidth;
    // The outermost elements whose right edge passes the screen's, for a message that says where.
    // A TreeWalker sees every element (LWC's synthetic shadow filters querySelectorAll on document).
    const all: Element[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    while (walker.nextNode()) all.push(walker.currentNode as Element);
    const culprits = all
      .filter(
        (e) =>
          e.getBoundingClientRect().right > window.innerWidth + 1 &&
          !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 1),
      )
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
    return { px, culprits };
  });

run('the standalone page on a 390×844 phone', () => {
  const session = useDemoBrowser();
  const { errors } = session;

  it('when a leader uses every page on a phone, then nothing is wider than the screen, the tabs sit behind Menu, deals are cards and facets fold', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const leader = users.find((u) => u.role === 'leader')!;
    const member = users.find((u) => u.team === leader.team && u.id !== leader.id)!;
    const opp = ((await demo.hub.api.get('/api/opportunities').set(bearer(leader.token))).body.opportunities as { id: string }[])[0]!;
    await page.setViewportSize({ width: 390, height: 844 });
    await session.signIn(leader.token, '#/opportunities');
    await settle(page);

    // Header on one line; the tabs are behind "Menu", which opens and closes them.
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Knowledge flow' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('link', { name: 'Knowledge flow' }).isVisible()).toBe(true);
    await page.screenshot({ path: artifact('phone-01-menu-open.png') });
    await page.getByRole('link', { name: 'Opportunities' }).click();
    await settle(page);

    // Deals are cards: each row as wide as the screen allows, its cells stacked.
    const row = page.locator('table.opportunity-table tbody tr').first();
    const box = (await row.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(
      await row
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td).display),
    ).toBe('block');

    const pages = [
      '#/opportunities',
      `#/opportunities/${opp.id}`,
      '#/search',
      '#/credits',
      `#/credits/${member.id}`,
      '#/experts',
      '#/reviews',
      '#/flow',
    ];
    const wide: string[] = [];
    for (const [i, hash] of pages.entries()) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await settle(page);
      const { px, culprits } = await overflow(page);
      if (px > 0) wide.push(`${hash}: ${px}px wider than the screen (${culprits.join(', ')})`);
      await page.screenshot({
        path: artifact(`phone-${String(i + 2).padStart(2, '0')}-${hash.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '')}.png`),
        fullPage: true,
      });
    }
    expect(wide).toEqual([]);

    // Record highlights wrap instead of truncating.
    await page.evaluate((h) => (window.location.hash = h), `#/opportunities/${opp.id}`);
    await settle(page);
    const truncated = await page
      .locator('.record-highlights .highlight-value')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length);
    expect(truncated).toBe(0);

    // Search: the facets fold behind one button.
    await page.evaluate(() => (window.location.hash = '#/search'));
    await settle(page);
    const filters = page.getByRole('button', { name: /^Show filters/ });
    await filters.waitFor();
    expect(await page.locator('c-search-facets').first().isVisible()).toBe(false);
    await filters.click();
    expect(await page.locator('c-search-facets fieldset').first().isVisible()).toBe(true);

    // The leader's pages on desktop and phone, for the README (docs/screenshots holds a copy).
    for (const viewport of [
      { name: 'desktop', width: 1440, height: 900 },
      { name: 'phone', width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      for (const [name, hash] of [
        ['credits', '#/credits'],
        ['statement', `#/credits/${member.id}`],
        ['flow', '#/flow'],
        ['opportunity', `#/opportunities/${opp.id}`],
      ] as const) {
        await page.evaluate((h) => (window.location.hash = h), hash);
        await settle(page);
        await page.screenshot({ path: artifact(`leader-${viewport.name}-${name}.png`) });
      }
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(errors).toEqual([]);
  });
});
