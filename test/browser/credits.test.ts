import fs from 'node:fs';
import { splitMilliPoints } from '../../server/credits/ledger';
import { ADMIN_TOKEN, bearer } from '../support/hub';
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
interface Item {
  id: string;
  title: string;
  authors: { userId: string; role: string }[];
}

run('contribution credits in a real browser', () => {
  const session = useDemoBrowser();
  const { errors } = session;

  it("when a rep views and attaches another author's item and the deal closes won, then the author's statement shows view, attach and influence with the right split", async () => {
    const { page, demo } = session;
    const { hub } = demo;
    const users = (await hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const today = new Date().toISOString().slice(0, 10);
    // A rep with an open deal, and a co-authored item on it they did not write and have not used today.
    let chosen: { rep: DemoUser; oppId: string; item: Item } | null = null;
    for (const rep of users.filter((u) => u.role === 'rep')) {
      const opps = (await hub.api.get('/api/opportunities').set(bearer(rep.token))).body.opportunities as {
        id: string;
        isClosed: boolean;
        ownerId: string;
      }[];
      for (const opp of opps.filter((o) => !o.isClosed && o.ownerId === rep.id)) {
        const k = await hub.api.get(`/api/opportunities/${opp.id}/knowledge`).set(bearer(rep.token));
        for (const item of [...k.body.situational, ...k.body.capability] as Item[]) {
          const authors = item.authors.filter((a) => a.role !== 'editor');
          if (authors.length < 2 || authors.some((a) => a.userId === rep.id)) continue;
          // The first author reads their statement below with the deal named: they must be allowed to see it.
          const firstAuthor = users.find((u) => u.id === authors[0]!.userId);
          if (!firstAuthor || (await hub.api.get(`/api/opportunities/${opp.id}`).set(bearer(firstAuthor.token))).status !== 200) continue;
          const usedToday = await hub.db.db
            .selectFrom('credit_entries')
            .select('id')
            .where('actor_id', '=', rep.id)
            .where('content_id', '=', item.id)
            .where('at', '>=', today)
            .executeTakeFirst();
          if (!usedToday) {
            chosen = { rep, oppId: opp.id, item };
            break;
          }
        }
        if (chosen) break;
      }
      if (chosen) break;
    }
    expect(chosen).not.toBeNull();
    const { rep, oppId, item } = chosen!;

    await session.signIn(rep.token, `#/opportunities/${oppId}`);
    const card = page.locator('article.item-card', { hasText: item.title }).first();
    await card.waitFor({ timeout: 20_000 });
    await card.getByRole('button', { name: /^Open/ }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await card.getByRole('button', { name: /^Attach/ }).click();
    await page
      .getByText(/Attached/)
      .first()
      .waitFor();
    const deadline = Date.now() + 10_000;
    const events = async () =>
      hub.db.db
        .selectFrom('usage_events')
        .select('type')
        .where('actor_id', '=', rep.id)
        .where('content_id', '=', item.id)
        .where('at', '>=', today)
        .execute();
    while ((await events()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Crediting follows the events through the credit relay (asynchronously): wait for it too, or
    // a busy machine reads the statement before the attach is credited.
    const credited = async () =>
      hub.db.db
        .selectFrom('credit_entries')
        .select('type')
        .distinct()
        .where('actor_id', '=', rep.id)
        .where('content_id', '=', item.id)
        .where('type', 'in', ['view', 'attach'])
        .execute();
    while ((await credited()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    // The deal closes won in the CRM.
    const won = await hub.api
      .patch(`/api/opportunities/${oppId}`)
      .set(bearer(ADMIN_TOKEN))
      .send({ stage: 'Closed Won', isClosed: true, isWon: true, closeDate: today });
    expect(won.status).toBe(200);

    const full = await hub.api.get(`/api/content/${item.id}`).set(bearer(ADMIN_TOKEN));
    const authors = full.body.authors as { userId: string; share: number }[];
    const author = authors[0]!;
    const authorUser = users.find((u) => u.id === author.userId)!;
    const statement = await hub.api.get(`/api/credits/statements/${author.userId}?from=${today}&to=${today}`).set(bearer(authorUser.token));
    expect(statement.status).toBe(200);
    const lines = (
      statement.body.lines as { type: string; contentId: string; share: number; milliPoints: number; opportunityId: string | null }[]
    ).filter((l) => l.contentId === item.id);
    const byType = (t: string) => lines.find((l) => l.type === t && (t === 'view' || l.opportunityId === oppId));
    const shares = authors.map((a) => a.share);
    expect(byType('view')).toMatchObject({ share: author.share, milliPoints: splitMilliPoints(1000, shares)[0] });
    expect(byType('attach')).toMatchObject({ share: author.share, milliPoints: splitMilliPoints(5000, shares)[0] });
    const influence = byType('influence');
    expect(influence).toBeDefined();
    expect(influence!.milliPoints).toBeGreaterThan(0);
    expect(influence!.share).toBe(author.share);

    await session.signIn(authorUser.token, '#/credits');
    await page.getByRole('heading', { name: /Credit statement/ }).waitFor({ timeout: 20_000 });
    const table = page.locator('c-credit-statement table');
    await table.first().waitFor();
    const text = await page.locator('c-credit-statement').innerText();
    expect(text).toContain(item.title);
    // In words: what happened, who did it, on which deal, and the rule, never raw ids or ISO stamps.
    expect(text).toMatch(/Won a deal it helped/);
    expect(text).toContain(rep.name);
    const dealName = (await hub.api.get(`/api/opportunities/${oppId}`).set(bearer(ADMIN_TOKEN))).body.name as string;
    expect(text).toContain(dealName);
    expect(text).toMatch(/Policy v1: attaching it to a deal earns the authors 5 points/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(text).not.toMatch(/\bev-[0-9a-f]{6}/);
    await page.locator('c-credit-statement table a', { hasText: item.title }).first().waitFor();

    // The CSV is the screen: the same header, rows (lines, subtotals, total) and order.
    const screenRows = await page
      .locator('c-credit-statement table tr')
      .evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download this table (CSV)' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(parseCsv(csv)).toEqual(screenRows);
    await page.screenshot({ path: artifact('credits-01-author-statement.png'), fullPage: true });
    await expectNoAxeViolations(page, 'credits: credits-01-author-statement');
    expect(errors).toEqual([]);
  });

  it("when a leader downloads the leaderboard's CSV, then it has exactly the screen's columns (the quarters' trend included) and rows in rank order", async () => {
    const { page, demo } = session;
    const users = (await demo.hub.api.get('/api/demo/users')).body.users as DemoUser[];
    const leader = users.find((u) => u.role === 'leader')!;
    await session.signIn(leader.token, '#/credits');
    // The ranking table (the team comparison below it is not exported).
    const table = page.getByRole('table', { name: /^Contribution credits/ });
    await table.waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: 'How the columns are counted (in the period shown)' }).waitFor();
    // A cell's text as shown, a person's name included: it is a button inside the cell's c-action-buttons (its own shadow root).
    const screenRows = await table.locator('tr').evaluateAll((rows) => {
      const shownText = (node: Node): string =>
        node.nodeType === Node.TEXT_NODE
          ? (node.textContent ?? '')
          : [...((node as Element).shadowRoot?.childNodes ?? []), ...node.childNodes].map(shownText).join('');
      return rows.map((row) => Array.from(row.children, (cell) => shownText(cell).trim()));
    });
    expect(screenRows[0]!.slice(0, 10)).toEqual([
      'Rank',
      'Person',
      'Team',
      'Points',
      'Items',
      'Reused by',
      'Views',
      'Sharing',
      'Participating',
      'Contributing',
    ]);
    // Then the trend: one column per quarter, the last four.
    expect(screenRows[0]!.slice(10)).toHaveLength(4);
    for (const label of screenRows[0]!.slice(10)) expect(label).toMatch(/^\d{4} Q[1-4]$/);
    await page.getByRole('table', { name: 'Points per team in the last four quarters' }).waitFor();
    expect(screenRows.length).toBeGreaterThan(2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    expect(csv).toEqual(screenRows);
    expect(csv.slice(1).map((r) => Number(r[0]))).toEqual(csv.slice(1).map((_, i) => i + 1));
    expect(errors).toEqual([]);
  });
});

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF line ends), enough to read our own export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}
