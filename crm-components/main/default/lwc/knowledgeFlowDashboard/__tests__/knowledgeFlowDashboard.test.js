import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import KnowledgeFlowDashboard from 'c/knowledgeFlowDashboard';
import { mockBlobDownloads } from '../../../../../jest-utils/blobDownloads';
import {
    archiveContent,
    createContentRequest,
    getContent,
    getDeadContent,
    getFlowMetrics,
    getMe,
    getPipelineGaps,
    getSearchGaps,
    listContentRequests,
    listUsers,
    nudgeContentOwner,
    restoreContent,
    verifyContent,
    widenContentVisibility
} from 'c/hubApi';
import { copy, allByRole, flushPromises, selectIn, mount, runEachTestAt, oneByRole, deepText, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    archiveContent: jest.fn(),
    createContentRequest: jest.fn(),
    getContent: jest.fn(),
    getDeadContent: jest.fn(),
    getFlowMetrics: jest.fn(),
    getMe: jest.fn(),
    getPipelineGaps: jest.fn(),
    getSearchGaps: jest.fn(),
    listContentRequests: jest.fn(),
    listUsers: jest.fn(),
    nudgeContentOwner: jest.fn(),
    restoreContent: jest.fn(),
    verifyContent: jest.fn(),
    widenContentVisibility: jest.fn()
}));

const ME = require('./data/me.json');
const METRICS = require('./data/metrics.json');
const DEAD = require('./data/deadContent.json');
const SEARCH_GAPS = require('./data/searchGaps.json');
const PIPELINE_GAPS = require('./data/pipelineGaps.json');
const REQUESTS = require('./data/contentRequests.json');
const USERS = require('./data/users.json');

// setTimeout stays real so flushPromises works; only the clock is fixed (Q4 2026).

/** jsdom's Blob has no text(); FileReader reads it the way a browser would. */
const readBlob = (blob) =>
    new Promise((resolve) => {
        const reader = new window.FileReader();
        reader.onload = () => resolve(reader.result);
        reader.readAsText(blob);
    });
const child = (element, tag) => element.shadowRoot.querySelector(tag).shadowRoot;
/** The focused element below a shadow root, followed into the child component that holds it (an item's c-action-buttons). */
function focusedIn(root) {
    let focused = root.activeElement;
    while (focused && focused.shadowRoot && focused.shadowRoot.activeElement) {
        focused = focused.shadowRoot.activeElement;
    }
    return focused;
}
/** An item's buttons, those in its c-action-buttons included. */
const itemButtons = (item) => shadowRoots(item).flatMap((root) => queryAllByRole(root, 'button'));

/** The select named `label`, once it is checked to offer `expected` (its options as the user reads them). */
function selectOffering(element, label, expected) {
    const select = selectIn(element.shadowRoot, label);
    expect(Array.from(select.options, (o) => o.textContent)).toEqual(expected);
    return select;
}

function choose(select, value) {
    select.value = value;
    select.dispatchEvent(new CustomEvent('change', { bubbles: true }));
}

function mockHub({ me = ME.leader, dead = DEAD } = {}) {
    getMe.mockResolvedValue(copy(me));
    listUsers.mockResolvedValue(copy(USERS));
    getFlowMetrics.mockResolvedValue(copy(METRICS));
    getDeadContent.mockResolvedValue(copy(dead));
    getSearchGaps.mockResolvedValue(copy(SEARCH_GAPS));
    getPipelineGaps.mockResolvedValue(copy(PIPELINE_GAPS));
    listContentRequests.mockResolvedValue(copy(REQUESTS));
}

async function render(options = {}) {
    mockHub(options);
    const element = createElement('c-knowledge-flow-dashboard', { is: KnowledgeFlowDashboard });
    if (options.itemHrefPattern) {
        element.itemHrefPattern = options.itemHrefPattern;
    }
    document.body.appendChild(element);
    await flushPromises();
    await flushPromises();
    return element;
}

