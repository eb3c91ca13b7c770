import { createElement } from 'lwc';
import { getAllByRole, queryByRole } from '@testing-library/dom';
import WinLossQueue from 'c/winLossQueue';
import { listCloseOutQueue } from 'c/hubApi';
import { allByRole, flushPromises } from 'jest-utils';

jest.mock('c/hubApi', () => ({ listCloseOutQueue: jest.fn() }));

const QUEUE = require('./data/closeOutQueue.json');

/** Flushes until `probe` answers; testing-library's waitFor refuses synthetic shadow roots. */
async function until(probe) {
    for (let i = 0; i < 50; i++) {
        const found = probe();
        if (found) return found;
        await flushPromises();
    }
    return probe();
}
/** What the component shows instead of its list, so a failure says why (a mock that did not reach the component, see the opportunity list's test). */
function stateOf(element) {
    const panel = element.shadowRoot.querySelector('c-error-panel');
    return [
        `listCloseOutQueue called ${listCloseOutQueue.mock.calls.length} time(s)`,
        `spinner: ${Boolean(element.shadowRoot.querySelector('c-loading-spinner'))}`,
        `error panel: ${panel ? panel.shadowRoot.textContent : 'none'}`,
        `markup: ${element.shadowRoot.innerHTML.slice(0, 2000)}`
    ].join('; ');
}
async function listIn(element) {
    const list = await until(() => queryByRole(element.shadowRoot, 'list', { name: 'Deals waiting for an analysis' }));
    if (!list) throw new Error(`The queue's list did not render: ${stateOf(element)}`);
    return list;
}

async function render(props = {}) {
    const element = createElement('c-win-loss-queue', { is: WinLossQueue });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-win-loss-queue', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when closed deals wait, then each links to its record with outcome, age and analysis state', async () => {
        listCloseOutQueue.mockResolvedValue(QUEUE);
        const element = await render();
        const list = await listIn(element);
        const links = getAllByRole(list, 'link');
        expect(links.map((l) => l.getAttribute('href'))).toEqual([
            '/lightning/r/Opportunity/opp-014/view',
            '/lightning/r/Opportunity/opp-021/view'
        ]);
        expect(list.textContent).toContain('Northwind Logistics · Lost · closed 24 days ago · Analysis: Draft');
        expect(list.textContent).toContain('Fabrikam Foods · Won · closed 1 day ago · No analysis yet');
    });

    it('when the shell passes its own link pattern, then links use it', async () => {
        listCloseOutQueue.mockResolvedValue(QUEUE);
        const element = await render({ recordHrefPattern: './#/opportunities/{id}' });
        const list = await listIn(element);
        expect(getAllByRole(list, 'link')[0].getAttribute('href')).toBe('./#/opportunities/opp-014');
    });

    it('when nothing waits, then it says every deal has its analysis', async () => {
        listCloseOutQueue.mockResolvedValue({ items: [] });
        const element = await render();
        const shown = await until(() => element.shadowRoot.textContent.includes('Every recently closed deal'));
        if (!shown) throw new Error(`The empty state did not render: ${stateOf(element)}`);
        expect(element.shadowRoot.textContent).toContain('Every recently closed deal has its analysis.');
    });

    it('when loading fails, then the error panel explains it', async () => {
        listCloseOutQueue.mockRejectedValue({ body: { message: 'Forbidden' } });
        const element = await render();
        const [alert] = allByRole(element, 'alert');
        expect(alert.textContent).toContain('The close-out queue could not be loaded.');
    });

    it('when closed deals wait, then the queue passes the accessibility checks (sa11y)', async () => {
        listCloseOutQueue.mockResolvedValue(QUEUE);
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
