import { getByRole, queryAllByRole } from '@testing-library/dom';
import ContributionLeaderboard from 'c/contributionLeaderboard';
import { mockBlobDownloads } from '../../../../../jest-utils/blobDownloads';
import { downloadCreditsCsv, getCreditLeaderboard, getMe, listUsers } from 'c/hubApi';
import { copy, allByRole, flushPromises, selectIn, mount, runEachTestAt, oneByRole, shadowRoots } from 'jest-utils';

/** A cell's text, a name's button (in its own c-action-buttons) included. */
const deepCellText = (cell) =>
    shadowRoots(cell)
        .map((root) => root.textContent)
        .join('')
        .trim();

jest.mock('c/hubApi', () => ({ downloadCreditsCsv: jest.fn(), getCreditLeaderboard: jest.fn(), getMe: jest.fn(), listUsers: jest.fn() }));

const DATA = require('./data/leaderboard.json');

// setTimeout stays real so flushPromises works; only the clock is fixed (Q4 2026).

const picker = (element) =>
    element.shadowRoot.querySelector('c-period-team-filter').shadowRoot.querySelector('c-credit-period-picker').shadowRoot;
/** A custom period's date input: each sits in its own c-form-field, with the label that names it. */
const dateInput = (element, name) =>
    shadowRoots(picker(element))
        .map((root) => root.querySelector(`input[name="${name}"]`))
        .find(Boolean);
const labelOf = (input) => input.getRootNode().querySelector(`label[for="${input.id}"]`).textContent.trim();
const csvRoot = (element) => element.shadowRoot.querySelector('c-credit-csv-download').shadowRoot;

function choose(select, value) {
    select.value = value;
    select.dispatchEvent(new CustomEvent('change', { bubbles: true }));
}

async function render({ me = DATA.me, board = DATA.leaderboard } = {}) {
    getMe.mockResolvedValue(copy(me));
    listUsers.mockResolvedValue(copy(DATA.users));
    getCreditLeaderboard.mockResolvedValue(copy(board));
    const element = await mount('c-contribution-leaderboard', ContributionLeaderboard);
    return element;
}