describe('c-knowledge-flow-dashboard', () => {
    runEachTestAt('2026-11-23T10:00:00Z');

    it('when the reports are loading, then each section announces it with a spinner', async () => {
        mockHub();
        getFlowMetrics.mockReturnValue(new Promise(() => {}));
        getDeadContent.mockReturnValue(new Promise(() => {}));
        getSearchGaps.mockReturnValue(new Promise(() => {}));
        const element = await mount('c-knowledge-flow-dashboard', KnowledgeFlowDashboard);
        const labels = allByRole(element, 'status').map((s) => s.textContent.trim());
        expect(labels).toEqual(expect.arrayContaining(['Loading the flow metrics', 'Loading dead content', 'Loading content gaps']));
    });

    it('when a leader leads several teams, then it starts with all of them so the charts compare the teams', async () => {
        const element = await render({ me: { ...ME.leader, leadsTeams: ['NA Enterprise', 'NA Mid-Market'] } });
        expect(getFlowMetrics).toHaveBeenCalledWith({ from: '2026-10-01', to: '2026-12-31', team: undefined });
        expect(selectIn(element.shadowRoot, 'Team').value).toBe('');
        // The metrics answer has one entry per team, and the engagement chart draws each.
        const engagement = allByRole(element, 'img')[0].getAttribute('aria-label');
        for (const t of METRICS.teams) expect(engagement).toContain(`${t.team}:`);
    });

    it('when a leader opens it, then every report is asked for this quarter and their team', async () => {
        await render();
        const period = { from: '2026-10-01', to: '2026-12-31' };
        expect(getFlowMetrics).toHaveBeenCalledWith({ ...period, team: 'NA Enterprise' });
        expect(getDeadContent).toHaveBeenCalledWith({ days: 90, team: 'NA Enterprise' });
        expect(getSearchGaps).toHaveBeenCalledWith(period);
        expect(getPipelineGaps).toHaveBeenCalledWith({ team: 'NA Enterprise' });
        // Only admins handle content requests.
        expect(listContentRequests).not.toHaveBeenCalled();
    });

    it('when the figures arrive, then cards, both charts, dead content and gaps are shown', async () => {
        const element = await render();
        expect(child(element, 'c-flow-metric-cards').textContent).toContain('62.2%');
        expect(element.shadowRoot.querySelector('.expert-contacts').textContent).toBe('Experts contacted: 12 times, 9 from a deal.');
        const charts = allByRole(element, 'img');
        expect(charts.map((c) => c.getAttribute('aria-label').split('.')[0])).toEqual([
            'Engagement by team (events in the period)',
            'Contributions per day: quarter end versus the rest'
        ]);
        expect(charts[0].getAttribute('aria-label')).toContain('APAC Growth: Sharing 8, Participating 149, Contributing 8');
        expect(
            oneByRole(element, 'table', { name: 'Contributions per day: quarter end versus the rest' }).parentElement.classList.contains(
                'slds-assistive-text'
            )
        ).toBe(true);
        expect(child(element, 'c-dead-content-list').textContent).toContain('Marc Dubois');
        expect(deepText(element.shadowRoot.querySelector('c-content-gap-list'))).toContain('snowcrest migration runbook');
        expect(deepText(element.shadowRoot.querySelector('c-content-gap-list'))).toContain('Atlasgrid');
    });

    it('when the team changes, then the metrics, dead content and pipeline gaps are fetched for that team', async () => {
        const element = await render({ me: ME.admin });
        const team = selectOffering(element, 'Team', [
            'All teams',
            'Administration',
            'APAC Growth',
            'EMEA Enterprise',
            'NA Enterprise',
            'NA Mid-Market'
        ]);
        expect(getFlowMetrics).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-12-31', team: undefined });
        choose(team, 'APAC Growth');
        await flushPromises();
        expect(getFlowMetrics).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-12-31', team: 'APAC Growth' });
        expect(getDeadContent).toHaveBeenLastCalledWith({ days: 90, team: 'APAC Growth' });
        expect(getPipelineGaps).toHaveBeenLastCalledWith({ team: 'APAC Growth' });
    });

    it('when the period changes, then metrics and search gaps are fetched for it', async () => {
        const element = await render();
        choose(selectIn(element.shadowRoot, 'Period'), 'last_quarter');
        await flushPromises();
        expect(getFlowMetrics).toHaveBeenLastCalledWith({ from: '2026-07-01', to: '2026-09-30', team: 'NA Enterprise' });
        expect(getSearchGaps).toHaveBeenLastCalledWith({ from: '2026-07-01', to: '2026-09-30' });
    });

    it('when the idle window changes, then only dead content is fetched again', async () => {
        const element = await render();
        const metricsCalls = getFlowMetrics.mock.calls.length;
        choose(selectIn(element.shadowRoot, 'Not reused for'), '180');
        await flushPromises();
        expect(getDeadContent).toHaveBeenLastCalledWith({ days: 180, team: 'NA Enterprise' });
        expect(getFlowMetrics).toHaveBeenCalledTimes(metricsCalls);
    });

    it('when one report fails, then its section shows the error and the others still show', async () => {
        mockHub();
        getFlowMetrics.mockRejectedValueOnce({ body: { message: 'Only leaders and admins see flow metrics' } });
        const element = await mount('c-knowledge-flow-dashboard', KnowledgeFlowDashboard);
        await flushPromises();
        const alert = oneByRole(element, 'alert');
        expect(alert.textContent).toContain('The flow metrics could not be loaded.');
        expect(alert.textContent).toContain('Only leaders and admins see flow metrics');
        expect(child(element, 'c-dead-content-list').textContent).toContain('Marc Dubois');
        oneByRole(element, 'button', { name: 'Try again' }).click();
        await flushPromises();
        expect(allByRole(element, 'alert')).toHaveLength(0);
        expect(allByRole(element, 'img')).toHaveLength(2);
    });

    it('when the user cannot be identified, then the whole dashboard shows the error', async () => {
        getMe.mockRejectedValue({ body: { message: 'Session expired' } });
        listUsers.mockResolvedValue(copy(USERS));
        const element = await mount('c-knowledge-flow-dashboard', KnowledgeFlowDashboard);
        expect(oneByRole(element, 'alert').textContent).toContain('The knowledge flow could not be loaded.');
        expect(getFlowMetrics).not.toHaveBeenCalled();
    });

    it('when nothing is dead and there are no gaps, then each section says so', async () => {
        mockHub();
        getDeadContent.mockResolvedValue({ ...copy(DEAD), owners: [], teams: [] });
        getSearchGaps.mockResolvedValue({ ...copy(SEARCH_GAPS), gaps: [] });
        getPipelineGaps.mockResolvedValue({ ...copy(PIPELINE_GAPS), gaps: [] });
        const element = await mount('c-knowledge-flow-dashboard', KnowledgeFlowDashboard);
        await flushPromises();
        expect(child(element, 'c-dead-content-list').textContent).toContain('No dead or stale content');
        expect(deepText(element.shadowRoot.querySelector('c-content-gap-list'))).toContain('Every search in this period found something');
        expect(deepText(element.shadowRoot.querySelector('c-content-gap-list'))).toContain(
            'Every competitor, industry and product in open deals has fresh knowledge'
        );
    });

    describe('owner actions on dead content', () => {
        it('when an item is only suggested for archiving, then nothing is archived until the owner confirms', async () => {
            const element = await render();
            expect(archiveContent).not.toHaveBeenCalled();
            const button = oneByRole(element, 'button', { name: 'Archive (suggested): Data residency FAQ' });
            expect(button.className).toContain('slds-button_brand');
            archiveContent.mockResolvedValue({ id: 'ci-cd7fa95c-addc-4b61-b99e-a6c1f8145099', status: 'archived' });
            button.click();
            await flushPromises();
            // First a question, with the title, that takes the focus; nothing archived yet.
            expect(archiveContent).not.toHaveBeenCalled();
            const confirm = oneByRole(element, 'button', { name: 'Archive it: Data residency FAQ' });
            const list = child(element, 'c-dead-content-list');
            expect(focusedIn(list)).toBe(confirm);
            expect(oneByRole(element, 'group', { name: 'Archive it: Data residency FAQ' }).textContent).toContain(
                'Archive “Data residency FAQ”? It leaves search and recommendations for everyone'
            );
            confirm.click();
            await flushPromises();
            expect(archiveContent).toHaveBeenCalledWith('ci-cd7fa95c-addc-4b61-b99e-a6c1f8145099');
            const item = list.querySelector('[data-item-id="ci-cd7fa95c-addc-4b61-b99e-a6c1f8145099"]');
            expect(item.textContent).toContain('Archived');
            // Only Undo is left, and it has the focus (the confirmation buttons are gone).
            expect(itemButtons(item).map((b) => b.getAttribute('aria-label'))).toEqual(['Undo archive: Data residency FAQ']);
        });

        it('when an archive is undone, then the item is restored with the version the archive answered, its actions come back and focus and the live region follow', async () => {
            const element = await render();
            const id = 'ci-cd7fa95c-addc-4b61-b99e-a6c1f8145099';
            archiveContent.mockResolvedValue({ id, status: 'archived', version: 4 });
            restoreContent.mockResolvedValue({ id, status: 'published', version: 5 });
            oneByRole(element, 'button', { name: 'Archive (suggested): Data residency FAQ' }).click();
            await flushPromises();
            oneByRole(element, 'button', { name: 'Archive it: Data residency FAQ' }).click();
            await flushPromises();
            const list = child(element, 'c-dead-content-list');
            const undo = oneByRole(element, 'button', { name: 'Undo archive: Data residency FAQ' });
            expect(focusedIn(list)).toBe(undo);
            const item = list.querySelector(`[data-item-id="${id}"]`);
            expect(queryAllByRole(item, 'status')[0].textContent).toBe('Archived. You can undo this for 30 seconds.');
            await expect(element).toBeAccessible();

            undo.click();
            await flushPromises();
            expect(restoreContent).toHaveBeenCalledWith(id, 4);
            expect(allByRole(element, 'button', { name: 'Undo archive: Data residency FAQ' })).toHaveLength(0);
            const archiveAgain = oneByRole(element, 'button', { name: 'Archive (suggested): Data residency FAQ' });
            expect(focusedIn(list)).toBe(itemButtons(item)[0]);
            expect(archiveAgain).toBeTruthy();
            expect(queryAllByRole(item, 'status')[0].textContent).toBe('Restored: it is back in search and recommendations.');
        });

        it('when the undo window passes or the restore fails, then the archive stands or the failure is shown with Undo still offered', async () => {
            const element = await render();
            const id = 'ci-cd7fa95c-addc-4b61-b99e-a6c1f8145099';
            const list = child(element, 'c-dead-content-list');
            element.shadowRoot.querySelector('c-dead-content-list').undoSeconds = 1;
            archiveContent.mockResolvedValue({ id, status: 'archived', version: 4 });
            restoreContent.mockRejectedValue({
                status: 409,
                body: { error: { code: 'conflict', message: 'Item was changed by someone else' } }
            });
            oneByRole(element, 'button', { name: 'Archive (suggested): Data residency FAQ' }).click();
            await flushPromises();
            oneByRole(element, 'button', { name: 'Archive it: Data residency FAQ' }).click();
            await flushPromises();
            oneByRole(element, 'button', { name: 'Undo archive: Data residency FAQ' }).click();
            await flushPromises();
            expect(list.querySelector(`[data-item-id="${id}"] c-error-panel`)).not.toBeNull();
            expect(allByRole(element, 'button', { name: 'Undo archive: Data residency FAQ' })).toHaveLength(1);

            await new Promise((resolve) => setTimeout(resolve, 1100));
            await flushPromises();
            expect(allByRole(element, 'button', { name: 'Undo archive: Data residency FAQ' })).toHaveLength(0);
            expect(queryAllByRole(list.querySelector(`[data-item-id="${id}"]`), 'status')[0].textContent).toBe('Archived');
        });

        it('when archiving is cancelled with "Keep it", then nothing is archived and focus returns to the Archive button', async () => {
            const element = await render();
            oneByRole(element, 'button', { name: 'Archive (suggested): Data residency FAQ' }).click();
            await flushPromises();
            oneByRole(element, 'button', { name: 'Keep it: Data residency FAQ' }).click();
            await flushPromises();
            expect(archiveContent).not.toHaveBeenCalled();
            expect(allByRole(element, 'group', { name: 'Archive it: Data residency FAQ' })).toHaveLength(0);
            expect(focusedIn(child(element, 'c-dead-content-list'))).toBe(
                oneByRole(element, 'button', { name: 'Archive (suggested): Data residency FAQ' })
            );
        });

        it('when the hub offers no Verify to this viewer, then the item says who can verify it instead of a button that would fail', async () => {
            const dead = copy(DEAD);
            const owner = dead.owners.find((o) => o.items.some((i) => i.actions.some((a) => a.action === 'verify')));
            const item = owner.items.find((i) => i.actions.some((a) => a.action === 'verify'));
            item.actions = item.actions.filter((a) => a.action !== 'verify');
            const element = await render({ dead });
            expect(allByRole(element, 'button', { name: `Verify: ${item.title}` })).toHaveLength(0);
            const listed = child(element, 'c-dead-content-list').querySelector(`[data-item-id="${item.id}"]`);
            expect(listed.textContent).toContain(`Only its owner or authors can verify it: ask ${owner.ownerName}.`);
        });

        it('when a link pattern is given, then each dead item title links to the item', async () => {
            const element = await render({ itemHrefPattern: './#/items/{id}' });
            const link = oneByRole(element, 'link', { name: 'Data residency FAQ' });
            expect(link.getAttribute('href')).toBe('./#/items/ci-cd7fa95c-addc-4b61-b99e-a6c1f8145099');
        });

        it('when the owner verifies, then verifyContent is called for that item', async () => {
            const element = await render();
            verifyContent.mockResolvedValue({});
            oneByRole(element, 'button', { name: 'Verify: GDPR FAQ for data protection officers' }).click();
            await flushPromises();
            expect(verifyContent).toHaveBeenCalledWith('ci-c159b7c6-edeb-4f98-955e-b8bb51ac6f61');
            expect(child(element, 'c-dead-content-list').textContent).toContain('Verified');
        });

        it('when a leader cannot fix what is wrong, then "Nudge owner" tells the owner which reasons, and the item says so', async () => {
            const element = await render();
            nudgeContentOwner.mockResolvedValue({ notified: 1 });
            oneByRole(element, 'button', { name: 'Nudge owner: Insight Dashboards product sheet' }).click();
            await flushPromises();
            expect(nudgeContentOwner).toHaveBeenCalledWith('ci-d7b43ed1-754d-4f16-952e-8dc237e2a749', ['never_found']);
            expect(child(element, 'c-dead-content-list').textContent).toContain('Owner nudged');
        });

        it('when the owner widens visibility, then widenContentVisibility is called for the restricted item', async () => {
            const element = await render();
            widenContentVisibility.mockResolvedValue({});
            oneByRole(element, 'button', {
                name: 'Widen visibility: Security FAQ: SSO, SCIM, certifications and penetration tests'
            }).click();
            await flushPromises();
            expect(widenContentVisibility).toHaveBeenCalledWith('ci-d7b7b5d4-27a1-4485-a2fd-e7ddc0cc5429');
            expect(getContent).not.toHaveBeenCalled();
            expect(child(element, 'c-dead-content-list').textContent).toContain('Visible to everyone');
        });

        it('when an action fails, then the error shows beside the item and its buttons stay', async () => {
            const element = await render();
            verifyContent.mockRejectedValue({ body: { message: 'Only the owner may verify' } });
            oneByRole(element, 'button', { name: 'Verify: Pipeline Studio product sheet' }).click();
            await flushPromises();
            expect(oneByRole(element, 'alert').textContent).toContain('Only the owner may verify');
            expect(oneByRole(element, 'button', { name: 'Verify: Pipeline Studio product sheet' })).toBeTruthy();
        });

        it('when items are listed, then they are grouped by team and owner with the reasons', async () => {
            const element = await render();
            const list = child(element, 'c-dead-content-list');
            const headings = queryAllByRole(list, 'heading').map((h) => h.textContent.replace(/\s+/g, ' ').trim());
            expect(headings).toEqual([
                'NA Enterprise (42 items)',
                'Hannah Whitfield · 12 items, 3 shown',
                'EMEA Enterprise (39 items)',
                'Marc Dubois · 16 items, 3 shown',
                'NA Mid-Market (29 items)',
                'Grace Kim · 12 items, 3 shown'
            ]);
            expect(list.querySelector('[data-item-id="ci-c159b7c6-edeb-4f98-955e-b8bb51ac6f61"]').textContent).toContain(
                'Verification overdue'
            );
        });
    });

    describe('content requests', () => {
        it('when a leader looks, then gaps cannot be turned into requests', async () => {
            const element = await render();
            expect(allByRole(element, 'button', { name: /Request content/ })).toHaveLength(0);
        });

        it('when an admin requests content for a gap, then it is sent to the chosen author and the gap says so', async () => {
            const element = await render({ me: ME.admin });
            expect(deepText(element.shadowRoot.querySelector('c-content-gap-list'))).toContain('Requested from Omar Haddad');
            oneByRole(element, 'button', { name: 'Request content for "snowcrest migration runbook"' }).click();
            await flushPromises();
            const assignee = selectOffering(element, 'Assign to', [
                'Choose an author…',
                'Grace Kim',
                'Hannah Whitfield',
                'Marc Dubois',
                'Olivia Harper',
                'Omar Haddad',
                'Ravi Shankar'
            ]);
            const send = oneByRole(element, 'button', { name: 'Send request' });
            expect(send.disabled).toBe(true);
            choose(assignee, 'u-grace-kim');
            const note = oneByRole(element, 'textbox', { name: 'Note (optional)' });
            note.value = 'Runbook for Snowcrest to Lakehouse Core';
            note.dispatchEvent(new CustomEvent('change', { bubbles: true }));
            await flushPromises();
            createContentRequest.mockResolvedValue({
                id: 'cr-2',
                query: 'snowcrest migration runbook',
                assignee: 'u-grace-kim',
                createdBy: 'u-ines-carvalho',
                status: 'open',
                note: 'Runbook for Snowcrest to Lakehouse Core',
                createdAt: '2026-11-23T10:00:00.000Z'
            });
            oneByRole(element, 'button', { name: 'Send request' }).click();
            await flushPromises();
            expect(createContentRequest).toHaveBeenCalledWith({
                query: 'snowcrest migration runbook',
                assignee: 'u-grace-kim',
                note: 'Runbook for Snowcrest to Lakehouse Core'
            });
            expect(deepText(element.shadowRoot.querySelector('c-content-gap-list'))).toContain('Requested from Grace Kim');
            expect(allByRole(element, 'form', { name: 'Content request' })).toHaveLength(0);
        });

        it('when sending a request fails, then the form stays open with the error', async () => {
            const element = await render({ me: ME.admin });
            oneByRole(element, 'button', { name: 'Request content for "snowcrest migration runbook"' }).click();
            await flushPromises();
            choose(selectIn(element.shadowRoot, 'Assign to'), 'u-grace-kim');
            await flushPromises();
            createContentRequest.mockRejectedValue({ body: { message: 'assignee: not an author' } });
            oneByRole(element, 'button', { name: 'Send request' }).click();
            await flushPromises();
            expect(oneByRole(element, 'alert').textContent).toContain('assignee: not an author');
            expect(allByRole(element, 'form', { name: 'Content request' })).toHaveLength(1);
        });
    });

    describe('CSV export', () => {
        const downloads = mockBlobDownloads('blob:http://localhost/flow');

        it('when exported, then the file holds the figures on screen with formulas neutralised', async () => {
            const element = await render();
            oneByRole(element, 'button', { name: 'Export CSV' }).click();
            await flushPromises();
            const blob = downloads.createObjectURL.mock.calls[0][0];
            expect(blob.type).toBe('text/csv;charset=utf-8');
            const text = await readBlob(blob);
            const lines = text.split('\r\n');
            expect(lines[0]).toBe('Knowledge flow,from 2026-10-01 to 2026-12-31,team NA Enterprise');
            expect(lines).toContain(
                'overall,All teams,135,84,0.6222,9.81,26,26,1,95,0.7037,23,7,5480000,1M and above,27,503,34,28,0,0.4359,0'
            );
            expect(text).toContain(
                'dead content,Marc Dubois,EMEA Enterprise,ci-cd7fa95c-addc-4b61-b99e-a6c1f8145099,Data residency FAQ,unused never_found,yes'
            );
            expect(text).toContain(
                'search gap,snowcrest migration runbook,7,5,2,Reps: 6 searches · Authors: 1 search,2026-11-20T09:14:00.000Z'
            );
            expect(text).toContain("search gap,'=hyperlink pricing,2,2,0,Reps: 2 searches,");
            expect(text).toContain('pipeline gap,competitor,Atlasgrid,2320000,2');
            const link = getByRole(element.shadowRoot.querySelector('c-csv-file').shadowRoot, 'link');
            expect(link.getAttribute('download')).toBe('knowledge-flow-NA-Enterprise-2026-10-01-to-2026-12-31.csv');
            expect(downloads.clicks).toHaveBeenCalledTimes(1);
        });
    });

    it('when every report is shown, and while an archive waits for confirmation, then it passes the accessibility checks (sa11y)', async () => {
        const element = await render({ itemHrefPattern: './#/items/{id}' });
        await expect(element).toBeAccessible();
        oneByRole(element, 'button', { name: 'Archive (suggested): Data residency FAQ' }).click();
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
