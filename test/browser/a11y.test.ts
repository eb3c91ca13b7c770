import type { Page } from 'playwright-core';
import { bearer } from '../support/hub';
import { artifact, browserAvailable, useDemoBrowser } from '../support/browser';
import { axeViolations, describeViolations } from '../support/axe';

const run = browserAvailable() ? describe : describe.skip;

interface DemoUser {
  id: string;
  name: string;
  role: string;
  team: string;
  token: string;
}

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/** Waits until no spinner is left and the page has stopped changing for a moment. */
async function settle(page: Page): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await page.locator('.slds-spinner').count()) > 0 && Date.now() < deadline) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
}

/**
 * What has focus, in words a failure message can use: `document.activeElement` stops at the
 * outermost component host (LWC retargets it as a shadow root would), so walk down the roots.
 */
async function focused(page: Page): Promise<{ tag: string; name: string; text: string; inDialog: boolean }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el && (el as HTMLElement).shadowRoot && (el as HTMLElement).shadowRoot!.activeElement)
      el = (el as HTMLElement).shadowRoot!.activeElement;
    return {
      tag: el ? el.tagName.toLowerCase() : 'none',
      name: el?.getAttribute('aria-label') ?? '',
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120),
      inDialog: !!el?.closest('section[role="dialog"]'),
    };
  });
}