describe('c-contribution-leaderboard', () => {
    runEachTestAt('2026-11-23T10:00:00Z');

    it('when the leaderboard is loading, then a spinner announces it', async () => {
        getMe.mockResolvedValue(copy(DATA.me));
        listUsers.mockResolvedValue(copy(DATA.users));
        getCreditLeaderboard.mockReturnValue(new Promise(() => {}));
        const element = await mount('c-contribution-leaderboard', ContributionLeaderboard);
        expect(allByRole(element, 'status').some((s) => s.textContent.includes('Loading the leaderboard'))).toBe(true);
    });

    it('when a leader opens it, then it asks for this quarter and their first led team', async () => {
        const element = await render();
        expect(getCreditLeaderboard).toHaveBeenCalledWith({ from: '2026-10-01', to: '2026-12-31', team: 'DACH Enterprise' });
        expect(selectIn(element.shadowRoot, 'Team').value).toBe('DACH Enterprise');
    });

    it('when people earned credit, then a captioned table ranks them with points, items and reuse', async () => {
        const element = await render();
        const table = oneByRole(element, 'table', {
            name: /Contribution credits for team DACH Enterprise, Oct 1, 2026 to Dec 31, 2026/
        });
        const headers = queryAllByRole(table, 'columnheader').map((h) => h.textContent.trim());
        expect(headers).toEqual(['Rank', 'Person', 'Team', 'Points', 'Items', 'Reused by']);
        const cells = queryAllByRole(table, 'row')
            .slice(1)
            .map((row) => Array.from(row.children, (c) => deepCellText(c)));
        expect(cells).toEqual([
            ['1', 'Ana Souza', 'DACH Enterprise', '12.5', '4', '3'],
            ['2', 'Jonas Weber', 'DACH Enterprise', '3.3', '1', '2'],
            ['3', 'Lena Hoffmann', 'DACH Enterprise', '-0.3', '1', '1']
        ]);
        expect(queryAllByRole(table, 'rowheader')).toHaveLength(3);
    });

    it('when rows carry views and engagement levels, then Views, Sharing, Participating and Contributing columns show them', async () => {
        const element = await render({ board: DATA.leaderboardWithEngagement });
        const table = oneByRole(element, 'table');
        expect(
            queryAllByRole(table, 'columnheader')
                .map((h) => h.textContent.trim())
                .slice(6)
        ).toEqual(['Views', 'Sharing', 'Participating', 'Contributing']);
        // One precision for the three levels: contributing is a fraction of items.
        expect(Array.from(queryAllByRole(table, 'row')[1].children, (c) => c.textContent.trim()).slice(6)).toEqual([
            '27',
            '7.0',
            '12.0',
            '0.8'
        ]);
    });

    it('when engagement levels show, then a legend says how each of sharing, participating and contributing is counted', async () => {
        const element = await render({ board: DATA.leaderboardWithEngagement });
        const legend = getByRole(element.shadowRoot, 'region', { name: 'How the columns are counted (in the period shown)' });
        const terms = Array.from(legend.querySelectorAll('dt'), (dt) => dt.textContent.trim());
        expect(terms).toEqual(['Points', 'Items · Reused by', 'Views', 'Sharing', 'Participating', 'Contributing']);
        const text = legend.textContent.replace(/\s+/g, ' ');
        expect(text).toContain('Times the person shared an item with a colleague or a client.');
        expect(text).toContain('Views, helpful marks, attachments to deals and outdated flags the person made.');
        expect(text).toContain('each counted by their author share (a co-written item at 50% counts 0.5)');
    });

    it('when the hub sends the last four quarters, then each row shows its points per quarter as text with a bar hidden from screen readers', async () => {
        const element = await render({ board: DATA.leaderboardWithTrend });
        const table = oneByRole(element, 'table', { name: /^Contribution credits/ });
        expect(
            queryAllByRole(table, 'columnheader')
                .map((h) => h.textContent.trim())
                .slice(10)
        ).toEqual(['2026 Q1', '2026 Q2', '2026 Q3', '2026 Q4']);
        const first = queryAllByRole(table, 'row')[1];
        expect(Array.from(first.children, (c) => c.textContent.trim()).slice(10)).toEqual(['3.0', '6.0', '0.0', '12.5']);
        const bars = Array.from(first.querySelectorAll('.trend-bar'));
        expect(bars.map((b) => b.getAttribute('aria-hidden'))).toEqual(['true', 'true', 'true', 'true']);
        // Scaled to the person's best quarter; an empty quarter has no bar.
        expect(bars.map((b) => b.style.width)).toEqual(['8px', '15px', '0px', '32px']);
        const legend = getByRole(element.shadowRoot, 'region', { name: 'How the columns are counted (in the period shown)' });
        expect(legend.textContent.replace(/\s+/g, ' ')).toContain(
            'Points in each of the last four calendar quarters up to the end of the period'
        );
        expect(legend.textContent).toContain('2026 Q4 is still running.');
    });

    it('when the hub sends team trends, then a team comparison table lists every visible team on one scale', async () => {
        const element = await render({ board: DATA.leaderboardWithTrend });
        const teams = oneByRole(element, 'table', { name: 'Points per team in the last four quarters' });
        const rows = queryAllByRole(teams, 'row').map((r) => Array.from(r.children, (c) => c.textContent.trim()));
        expect(rows).toEqual([
            ['Team', '2026 Q1', '2026 Q2', '2026 Q3', '2026 Q4'],
            ['DACH Enterprise', '4.0', '8.3', '0.0', '15.6'],
            ['EMEA Enterprise', '2.0', '1.0', '6.5', '3.0']
        ]);
        expect(oneByRole(element, 'region', { name: 'Team comparison (scrolls sideways)' }).getAttribute('tabindex')).toBe('0');
        expect(Array.from(teams.querySelectorAll('tbody tr')[1].querySelectorAll('.trend-bar'), (b) => b.style.width)).toEqual([
            '4px',
            '2px',
            '13px',
            '6px'
        ]);
        await expect(element).toBeAccessible();
    });

    it('when the hub sends no trend, then no quarter columns and no team comparison appear', async () => {
        const element = await render({ board: DATA.leaderboardWithEngagement });
        expect(allByRole(element, 'table')).toHaveLength(1);
        expect(shadowRoots(element.shadowRoot).flatMap((root) => [...root.querySelectorAll('.trend-bar')])).toHaveLength(0);
    });

    it('when the table is wider than a phone, then it scrolls in a labelled, focusable region', async () => {
        const element = await render();
        const region = oneByRole(element, 'region', { name: 'Leaderboard table (scrolls sideways)' });
        expect(region.getAttribute('tabindex')).toBe('0');
        expect(region.querySelector('table')).not.toBeNull();
    });

    it('when the team filter changes, then the leaderboard is fetched for that team', async () => {
        const element = await render();
        const team = selectIn(element.shadowRoot, 'Team');
        expect(Array.from(team.options, (o) => o.textContent)).toEqual(['All teams', 'DACH Enterprise', 'DACH Mid-Market']);
        choose(team, 'DACH Mid-Market');
        await flushPromises();
        expect(getCreditLeaderboard).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-12-31', team: 'DACH Mid-Market' });
        choose(team, '');
        await flushPromises();
        expect(getCreditLeaderboard).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-12-31', team: undefined });
    });

    it.each([
        ['last_quarter', { from: '2026-07-01', to: '2026-09-30' }],
        ['this_year', { from: '2026-01-01', to: '2026-12-31' }]
    ])('when the period becomes %s, then it re-fetches with %p', async (preset, range) => {
        const element = await render();
        choose(selectIn(picker(element), 'Period'), preset);
        await flushPromises();
        expect(getCreditLeaderboard).toHaveBeenLastCalledWith({ ...range, team: 'DACH Enterprise' });
    });

    it('when a custom period is chosen, then labelled date inputs appear and a valid range re-fetches', async () => {
        const element = await render();
        choose(selectIn(picker(element), 'Period'), 'custom');
        await flushPromises();
        const from = dateInput(element, 'from');
        const to = dateInput(element, 'to');
        expect(labelOf(from)).toBe('From');
        expect(labelOf(to)).toBe('To');
        choose(from, '2026-11-01');
        await flushPromises();
        expect(getCreditLeaderboard).toHaveBeenLastCalledWith({ from: '2026-11-01', to: '2026-12-31', team: 'DACH Enterprise' });
        const calls = getCreditLeaderboard.mock.calls.length;
        choose(dateInput(element, 'to'), '2026-10-15');
        await flushPromises();
        expect(getCreditLeaderboard).toHaveBeenCalledTimes(calls);
        expect(getByRole(picker(element), 'alert').textContent).toContain('on or before the end date');
    });

    it('when a person is clicked, then a select event carries their user id', async () => {
        const element = await render();
        const handler = jest.fn();
        element.addEventListener('select', handler);
        oneByRole(element, 'button', { name: 'Jonas Weber' }).click();
        expect(handler).toHaveBeenCalledTimes(1);
        expect(handler.mock.calls[0][0].detail).toEqual({ userId: 'u-jonas' });
    });

    it('when nobody earned credit, then it says so', async () => {
        const element = await render({ board: { rows: [] } });
        expect(element.shadowRoot.textContent).toContain('No credits in this period');
        expect(allByRole(element, 'table')).toHaveLength(0);
    });

    it('when loading fails, then the error panel explains it and retry loads again', async () => {
        getMe.mockResolvedValue(copy(DATA.me));
        listUsers.mockResolvedValue(copy(DATA.users));
        getCreditLeaderboard.mockRejectedValueOnce({
            status: 403,
            body: { code: 'forbidden', message: 'You may not see credits of team X' }
        });
        const element = await mount('c-contribution-leaderboard', ContributionLeaderboard);
        const alert = allByRole(element, 'alert')[0];
        expect(alert.textContent).toContain('The leaderboard could not be loaded.');
        expect(alert.textContent).toContain('You may not see credits of team X');
        getCreditLeaderboard.mockResolvedValue(copy(DATA.leaderboard));
        allByRole(element, 'button', { name: 'Try again' })[0].click();
        await flushPromises();
        expect(allByRole(element, 'table')).toHaveLength(1);
    });

    describe('CSV download', () => {
        const downloads = mockBlobDownloads('blob:http://localhost/credits');

        it('when a leader downloads, then the CSV for the shown period and team becomes a Blob link that is clicked', async () => {
            downloadCreditsCsv.mockResolvedValue(DATA.csv);
            const element = await render();
            getByRole(csvRoot(element), 'button', { name: 'Download CSV' }).click();
            await flushPromises();
            expect(downloadCreditsCsv).toHaveBeenCalledWith({ from: '2026-10-01', to: '2026-12-31', team: 'DACH Enterprise' });
            const blob = downloads.createObjectURL.mock.calls[0][0];
            expect(blob).toBeInstanceOf(Blob);
            expect(blob.type).toBe('text/csv;charset=utf-8');
            const link = getByRole(csvRoot(element).querySelector('c-csv-file').shadowRoot, 'link');
            expect(link.getAttribute('href')).toBe('blob:http://localhost/credits-1');
            expect(link.getAttribute('download')).toBe('credits-DACH-Enterprise-2026-10-01-to-2026-12-31.csv');
            expect(downloads.clicks).toHaveBeenCalledTimes(1);
        });

        it('when the export fails, then the error is shown beside the button', async () => {
            downloadCreditsCsv.mockRejectedValue({ body: { message: 'Only leaders and admins export credits' } });
            const element = await render();
            getByRole(csvRoot(element), 'button', { name: 'Download CSV' }).click();
            await flushPromises();
            expect(allByRole(element, 'alert')[0].textContent).toContain('Only leaders and admins export credits');
            expect(downloads.createObjectURL).not.toHaveBeenCalled();
        });

        it('when a rep looks, then there is no download and only their team to choose', async () => {
            const element = await render({
                me: { id: 'u-jonas', name: 'Jonas Weber', role: 'rep', team: 'DACH Enterprise', leadsTeams: [] }
            });
            expect(element.shadowRoot.querySelector('c-credit-csv-download')).toBeNull();
            expect(getCreditLeaderboard).toHaveBeenCalledWith({ from: '2026-10-01', to: '2026-12-31', team: undefined });
            const team = selectIn(element.shadowRoot, 'Team');
            expect(Array.from(team.options, (o) => o.textContent)).toEqual(['All teams', 'DACH Enterprise']);
        });
    });

    it('when loaded with engagement levels and the legend, then it passes the accessibility checks (sa11y)', async () => {
        const element = await render({ board: DATA.leaderboardWithEngagement });
        await expect(element).toBeAccessible();
    });

    it('when the leaderboard loads, then a live region announces how many people are ranked for which team and period', async () => {
        const element = await render();
        const region = Array.from(element.shadowRoot.querySelectorAll('[role="status"]')).find((r) =>
            r.classList.contains('slds-assistive-text')
        );
        expect(region.textContent).toBe('3 people ranked. Contribution credits for team DACH Enterprise, Oct 1, 2026 to Dec 31, 2026.');
    });
});
