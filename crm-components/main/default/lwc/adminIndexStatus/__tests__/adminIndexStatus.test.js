import { createElement } from 'lwc';
import { getByRole, waitFor } from '@testing-library/dom';
import AdminIndexStatus from 'c/adminIndexStatus';
import { getIndexStatus, startReindex } from 'c/hubApi';
import { copy, allByRole, deepText, resetDom, flushPromises } from 'jest-utils';

jest.mock('c/hubApi', () => ({ getIndexStatus: jest.fn(), startReindex: jest.fn() }));

const STATUS = require('./data/status.json');
const JOB = {
    id: 'job-1',
    state: 'running',
    startedAt: '2026-12-02T06:00:00.000Z',
    startedBy: 'hub-admin',
    finishedAt: null,
    progress: 'reading the index…',
    report: null,
    error: null
};
const REPORT = { added: 2, updated: 1, deleted: 0, unchanged: 1247 };

async function render() {
    const element = createElement('c-admin-index-status', { is: AdminIndexStatus });
    element.pollMs = 5;
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-admin-index-status', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when the status loads, then engine, documents, outbox depth with its age, synonyms and failed documents are shown', async () => {
        getIndexStatus.mockResolvedValue(copy(STATUS));
        const element = await render();
        const text = deepText(element);
        expect(text).toContain('Available');
        expect(text).toContain('1,250');
        expect(text).toContain('3 changes waiting');
        expect(text).toContain('oldest 2 min ago');
        expect(text).toContain('25 groups (edited by an admin)');
        const failed = allByRole(element, 'row').slice(1);
        expect(failed).toHaveLength(1);
        expect(failed[0].textContent).toContain('c-broken');
        expect(failed[0].textContent).toContain('_geo field is malformed');
        expect(text).toContain('No reindex since the hub started.');
        await expect(element).toBeAccessible();
    });

    it('when nothing waits or failed, then it says the index is up to date', async () => {
        getIndexStatus.mockResolvedValue({
            ...copy(STATUS),
            outbox: { pending: 0, oldestAgeSeconds: 0, failing: [] },
            engine: { state: 'restarting', healthy: false },
            index: null
        });
        const element = await render();
        const text = deepText(element);
        expect(text).toContain('0 changes waiting');
        expect(text).toContain('the index is up to date');
        expect(text).toContain('Restarting');
        expect(text).toContain('Unknown');
        expect(text).toContain('None: every change reached the index');
        await expect(element).toBeAccessible();
    });

    it('when a reindex is started, then its progress is followed until it finishes and the report is announced', async () => {
        getIndexStatus
            .mockResolvedValueOnce(copy(STATUS))
            .mockResolvedValueOnce({ ...copy(STATUS), reindex: { ...JOB, progress: 'checked 1000 items (2 added, 0 updated so far)' } })
            .mockResolvedValue({
                ...copy(STATUS),
                reindex: { ...JOB, state: 'done', progress: 'done', report: REPORT, finishedAt: '2026-12-02T06:00:05.000Z' }
            });
        startReindex.mockResolvedValue(JOB);
        const element = await render();
        getByRole(element.shadowRoot, 'button', { name: 'Reindex now' }).click();
        await flushPromises();
        expect(startReindex).toHaveBeenCalledTimes(1);
        expect(deepText(element)).toContain('Reindex running: reading the index…');
        expect(getByRole(element.shadowRoot, 'button', { name: 'Reindex now' }).disabled).toBe(true);
        // Polled while running (the second answer is still running), until the job is done.
        await waitFor(() => expect(deepText(element)).toContain('Last reindex finished: 2 added, 1 updated, 0 deleted, 1247 unchanged.'));
        expect(getIndexStatus).toHaveBeenCalledTimes(3);
        expect(deepText(element)).toContain('Reindex finished: 2 added');
        expect(getByRole(element.shadowRoot, 'button', { name: 'Reindex now' }).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('when the status cannot be read, then the error is shown with a retry', async () => {
        getIndexStatus.mockRejectedValue({ status: 500, body: { message: 'down' } });
        const element = await render();
        expect(deepText(element)).toContain('The index status could not be loaded.');
        expect(allByRole(element, 'button', { name: /Try again|Retry/ }).length).toBeGreaterThan(0);
    });
});
