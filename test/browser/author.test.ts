import type { Page } from 'playwright-core';
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

/** Until the page has stopped loading (spinners gone). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('c-loading-spinner'), undefined, { timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

/** Picks a person in the co-author row `index` (the editor's Person select, inside its c-select-field). */
async function pickAuthor(page: Page, index: number, who: DemoUser, role: string): Promise<void> {
  await page.locator(`c-select-field[data-index="${index}"][data-field="userId"] select`).selectOption(who.id);
  await page.locator(`c-select-field[data-index="${index}"][data-field="role"] select`).selectOption(role);
}

run("the author's home: write, review, request changes, fix, approve, derive, in a real browser", () => {
  // Battlecards go through a leader here, as win/loss analyses always do.
  const session = useDemoBrowser({ env: { HUB_REVIEW_TYPES: 'win_loss_analysis,battlecard' } });
  const { errors } = session;

  it('when an author writes a battlecard with two co-authors and a leader requests changes then approves it, then the author fixes it, sees it published and derives it with the authors credited', async () => {
    const { page, demo } = session;
    const { hub } = demo;
    const users = (await hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const leader = users.find((u) => u.role === 'leader' && users.some((a) => a.role === 'author' && a.team === u.team)) as DemoUser;
    const author = users.find((u) => u.role === 'author' && u.team === leader.team) as DemoUser;
    const [co1, co2] = users.filter((u) => u.role === 'author' && u.id !== author.id);
    expect(leader && author && co1 && co2).toBeTruthy();
    const title = 'Beating Rivalware on total cost';

    // Signing in after someone else always starts at the role's home: My content for an author.
    await session.signIn(leader.token, '#/flow');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: `Sign in as ${author.name}` }).click();
    await page.getByRole('heading', { name: 'My content', level: 2 }).waitFor();
    expect(page.url()).toContain('#/my-content');
    const tabs = await page.getByRole('navigation', { name: 'App' }).getByRole('link').allInnerTexts();
    expect(tabs).toContain('My content');
    expect(tabs).not.toContain('Reviews');
    await settle(page);
    await expectNoAxeViolations(page, 'author: my content');

    await page.getByRole('link', { name: 'New content' }).first().click();
    await page.getByRole('heading', { name: 'New content' }).waitFor();
    await settle(page);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Summary').fill('Where we win against Rivalware and how to say it.');
    await page.getByLabel('Body (Markdown)').fill('## Why we win\n\n- **Total cost** over three years\n- Faster rollout');
    await page.locator('c-rich-html h2', { hasText: 'Why we win' }).waitFor();
    await page.getByRole('textbox', { name: 'Add to Competitors' }).fill('Rivalware');
    await page.getByRole('button', { name: 'Propose new value' }).click();
    await page.getByRole('button', { name: 'Add co-author' }).click();
    await pickAuthor(page, 1, co1!, 'co_author');
    await page.getByRole('button', { name: 'Add co-author' }).click();
    await pickAuthor(page, 2, co2!, 'co_author');
    await page.locator('c-form-field[data-index="0"][data-field="share"] input').fill('50');
    await page.locator('c-form-field[data-index="1"][data-field="share"] input').fill('30');
    await page.getByText('must add up to 100%').waitFor();
    await page.locator('c-form-field[data-index="2"][data-field="share"] input').fill('20');
    await page.getByText('Shares total 100%').waitFor();
    await page.screenshot({ path: artifact('author-01-editor.png'), fullPage: true });
    await expectNoAxeViolations(page, 'author: editor with preview and co-authors');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.').waitFor();
    expect(page.url()).toMatch(/#\/my-content\/ci-[^/]+\/edit$/);
    const id = decodeURIComponent(page.url().split('/').slice(-2)[0] as string);

    await page.getByRole('link', { name: 'My content' }).first().click();
    await page.getByRole('heading', { name: 'In review (1)' }).waitFor();
    await expectNoAxeViolations(page, 'author: my content, in review');

    // The leader opens it in review: the item as readers will see it, then requests changes.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: `Sign in as ${leader.name}` }).click();
    await page.getByRole('link', { name: 'Reviews' }).click();
    const article = page.getByRole('article', { name: title });
    await article.waitFor({ timeout: 20_000 });
    await article.getByRole('button', { name: `Open the item: ${title}` }).click();
    await article.locator('c-rich-html h2', { hasText: 'Why we win' }).waitFor();
    expect(await article.innerText()).toContain(`Submitted by ${author.name}`);
    expect(await article.innerText()).toContain(`${co2!.name} (co-author, 20%)`);
    await page.screenshot({ path: artifact('author-02-review-open.png'), fullPage: true });
    await expectNoAxeViolations(page, 'author: review with the item open');
    await article.getByRole('button', { name: `Request changes: ${title}` }).click();
    await article.getByLabel('What should the authors change?').fill('Add the pricing objection and how to answer it');
    await article.getByRole('button', { name: `Send request for changes: ${title}` }).click();
    await page.getByText(/went back to its authors/).waitFor();

    // The author sees the comment in My content and in the inbox, opens the editor from the notification, fixes and resubmits.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: `Sign in as ${author.name}` }).click();
    await page.getByRole('heading', { name: 'My content', level: 2 }).waitFor();
    await page.getByText('Changes requested: Add the pricing objection and how to answer it').waitFor();
    await page.getByRole('button', { name: /^Inbox \d+ unread/ }).click();
    const note = page.getByRole('link', { name: /Add the pricing objection/ });
    await note.waitFor();
    await expectNoAxeViolations(page, 'author: inbox with the request for changes');
    await note.click();
    await page.getByRole('heading', { name: `Edit: ${title}` }).waitFor();
    await page.getByText('Changes requested:').waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'author: editor after the request for changes');
    await page
      .getByLabel('Body (Markdown)')
      .fill(
        '## Why we win\n\n- **Total cost** over three years\n- Faster rollout\n\n## Pricing objection\n\nShow the three-year total, not the list price.',
      );
    await page.locator('c-rich-html h2', { hasText: 'Pricing objection' }).waitFor();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.').waitFor();

    // The leader sees the change since the first submission and approves.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: `Sign in as ${leader.name}` }).click();
    await page.getByRole('link', { name: 'Reviews' }).click();
    await article.waitFor({ timeout: 20_000 });
    await article.getByRole('button', { name: `Open the item: ${title}` }).click();
    await article.locator('c-rich-html h2', { hasText: 'Pricing objection' }).waitFor();
    await article.getByRole('button', { name: `Approve: ${title}` }).click();
    await page.getByText(/approved and published/).waitFor();

    // The author derives it: the new draft credits the source's co-authors as contributors.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: `Sign in as ${author.name}` }).click();
    await page.getByRole('heading', { name: /^Published \(\d+\)/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: `Derive: ${title}` }).click();
    await page.getByRole('link', { name: 'Open the new draft' }).click();
    await page.getByRole('heading', { name: `Edit: ${title} (derived)` }).waitFor();
    await settle(page);
    for (const who of [co1!, co2!]) {
      const rows = page.locator('fieldset.author-row');
      let role = '';
      for (let i = 0; i < (await rows.count()); i++) {
        if ((await rows.nth(i).locator('c-select-field[data-field="userId"] select').inputValue()) === who.id)
          role = await rows.nth(i).locator('c-select-field[data-field="role"] select').inputValue();
      }
      expect({ who: who.id, role }).toEqual({ who: who.id, role: 'contributor' });
    }
    await page.screenshot({ path: artifact('author-03-derived.png'), fullPage: true });
    await expectNoAxeViolations(page, 'author: derived draft');

    // Any item one can read can be derived from its viewer too (search, links, deals).
    await page.evaluate((h) => (window.location.hash = h), `#/items/${id}`);
    await page.getByRole('button', { name: `Derive a new draft: ${title}` }).click();
    await page.getByRole('heading', { name: `Edit: ${title} (derived)` }).waitFor();
    expect(page.url()).toMatch(/#\/my-content\/ci-[^/]+\/edit$/);

    const stored = await hub.api.get(`/api/content/${id}`).set(bearer(author.token));
    expect(stored.body.status).toBe('published');

    // Each new page at desktop and phone size, for the README (docs/screenshots holds a copy).
    await page.evaluate(() => (window.location.hash = '#/my-content'));
    for (const viewport of [
      { name: 'desktop', width: 1440, height: 900 },
      { name: 'phone', width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      for (const [name, hash] of [
        ['my-content', '#/my-content'],
        ['editor', `#/my-content/${id}/edit`],
        ['versions', `#/my-content/${id}/versions`],
        ['due', '#/due'],
      ] as const) {
        await page.evaluate((h) => (window.location.hash = h), hash);
        await settle(page);
        await page.screenshot({ path: artifact(`author-${viewport.name}-${name}.png`) });
        if (viewport.name === 'phone') await expectNoAxeViolations(page, `author: ${name} on a phone`);
      }
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(errors).toEqual([]);
  });
});
