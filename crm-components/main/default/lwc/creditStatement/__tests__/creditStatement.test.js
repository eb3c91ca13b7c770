import { createElement } from 'lwc';
import { getAllByRole, getByRole, queryAllByRole, queryByRole } from '@testing-library/dom';
import CreditStatement from 'c/creditStatement';
import { getCreditStatement, getMe } from 'c/hubApi';
import { mockBlobDownloads } from '../../../../../jest-utils/blobDownloads';
import { copy, allByRole, flushPromises, selectIn, mount, runEachTestAt } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getCreditStatement: jest.fn(), getMe: jest.fn() }));

const DATA = require('./data/statement.json');

/** jsdom's Blob has no text(); FileReader reads it. */
const readBlob = (blob) =>
    new Promise((resolve) => {
        const reader = new window.FileReader();
        reader.onload = () => resolve(reader.result);
        reader.readAsText(blob);
    });

const picker = (element) => element.shadowRoot.querySelector('c-credit-period-picker').shadowRoot;
const cellsOf = (row) => Array.from(row.children, (c) => c.textContent.trim());

/** A small RFC 4180 reader (quotes, doubled quotes, CRLF) for checking the exported file. */
function parseCsv(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (ch === '"') {
                quoted = false;
            } else {
                cell += ch;
            }
        } else if (ch === '"') {
            quoted = true;
        } else if (ch === ',') {
            row.push(cell);
            cell = '';
        } else if (ch === '\r' && text[i + 1] === '\n') {
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
            i++;
        } else {
            cell += ch;
        }
    }
    return rows;
}

function choose(select, value) {
    select.value = value;
    select.dispatchEvent(new CustomEvent('change', { bubbles: true }));
}

