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

const SECTIONS = ['users', 'tokens', 'taxonomies', 'synonyms', 'index', 'audit'] as const;

async function settle(page: Page): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await page.locator('.slds-spinner').count()) > 0 && Date.now() < deadline) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
}

const go = async (page: Page, hash: string) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await settle(page);
};

run('the admin page in a real browser', () => {
  const session = useDemoBrowser();
  const { errors } = session;
  let users: DemoUser[];

  beforeAll(async () => {
    users = (await session.demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
  });

  it('when an admin creates a user and a token, then the token is shown once, works, and stops working once revoked', async () => {
    const { page, demo } = session;
    const admin = users.find((u) => u.role === 'admin')!;
    await session.signIn(admin.token, '#/admin/users');
    await page.getByRole('table', { name: 'Users' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Admin', exact: true }).getAttribute('aria-current')).toBe('page');
    await expectNoAxeViolations(page, 'admin: users');

    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByRole('textbox', { name: /Name/ }).fill('Nina Park');
    await form.getByRole('textbox', { name: /Email/ }).fill('nina.park@example.com');
    await form.getByRole('combobox', { name: 'Role' }).selectOption('author');
    await form.getByRole('textbox', { name: /^\W*Team$/ }).fill('APAC Enterprise');
    await form.getByRole('textbox', { name: /Leads teams/ }).fill('APAC Enterprise');
    await expectNoAxeViolations(page, 'admin: new user form');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Nina Park saved.').waitFor();
    await page.getByRole('row', { name: /Nina Park/ }).waitFor();
    const nina = (
      (await demo.hub.api.get('/api/users').set(bearer(admin.token))).body.users as {
        id: string;
        name: string;
        role: string;
        leadsTeams: string[];
      }[]
    ).find((u) => u.name === 'Nina Park')!;
    expect(nina).toMatchObject({ role: 'author', leadsTeams: ['APAC Enterprise'] });

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'API tokens' }).click();
    await settle(page);
    await page.getByRole('combobox', { name: 'User' }).selectOption(nina.id);
    await page.getByText('Nina Park has no tokens yet.').waitFor();
    await page.getByRole('textbox', { name: 'Label' }).fill('Browser test');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const secret = page.getByRole('textbox', { name: 'Token for Nina Park' });
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^khub_/);
    await expectNoAxeViolations(page, 'admin: token issued');
    const me = await demo.hub.api.get('/api/me').set(bearer(token));
    expect(me.status).toBe(200);
    expect(me.body.name).toBe('Nina Park');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByText(token).count()).toBe(0);
    // Shown once: the list never carries the secret.
    expect(await page.content()).not.toContain(token);

    await page.getByRole('button', { name: 'Revoke token Browser test' }).click();
    await page.getByText('Token revoked: it no longer works.').waitFor();
    await page.getByRole('row', { name: /Browser test.*Revoked/ }).waitFor();
    expect((await demo.hub.api.get('/api/me').set(bearer(token))).status).toBe(401);
    expect(errors).toEqual([]);
  });

  it('when an admin adds a competitor and a synonym, then the competitor is offered and searching by the synonym finds items that use the other word', async () => {
    const { page, demo } = session;
    const admin = users.find((u) => u.role === 'admin')!;
    const author = users.find((u) => u.role === 'author')!;
    const item = await demo.hub.api
      .post('/api/content')
      .set(bearer(author.token))
      .send({
        kind: 'capability',
        contentType: 'faq',
        title: 'Running the hub on Kubernetes clusters',
        summary: 'Helm chart, sizing and upgrades for container platforms.',
        body: 'Install with the chart.',
        authors: [{ userId: author.id, role: 'author', share: 1 }],
        status: 'published',
      });
    expect(item.status).toBe(201);
    await demo.hub.relay.drain();

    await session.signIn(admin.token, '#/admin/taxonomies');
    await page.getByRole('combobox', { name: 'List' }).waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'List' }).selectOption('competitors');
    const terms = page.getByRole('textbox', { name: /Competitors/ });
    await terms.fill(`${await terms.inputValue()}\nUmbrella Analytics`);
    await page.getByRole('button', { name: 'Save Competitors' }).click();
    await page.getByText(/^Competitors saved: \d+ terms\.$/).waitFor();
    await expectNoAxeViolations(page, 'admin: taxonomy saved');
    const competitors = (await demo.hub.api.get('/api/taxonomies').set(bearer(author.token))).body.competitors as { value: string }[];
    expect(competitors.map((c) => c.value)).toContain('Umbrella Analytics');

    await go(page, '#/admin/synonyms');
    const titlesFor = async (q: string) => {
      await page.getByRole('searchbox', { name: 'Test a search' }).fill(q);
      const answered = page.waitForResponse((r) => r.url().includes('/api/search?'));
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      // Until this search's answer is shown, the result line may still be the previous search's (same query, same words).
      await answered;
      await page.getByText('Searching', { exact: true }).waitFor({ state: 'detached' });
      await page.getByText(new RegExp(`(found|Nothing found) for "${q}"`)).waitFor();
      return page.locator('ul.test-hits li').allInnerTexts();
    };
    expect(await titlesFor('k8s')).not.toContain('Running the hub on Kubernetes clusters');
    const groups = page.getByRole('textbox', { name: /Synonym groups/ });
    await groups.fill(`${await groups.inputValue()}\nk8s, kubernetes`);
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await page.getByText(/^Synonyms saved and applied to the index/).waitFor();
    expect(await titlesFor('k8s')).toContain('Running the hub on Kubernetes clusters');
    await expectNoAxeViolations(page, 'admin: synonym saved and tested');
    // The reader's search page answers the same.
    await go(page, '#/search');
    await page.locator('c-knowledge-search input[type="search"]').fill('k8s');
    await page
      .locator('c-search-hit .hit-title', { hasText: 'Running the hub on Kubernetes clusters' })
      .first()
      .waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  });

  it('when authors propose facet values, then the admin sees them on Taxonomies, accepts one into its list and rejects the other with a reason, and the proposer is told', async () => {
    const { page, demo } = session;
    const admin = users.find((u) => u.role === 'admin')!;
    const author = users.find((u) => u.role === 'author')!;
    for (const [kind, value] of [
      ['competitors', 'Samsara Fleet'],
      ['industries', 'Cold chain logistics'],
    ]) {
      expect((await demo.hub.api.post('/api/taxonomies/proposals').set(bearer(author.token)).send({ kind, value })).status).toBe(201);
    }

    await session.signIn(admin.token, '#/admin/taxonomies');
    const proposals = page.getByRole('list', { name: 'Proposed values waiting for a decision' });
    await proposals.waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'admin: proposed values');
    await proposals.getByRole('button', { name: 'Accept: Samsara Fleet for Competitors' }).click();
    await page.getByText('“Samsara Fleet” is now one of the Competitors; its proposer is told.').waitFor();
    await page.getByRole('combobox', { name: 'List' }).selectOption('competitors');
    expect(await page.getByRole('textbox', { name: /Competitors/ }).inputValue()).toContain('Samsara Fleet');

    await proposals.getByRole('button', { name: 'Reject: Cold chain logistics for Industries' }).click();
    await page.getByLabel('Why not? The proposer is told.').fill('We file these under Logistics');
    await page.getByRole('button', { name: 'Send rejection: Cold chain logistics for Industries' }).click();
    await page.getByText('“Cold chain logistics” was not added; its proposer is told why.').waitFor();
    await page.getByText('No proposals waiting.').waitFor();
    await expectNoAxeViolations(page, 'admin: proposals decided');

    const told = (await demo.hub.api.get('/api/me/notifications').set(bearer(author.token))).body.notifications as {
      kind: string;
      message: string;
    }[];
    expect(told.find((n) => n.kind === 'proposal_accepted')?.message).toContain('Samsara Fleet');
    expect(told.find((n) => n.kind === 'proposal_rejected')?.message).toContain('We file these under Logistics');
    expect(errors).toEqual([]);
  });

  it('when changes wait in the outbox, then the index status shows the depth, and Reindex now runs to its report', async () => {
    const { page, demo } = session;
    const admin = users.find((u) => u.role === 'admin')!;
    const author = users.find((u) => u.role === 'author')!;
    await demo.hub.relay.stop();
    try {
      const created = await demo.hub.api
        .post('/api/content')
        .set(bearer(author.token))
        .send({
          kind: 'capability',
          contentType: 'faq',
          title: 'Waiting in the outbox',
          summary: 'Not yet relayed.',
          body: 'x',
          authors: [{ userId: author.id, role: 'author', share: 1 }],
          status: 'published',
        });
      expect(created.status).toBe(201);
      await session.signIn(admin.token, '#/admin/index');
      await page.locator('dd.outbox').waitFor({ timeout: 30_000 });
      expect(await page.locator('dd.outbox').innerText()).toMatch(/^[1-9]\d* changes? waiting$/);
      await expectNoAxeViolations(page, 'admin: index status with outbox');
    } finally {
      demo.hub.relay.start();
    }
    await demo.hub.relay.drain();
    await page.getByRole('button', { name: 'Reindex now' }).click();
    await page.getByText(/^Last reindex finished: \d+ added, \d+ updated, \d+ deleted, \d+ unchanged\.$/).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settle(page);
    expect(await page.locator('dd.outbox').innerText()).toBe('0 changes waiting');
    await expectNoAxeViolations(page, 'admin: reindex finished');

    await go(page, '#/admin/audit');
    await page.getByRole('textbox', { name: 'Action' }).fill('search.reindex');
    await page.getByRole('button', { name: 'Filter' }).click();
    await settle(page);
    expect(await page.getByRole('row', { name: /search\.reindex/ }).count()).toBe(1);
    await expectNoAxeViolations(page, 'admin: audit filtered');
    expect(errors).toEqual([]);
  });

  it('when a leader signs in, then there is no Admin tab and the admin route says it is for admins', async () => {
    const { page } = session;
    const leader = users.find((u) => u.role === 'leader')!;
    await session.signIn(leader.token, '#/admin');
    await page.getByText('Admin setup is for admins.').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, 'admin: refused to a leader');
  });

  it('when each admin section is shown on a desktop and a phone, then nothing is wider than the screen (screenshots for the README)', async () => {
    const { page } = session;
    const admin = users.find((u) => u.role === 'admin')!;
    await session.signIn(admin.token, '#/admin/users');
    await settle(page);
    const wide: string[] = [];
    for (const viewport of [
      { name: 'desktop', width: 1440, height: 900 },
      { name: 'phone', width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      for (const section of SECTIONS) {
        await go(page, `#/admin/${section}`);
        // The tokens section shows a person's tokens once one is chosen: Nina's, from the first test.
        if (section === 'tokens') {
          await page.getByRole('combobox', { name: 'User' }).selectOption({ label: 'Nina Park (nina.park@example.com)' });
          await settle(page);
        }
        const px = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (px > 0) wide.push(`${viewport.name} ${section}: ${px}px too wide`);
        // For the README: docs/screenshots holds a copy, as for the leader's pages.
        await page.screenshot({ path: artifact(`admin-${viewport.name}-${section}.png`) });
      }
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(wide).toEqual([]);
    expect(errors).toEqual([]);
  });
});
