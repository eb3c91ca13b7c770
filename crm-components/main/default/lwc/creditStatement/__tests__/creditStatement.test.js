import { createElement } from 'lwc';
import { getByRole, queryAllByRole, queryByRole } from '@testing-library/dom';
import CreditStatement from 'c/creditStatement';
import { getCreditStatement, getMe } from 'c/hubApi';
import { mockBlobDownloads } from '../../../../../jest-utils/blobDownloads';
import { flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getCreditStatement: jest.fn(), getMe: jest.fn() }));

const DATA = require('./data/statement.json');
const copy = (value) => JSON.parse(JSON.stringify(value));

/** jsdom's Blob has no text(); FileReader reads it. */
const readBlob = (blob) =>
    new Promise((resolve) => {
        const reader = new window.FileReader();
        reader.onload = () => resolve(reader.result);
        reader.readAsText(blob);
    });

const allByRole = (element, role, options) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, role, options));
const picker = (element) => element.shadowRoot.querySelector('c-credit-period-picker').shadowRoot;
const cellsOf = (row) => Array.from(row.children, (c) => c.textContent.trim());
/** Body rows only: each line's tbody starts with its main row. */
const lineRows = (table) => Array.from(table.querySelectorAll('tbody > tr:first-child'));

function choose(select, value) {
    select.value = value;
    select.dispatchEvent(new CustomEvent('change'));
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

    beforeEach(() => {
        jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z'), doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
        jest.clearAllMocks();
    });

    it('when the statement is loading, then a spinner announces it', async () => {
        getMe.mockResolvedValue(copy(DATA.me));
        getCreditStatement.mockReturnValue(new Promise(() => {}));
        const element = createElement('c-credit-statement', { is: CreditStatement });
        document.body.appendChild(element);
        await flushPromises();
        expect(allByRole(element, 'status').some((s) => s.textContent.includes('Loading the credit statement'))).toBe(true);
    });

    it('when no user is given, then it shows the signed-in user\'s statement for this quarter', async () => {
        await render();
        expect(getMe).toHaveBeenCalledTimes(1);
        expect(getCreditStatement).toHaveBeenCalledWith('u-ana', { from: '2026-10-01', to: '2026-12-31' });
    });

    it('when a user is given, then it asks for theirs without looking up the signed-in user', async () => {
        await render({ userId: 'u-jonas' });
        expect(getMe).not.toHaveBeenCalled();
        expect(getCreditStatement).toHaveBeenCalledWith('u-jonas', { from: '2026-10-01', to: '2026-12-31' });
    });

    it('when the user id changes, then the new person\'s statement is fetched', async () => {
        const element = await render({ userId: 'u-jonas' });
        element.userId = 'u-mia';
        await flushPromises();
        expect(getCreditStatement).toHaveBeenLastCalledWith('u-mia', { from: '2026-10-01', to: '2026-12-31' });
    });

    it('when loaded, then the header shows the total, the policy versions and a short digest with the full value described', async () => {
        const element = await render();
        const summary = element.shadowRoot.querySelector('dl.statement-summary');
        expect(summary.textContent).toContain('7.8 pts');
        expect(summary.textContent).toContain('v1, v2');
        expect(summary.textContent).toContain('Oct 1, 2026 to Dec 31, 2026');
        const digest = element.shadowRoot.querySelector('.statement-digest');
        expect(digest.textContent).toBe('9c1f2e7ab04d…');
        expect(digest.getAttribute('title')).toBe(DATA.statement.digest);
        expect(digest.getAttribute('aria-description')).toBe(`Statement digest ${DATA.statement.digest}`);
    });

    it('when loaded, then each line reads its type, item, opportunity, share, points and date', async () => {
        const element = await render();
        const table = getByRole(element.shadowRoot, 'table', { name: 'Credit lines, Oct 1, 2026 to Dec 31, 2026' });
        expect(queryAllByRole(table, 'columnheader').map((h) => h.textContent.trim())).toEqual(['Type', 'Item', 'Opportunity', 'Share', 'Points', 'Date', 'Evidence']);
        expect(lineRows(table).map((row) => cellsOf(row).slice(0, 6))).toEqual([
            ['View', 'Battlecard: Geotab telematics', '—', '50%', '0.5 pts', 'Oct 6, 2026'],
            ['Attached to a deal', 'Battlecard: Geotab telematics', 'opp-014', '50%', '2.5 pts', 'Oct 6, 2026'],
            ['Marked helpful', 'Fleet pricing guide', '—', '33.3%', '0.3 pts', 'Oct 19, 2026'],
            ['Won-deal influence', 'Battlecard: Geotab telematics', 'opp-014', '50%', '7.5 pts', 'Nov 2, 2026'],
            ['Derived', 'ci-deal-story-northwind', '—', '100%', '4.5 pts', 'Nov 10, 2026'],
            ['Reversal', 'Battlecard: Geotab telematics', 'opp-014', '50%', '-7.5 pts', 'Nov 12, 2026']
        ]);
    });

    it('when a line is a reversal, then its points are shown in red and others are not', async () => {
        const element = await render();
        const rows = lineRows(getByRole(element.shadowRoot, 'table'));
        expect(rows[5].children[4].classList.contains('slds-text-color_error')).toBe(true);
        expect(rows[3].children[4].classList.contains('slds-text-color_error')).toBe(false);
    });

    it('when a line is expanded, then its event and ledger entry appear and the button says it is expanded', async () => {
        const element = await render();
        const toggle = getByRole(element.shadowRoot, 'button', { name: 'Show evidence for Won-deal influence of Battlecard: Geotab telematics' });
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect(element.shadowRoot.querySelector('tr.evidence')).toBeNull();
        toggle.click();
        await flushPromises();
        const evidence = element.shadowRoot.querySelector('tr.evidence');
        expect(evidence.textContent).toContain('ev-80b112');
        expect(evidence.textContent).toContain('188');
        expect(evidence.textContent).toContain('2026-11-02T11:00:00.000Z');
        const open = getByRole(element.shadowRoot, 'button', { name: 'Hide evidence for Won-deal influence of Battlecard: Geotab telematics' });
        expect(open.getAttribute('aria-expanded')).toBe('true');
        open.click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('tr.evidence')).toBeNull();
    });

    it('when the period changes, then it re-fetches with the new dates', async () => {
        const element = await render({ userId: 'u-ana' });
        choose(getByRole(picker(element), 'combobox', { name: 'Period' }), 'last_quarter');
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
        const file = element.shadowRoot.querySelector('c-csv-file');
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
        getCreditStatement.mockRejectedValue({ status: 403, body: { code: 'forbidden', message: 'You may only see your own credit statement' } });
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
});