async function render(props = {}, statement = DATA.statement) {
    getMe.mockResolvedValue(copy(DATA.me));
    getCreditStatement.mockResolvedValue(copy(statement));
    const element = createElement('c-credit-statement', { is: CreditStatement });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-credit-statement', () => {
    const downloads = mockBlobDownloads();

    runEachTestAt('2026-11-23T10:00:00Z');

    it('when the statement is loading, then a spinner announces it', async () => {
        getMe.mockResolvedValue(copy(DATA.me));
        getCreditStatement.mockReturnValue(new Promise(() => {}));
        const element = await mount('c-credit-statement', CreditStatement);
        expect(allByRole(element, 'status').some((s) => s.textContent.includes('Loading the credit statement'))).toBe(true);
    });

    it("when no user is given, then it shows the signed-in user's statement for this quarter", async () => {
        await render();
        expect(getMe).toHaveBeenCalledTimes(1);
        expect(getCreditStatement).toHaveBeenCalledWith('u-ana', { from: '2026-10-01', to: '2026-12-31' });
    });

    it('when a user is given, then it asks for theirs without looking up the signed-in user', async () => {
        await render({ userId: 'u-jonas' });
        expect(getMe).not.toHaveBeenCalled();
        expect(getCreditStatement).toHaveBeenCalledWith('u-jonas', { from: '2026-10-01', to: '2026-12-31' });
    });

    it("when the user id changes, then the new person's statement is fetched", async () => {
        const element = await render({ userId: 'u-jonas' });
        element.userId = 'u-mia';
        await flushPromises();
        expect(getCreditStatement).toHaveBeenLastCalledWith('u-mia', { from: '2026-10-01', to: '2026-12-31' });
    });

    it('when loaded, then the total and period show and one sentence explains the fingerprint, the policy versions and how to verify', async () => {
        const element = await render();
        const summary = element.shadowRoot.querySelector('dl.statement-summary');
        expect(summary.textContent).toContain('7.8 pts');
        expect(summary.textContent).toContain('Oct 1, 2026 to Dec 31, 2026');
        const sentence = element.shadowRoot.querySelector('.statement-explanation').textContent;
        expect(sentence).toBe(
            'Fingerprint 9c1f2e7ab04d… identifies exactly these ledger lines, and policy v1 and v2 are the credit rules in force when they were recorded; ' +
                'anyone can check both without the hub: download the statement (JSON) and run npm run statement:verify with the key from GET /api/credits/public-key.'
        );
        expect(element.shadowRoot.textContent).not.toContain('Policy versions');
    });

    it('when loaded, then each line says when, what happened, who, on which item and deal, the rule and the points, grouped by item in time order with subtotals', async () => {
        const element = await render();
        const table = getByRole(element.shadowRoot, 'table', { name: 'Credit lines by item, Oct 1, 2026 to Dec 31, 2026' });
        expect(queryAllByRole(table, 'columnheader').map((h) => h.textContent.trim())).toEqual([
            'When',
            'What happened',
            'Who',
            'Item',
            'Deal',
            'Rule',
            'Share',
            'Points'
        ]);
        const rows = Array.from(table.querySelectorAll('tbody > tr')).map((row) => cellsOf(row));
        const geotab = 'Battlecard: Geotab telematics';
        expect(rows.map((r) => [r[1], r[2], r[3], r[4], r[6], r[7]])).toEqual([
            ['Viewed the item', 'Jonas Weber', geotab, '—', '50%', '0.5 pts'],
            ['Attached it to a deal', 'Jonas Weber', geotab, 'Geotab fleet renewal', '50%', '2.5 pts'],
            ['Won a deal it helped', 'Jonas Weber', geotab, 'Geotab fleet renewal', '50%', '7.5 pts'],
            ['Credit cancelled: the deal was reopened or lost', 'Jonas Weber', geotab, 'Geotab fleet renewal', '50%', '-7.5 pts'],
            ['Subtotal', '', geotab, '', '', '3.0 pts'],
            ['Marked it helpful', 'Mia Keller', 'Fleet pricing guide', '—', '33.3%', '0.3 pts'],
            ['Subtotal', '', 'Fleet pricing guide', '', '', '0.3 pts'],
            ['Derived a new item from it', 'Someone you may not see', 'An item you may not open', '—', '100%', '4.5 pts'],
            ['Subtotal', '', 'An item you may not open', '', '', '4.5 pts']
        ]);
        // Local time in words, never the ledger's ISO stamp.
        const local = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
            new Date('2026-10-06T09:14:02.000Z')
        );
        expect(rows[0][0]).toBe(local);
        expect(table.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
        expect(rows[1][5]).toBe('Policy v1: attaching it to a deal earns the authors 5 points, split by author share.');
        expect(cellsOf(table.querySelector('tfoot tr'))).toEqual(['', 'Total', '', '', '', '', '', '7.8 pts']);
        expect(table.textContent).not.toContain('ev-');
    });

    it('when a line is a reversal, then its points are shown in red and others are not', async () => {
        const element = await render();
        const rows = Array.from(element.shadowRoot.querySelectorAll('tr.statement-line'));
        expect(rows[3].children[7].classList.contains('slds-text-color_error')).toBe(true);
        expect(rows[2].children[7].classList.contains('slds-text-color_error')).toBe(false);
    });

    it('when link patterns are given, then item titles and deal names are links and hidden ones are not', async () => {
        const element = await render({ itemHrefPattern: './#/items/{id}', recordHrefPattern: './#/opportunities/{id}' });
        const table = getByRole(element.shadowRoot, 'table');
        expect(getAllByRole(table, 'link', { name: 'Battlecard: Geotab telematics' })[0].getAttribute('href')).toBe(
            './#/items/ci-battlecard-geotab'
        );
        expect(getAllByRole(table, 'link', { name: 'Geotab fleet renewal' })[0].getAttribute('href')).toBe('./#/opportunities/opp-014');
        expect(queryAllByRole(table, 'link', { name: 'An item you may not open' })).toHaveLength(0);
    });

    it('when a line hides its deal from the reader, then it says so rather than showing a dash', async () => {
        const statement = copy(DATA.statement);
        Object.assign(statement.lines[1], { opportunityId: null, opportunityName: null, actorName: null });
        statement.hiddenLines = [1, 4];
        const element = await render({}, statement);
        const attach = Array.from(element.shadowRoot.querySelectorAll('tr.statement-line'))[1];
        expect(cellsOf(attach).slice(1, 5)).toEqual([
            'Attached it to a deal',
            'Someone you may not see',
            'Battlecard: Geotab telematics',
            'A deal you may not see'
        ]);
    });

    it("when the table is downloaded as CSV, then the file has exactly the screen's columns, rows and order", async () => {
        const element = await render({ itemHrefPattern: './#/items/{id}' });
        getByRole(element.shadowRoot, 'button', { name: 'Download this table (CSV)' }).click();
        await flushPromises();
        const blob = downloads.createObjectURL.mock.calls[0][0];
        const csv = parseCsv(await readBlob(blob));
        const table = getByRole(element.shadowRoot, 'table');
        const screen = Array.from(table.querySelectorAll('thead tr, tbody tr, tfoot tr')).map((row) => cellsOf(row));
        expect(csv).toEqual(screen);
        expect(csv).toHaveLength(1 + 6 + 3 + 1);
        const file = element.shadowRoot.querySelector('c-csv-file.statement-csv');
        expect(getByRole(file.shadowRoot, 'link').getAttribute('download')).toBe('credit-statement-u-ana-2026-10-01-to-2026-12-31.csv');
    });

    it('when the period changes, then it re-fetches with the new dates', async () => {
        const element = await render({ userId: 'u-ana' });
        choose(selectIn(picker(element), 'Period'), 'last_quarter');
        await flushPromises();
        expect(getCreditStatement).toHaveBeenLastCalledWith('u-ana', { from: '2026-07-01', to: '2026-09-30' });
    });

    it('when the statement carries a proof, then it reads as verified with the key id and says how to check it offline', async () => {
        const element = await render();
        const proof = getByRole(element.shadowRoot, 'region', { name: 'Verified statement · key 3f9a1c0d52e7b864' });
        expect(proof.textContent).toContain('ledger checkpoint 412 (412 entries, signed with key 3f9a1c0d52e7b864)');
        expect(proof.textContent).toContain('/api/credits/public-key');
        expect(proof.textContent).toContain('npm run statement:verify -- statement.json --public-key key.json');
        expect(getByRole(proof, 'button', { name: 'Download statement (JSON)' })).not.toBeNull();
    });

    it('when the statement is downloaded, then the JSON file holds the statement exactly as the hub sent it', async () => {
        const element = await render();
        getByRole(element.shadowRoot, 'button', { name: 'Download statement (JSON)' }).click();
        await flushPromises();
        const blob = downloads.createObjectURL.mock.calls[0][0];
        expect(blob.type).toBe('application/json');
        expect(JSON.parse(await readBlob(blob))).toEqual(DATA.statement);
        const file = element.shadowRoot.querySelector('c-csv-file.statement-json');
        expect(file.shadowRoot.textContent).toContain('Statement ready');
        expect(getByRole(file.shadowRoot, 'link').getAttribute('download')).toBe('credit-statement-u-ana-2026-10-01-to-2026-12-31.json');
        expect(downloads.clicks).toHaveBeenCalledTimes(1);
    });

    it('when a statement has no proof (an older hub), then no verification claim is shown', async () => {
        const unsigned = copy(DATA.statement);
        delete unsigned.proof;
        const element = await render({}, unsigned);
        expect(element.shadowRoot.textContent).not.toContain('Verified statement');
        expect(queryByRole(element.shadowRoot, 'button', { name: 'Download statement (JSON)' })).toBeNull();
    });

    it('when the period has no credit, then it says so', async () => {
        const element = await render({}, { ...DATA.statement, lines: [], totalMilliPoints: 0, policyVersions: [] });
        expect(element.shadowRoot.textContent).toContain('No credits in this period');
        expect(element.shadowRoot.textContent).toContain('0.0 pts');
        expect(queryByRole(element.shadowRoot, 'table')).toBeNull();
    });

    it('when the hub refuses (403), then it explains who may see which statement', async () => {
        getCreditStatement.mockRejectedValue({
            status: 403,
            body: { code: 'forbidden', message: 'You may only see your own credit statement' }
        });
        const element = createElement('c-credit-statement', { is: CreditStatement });
        element.userId = 'u-lena';
        document.body.appendChild(element);
        await flushPromises();
        expect(allByRole(element, 'alert')[0].textContent).toContain('You can only see your own statement (leaders: their teams).');
    });

    it('when loading fails otherwise, then the generic message and retry show', async () => {
        getCreditStatement.mockRejectedValueOnce({ body: { message: 'The Knowledge Hub answered 500.' } });
        const element = createElement('c-credit-statement', { is: CreditStatement });
        element.userId = 'u-ana';
        document.body.appendChild(element);
        await flushPromises();
        expect(allByRole(element, 'alert')[0].textContent).toContain('The credit statement could not be loaded.');
        getCreditStatement.mockResolvedValue(copy(DATA.statement));
        allByRole(element, 'button', { name: 'Try again' })[0].click();
        await flushPromises();
        expect(queryByRole(element.shadowRoot, 'table')).not.toBeNull();
    });

    it('when loaded, empty or refused, then each state passes the accessibility checks (sa11y)', async () => {
        let element = await render({ itemHrefPattern: './#/items/{id}', recordHrefPattern: './#/opportunities/{id}' });
        await expect(element).toBeAccessible();
        document.body.removeChild(element);
        element = await render({}, { ...DATA.statement, lines: [], totalMilliPoints: 0, policyVersions: [] });
        await expect(element).toBeAccessible();
        document.body.removeChild(element);
        getCreditStatement.mockRejectedValue({ status: 403, body: { code: 'forbidden', message: 'no' } });
        element = createElement('c-credit-statement', { is: CreditStatement });
        element.userId = 'u-lena';
        document.body.appendChild(element);
        await flushPromises();
        await expect(element).toBeAccessible();
    });

    it('when the statement arrives, then a live region that was already in the page announces what came', async () => {
        getMe.mockResolvedValue(copy(DATA.me));
        let resolve;
        getCreditStatement.mockReturnValue(new Promise((r) => (resolve = r)));
        const element = await mount('c-credit-statement', CreditStatement);
        const region = Array.from(element.shadowRoot.querySelectorAll('[role="status"]')).find((r) =>
            r.classList.contains('slds-assistive-text')
        );
        expect(region.textContent).toBe('');
        resolve(copy(DATA.statement));
        await flushPromises();
        expect(Array.from(element.shadowRoot.querySelectorAll('[role="status"]')).includes(region)).toBe(true);
        expect(region.textContent).toBe('6 credit lines, total 7.8 pts, Oct 1, 2026 to Dec 31, 2026.');
    });
});