run('accessibility of the standalone page in a real browser', () => {
  const session = useDemoBrowser();
  const { errors } = session;

  it('when every page is checked with axe-core for each role on desktop and phone, then there are no violations', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const roles = ['rep', 'author', 'leader', 'admin'];
    const problems: string[] = [];
    let checked = 0;
    // First prove axe sees into the components: a nameless button planted inside one is reported.
    await session.signIn(users.find((u) => u.role === 'rep')!.token, '#/opportunities');
    await settle(page);
    await page
      .locator('shell-opportunity-list h1')
      .evaluate((h) => h.parentElement!.appendChild(Object.assign(document.createElement('button'), { className: 'planted' })));
    expect((await axeViolations(page)).map((v) => v.id)).toContain('button-name');
    for (const role of roles) {
      const user = users.find((u) => u.role === role)!;
      const opps = (await demo.hub.api.get('/api/opportunities').set(bearer(user.token))).body.opportunities as { id: string }[];
      const someone = users.find(
        (u) => u.role !== 'admin' && u.id !== user.id && (role === 'admin' || (role === 'leader' && u.team === user.team)),
      );
      const item = (await demo.hub.api.get('/api/search?q=pricing').set(bearer(user.token))).body.hits?.[0]?.id as string | undefined;
      const pages = [
        '#/opportunities',
        ...(opps[0] ? [`#/opportunities/${opps[0].id}`] : []),
        '#/search',
        '#/credits',
        '#/experts',
        ...(role === 'leader' || role === 'admin' ? ['#/reviews', '#/flow'] : []),
        ...(someone && (role === 'leader' || role === 'admin') ? [`#/credits/${someone.id}`] : []),
        ...(item ? [`#/items/${item}`] : []),
      ];
      await session.signIn(user.token, '#/opportunities');
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        for (const hash of pages) {
          await page.evaluate((h) => (window.location.hash = h), hash);
          await settle(page);
          problems.push(...describeViolations(`${role} ${viewport.name} ${hash}`, await axeViolations(page)));
          checked++;
        }
      }
    }
    // Signed out: the sign-in page, both sizes.
    await page.evaluate(() => sessionStorage.clear());
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto(`${demo.baseUrl}/`);
      await settle(page);
      problems.push(...describeViolations(`signed out ${viewport.name} sign-in`, await axeViolations(page)));
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(errors).toEqual([]);
    // About 60 page states, each axe-checked: 142 s measured on a loaded 2-core machine, past jest's default 120 s.
  }, 300_000);

  it('when an author opens the Inbox on desktop and phone, then the open panel has no axe violations, fits the screen, and Mark all read clears the count', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const author = users.find((u) => u.role === 'author')!;
    // Something to read: an admin archives one of the author's items (the author is told).
    const mine = (await demo.hub.api.get('/api/search?q=pricing').set(bearer(author.token))).body.hits as {
      id: string;
      authors: { userId: string }[];
    }[];
    const own = mine.find((h) => h.authors.some((a) => a.userId === author.id));
    if (own) {
      const admin = users.find((u) => u.role === 'admin')!;
      await demo.hub.api.post(`/api/content/${own.id}/archive`).set(bearer(admin.token)).send({});
      await demo.hub.api.post(`/api/content/${own.id}/restore`).set(bearer(admin.token)).send({});
    }
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await session.signIn(author.token, '#/search');
      await settle(page);
      const toggle = page.getByRole('button', { name: /^Inbox/ });
      await toggle.click();
      const panel = page.getByRole('region', { name: 'Notifications' });
      await panel.waitFor();
      await settle(page);
      expect(describeViolations(`author ${viewport.name} inbox`, await axeViolations(page))).toEqual([]);
      const box = (await panel.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: artifact(`inbox-${viewport.name}.png`) });
      const markAll = page.getByRole('button', { name: 'Mark all read' });
      if (await markAll.count()) {
        await markAll.click();
        await page.getByRole('button', { name: 'Inbox, none unread' }).waitFor();
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  });

  it('when a rep uses only the keyboard to sign in, open a deal and an item, mark it helpful and close it, then focus is always somewhere sensible', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const rep = users.find((u) => u.role === 'rep')!;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${demo.baseUrl}/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    const tabTo = async (
      match: (f: { tag: string; name: string; text: string; inDialog: boolean }) => boolean,
      limit = 120,
    ): Promise<number> => {
      for (let i = 1; i <= limit; i++) {
        await page.keyboard.press('Tab');
        if (match(await focused(page))) return i;
      }
      throw new Error(`not reached in ${limit} Tabs; focus is on ${JSON.stringify(await focused(page))}`);
    };

    // Sign in: the first Tab is the skip link; then to the rep's button, and Enter.
    await page.locator(`button[data-id="${rep.id}"]`).waitFor();
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skip to main content');
    await tabTo((f) => f.tag === 'button' && f.name === `Sign in as ${rep.name}`);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Opportunities' }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    expect(await focused(page)).toMatchObject({ tag: 'h1', text: 'All Opportunities' });

    // Open a deal: Tab from the heading to the list's first deal (past the filters), Enter.
    const firstDeal = (await page.getByRole('table', { name: 'Opportunities' }).getByRole('link').first().innerText()).trim();
    const tabsToFirstDeal = await tabTo((f) => f.tag === 'a' && f.text === firstDeal);
    expect(tabsToFirstDeal).toBeLessThan(30);
    await page.keyboard.press('Enter');
    await page.locator('article.item-card').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    expect(await focused(page)).toMatchObject({ tag: 'h1', text: firstDeal });

    // Open the first item with the keyboard: focus goes into the dialog (its Close button).
    const openName = await tabTo((f) => f.tag === 'button' && f.name.startsWith('Open: '));
    expect(openName).toBeGreaterThan(0);
    const title = (await focused(page)).name.slice('Open: '.length);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: title }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(200);
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Close' });

    // Tab and Shift+Tab cycle inside the dialog: they never reach the page behind it.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ inDialog: true });
    }
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toMatchObject({ inDialog: true });
    }

    // Mark it helpful from the dialog: focus stays on the (now pressed) button.
    await tabTo((f) => f.tag === 'button' && f.name === `Mark helpful: ${title}`, 40);
    await page.keyboard.press('Enter');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: `Marked helpful: ${title}` })
      .waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'button', name: `Marked helpful: ${title}` });

    // Close with Escape: focus returns to the item's Open button on the page.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'button', name: `Open: ${title}` });
    await page.screenshot({ path: artifact('a11y-01-keyboard-after-close.png') });
    expect(errors).toEqual([]);
  });
});
