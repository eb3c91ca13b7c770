import { ADMIN_TOKEN, bearer } from '../support/hub';
import { artifact, browserAvailable, useDemoBrowser } from '../support/browser';
import { expectNoAxeViolations } from '../support/axe';

const run = browserAvailable() ? describe : describe.skip;

run('the standalone CRM page in a real browser', () => {
  const session = useDemoBrowser();
  const { errors } = session;

  it('when a rep signs in and opens a demo opportunity, then both knowledge sections show items with reasons', async () => {
    const { page, demo } = session;
    const { hub, baseUrl } = demo;
    const users = (await hub.api.get('/api/demo/users')).body.users as { id: string; role: string; token: string }[];
    // A rep whose team has an open deal with a competitor on it.
    let chosen: { rep: { id: string; token: string }; opp: { id: string; name: string } } | null = null;
    for (const rep of users.filter((u) => u.role === 'rep')) {
      const opps = (await hub.api.get('/api/opportunities').set(bearer(rep.token))).body.opportunities as {
        id: string;
        name: string;
        isClosed: boolean;
        competitors: string[];
      }[];
      const open = opps.find((o) => !o.isClosed && o.competitors.length > 0);
      if (open) {
        chosen = { rep, opp: open };
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const { rep, opp } = chosen!;

    await page.goto(baseUrl);
    await page.locator(`button[data-id="${rep.id}"]`).click();
    await page.getByRole('table', { name: 'Opportunities' }).waitFor();
    await page.screenshot({ path: artifact('01-opportunity-list.png') });
    await expectNoAxeViolations(page, 'opportunity-page: 01-opportunity-list');
    await page.getByRole('link', { name: opp.name }).click();

    await page.getByRole('heading', { name: 'Capability knowledge' }).waitFor();
    const cards = page.locator('article.item-card');
    await cards.first().waitFor();
    const capability = page.locator('c-knowledge-section').nth(0).locator('article.item-card');
    const situational = page.locator('c-knowledge-section').nth(1).locator('article.item-card');
    expect(await capability.count()).toBeGreaterThan(0);
    expect(await situational.count()).toBeGreaterThan(0);
    const situationalText = await page.locator('c-knowledge-section').nth(1).innerText();
    expect(situationalText).toMatch(/competitor: |industry: /);
    await page.screenshot({ path: artifact('02-opportunity-knowledge.png'), fullPage: true });
    await expectNoAxeViolations(page, 'opportunity-page: 02-opportunity-knowledge');
    expect(errors).toEqual([]);
  });

  it('when the rep searches with a typo and a facet and opens a hit, then the view is recorded', async () => {
    const { page, demo } = session;
    const { hub } = demo;
    const box = page.locator('c-knowledge-search input[type="search"]');
    await box.fill('pricng');
    const hits = page.locator('c-search-hit');
    await hits.first().waitFor();
    const titles = await page.locator('c-search-hit .hit-title').allInnerTexts();
    expect(titles.join(' ')).toMatch(/pric/i);
    // Tick the first competitor facet and wait for the results to narrow.
    // SLDS hides the native checkbox behind a styled one: click the label, as a person would.
    const group = page.locator('fieldset', { hasText: /competitor/i });
    const filtered = page.waitForResponse((r) => r.url().includes('/api/search') && r.url().includes('competitors=') && r.status() === 200);
    await group.locator('label.slds-checkbox__label').first().click();
    const response = await filtered;
    expect(await group.locator('input[type="checkbox"]').first().isChecked()).toBe(true);
    const body = (await response.json()) as { hits: { competitors: string[] }[] };
    const competitor = new URL(response.url()).searchParams.get('competitors');
    expect(body.hits.every((h) => h.competitors.includes(competitor as string))).toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact('03-search-typo-facet.png'), fullPage: true });
    await expectNoAxeViolations(page, 'opportunity-page: 03-search-typo-facet');

    const firstTitle = (await page.locator('c-search-hit .hit-title').first().innerText()).trim();
    const countViews = async () => (await hub.db.db.selectFrom('usage_events').select('id').where('type', '=', 'view').execute()).length;
    const viewsBefore = await countViews();
    await page.locator('c-search-hit .hit-title').first().click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: artifact('04-content-viewer.png') });
    await expectNoAxeViolations(page, 'opportunity-page: 04-content-viewer');
    const deadline = Date.now() + 10_000;
    while ((await countViews()) === viewsBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await countViews()).toBe(viewsBefore + 1);
    expect(firstTitle.length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
  });

  it('when content carries HTML and script payloads, then nothing executes in the page', async () => {
    const { page, demo } = session;
    const { hub } = demo;
    const payload = '<img src=x onerror="window.__xss=1">';
    const created = await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send({
        kind: 'capability',
        contentType: 'faq',
        status: 'published',
        title: `Zanzibar ${payload}`,
        summary: `Zanzibar summary <script>window.__xss=2</script> ${payload}`,
        body: `Zanzibar body <script>window.__xss=3</script>\n\n[click](javascript:window.__xss=4) <iframe srcdoc="<script>parent.__xss=5</script>"></iframe> ${payload}`,
        authors: [{ userId: 'hub-admin', role: 'author', share: 1 }],
      });
    expect(created.status).toBe(201);
    await hub.relay.drain();
    const box = page.locator('c-knowledge-search input[type="search"]');
    await box.fill('zanzibar');
    await page.locator('c-search-hit mark').first().waitFor();
    await page.locator('c-search-hit .hit-title').first().click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: artifact('05-xss-payloads-inert.png') });
    await expectNoAxeViolations(page, 'opportunity-page: 05-xss-payloads-inert');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('c-content-viewer script, c-content-viewer iframe').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('when a rep signs in, then there is no Reviews tab; a refused token brings the sign-in page back with a message', async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as { id: string; role: string; token: string }[];
    const rep = users.find((u) => u.role === 'rep')!;
    const leader = users.find((u) => u.role === 'leader')!;
    await session.signIn(rep.token, '#/opportunities');
    await page.getByRole('table', { name: 'Opportunities' }).waitFor();
    expect(await page.getByRole('link', { name: 'Reviews' }).count()).toBe(0);
    await session.signIn(leader.token, '#/opportunities');
    await page.getByRole('table', { name: 'Opportunities' }).waitFor();
    expect(await page.getByRole('link', { name: 'Reviews' }).count()).toBe(1);

    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByLabel('Or sign in with an API token').fill('khub_not_a_real_token_0123456789');
    await page.getByRole('button', { name: 'Use token' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('did not accept that token');
    await page.screenshot({ path: artifact('06-refused-token.png') });
    await expectNoAxeViolations(page, 'opportunity-page: 06-refused-token');
    expect(errors).toEqual([]);
  });

  it("when a Knowledge Link's Hub_Url__c (/?content=<id>) is opened, then the page opens that item in the viewer, and closing it leaves the search page", async () => {
    const { page, demo } = session;
    const { hub, baseUrl } = demo;
    const created = await hub.api
      .post('/api/content')
      .set(bearer(ADMIN_TOKEN))
      .send({
        kind: 'capability',
        contentType: 'faq',
        status: 'published',
        title: 'Deep link target: the Quokka rollout checklist',
        summary: 'Opened from Salesforce',
        body: 'What the Knowledge Link points at.',
        authors: [{ userId: 'hub-admin', role: 'author', share: 1 }],
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const users = (await hub.api.get('/api/demo/users')).body.users as { id: string; role: string; token: string }[];
    const rep = users.find((u) => u.role === 'rep')!;
    await session.signIn(rep.token, '#/opportunities');
    await page.getByRole('table', { name: 'Opportunities' }).waitFor();
    // The URL the write-back puts in Hub_Url__c (server/opportunities/salesforce/writeBack.ts).
    await page.goto(`${baseUrl}/?content=${encodeURIComponent(id)}`);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Deep link target: the Quokka rollout checklist' }).waitFor();
    expect(await dialog.innerText()).toContain('Opened from Salesforce');
    // One route for an item: the query became the hash, so a reload opens it once more and nothing else.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe(`#/content/${encodeURIComponent(id)}`);
    await page.screenshot({ path: artifact('07-deep-link.png') });
    await expectNoAxeViolations(page, 'opportunity-page: 07-deep-link');
    await page.keyboard.press('Escape');
    await page.locator('c-knowledge-search input[type="search"]').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe('#/search');
    expect(errors).toEqual([]);
  });
});
