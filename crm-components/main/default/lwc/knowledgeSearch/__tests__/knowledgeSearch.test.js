import { createElement } from 'lwc';
import { fireEvent, getByRole } from '@testing-library/dom';
import KnowledgeSearch from 'c/knowledgeSearch';
import { askForContent, search, getContent, recordEvent } from 'c/hubApi';
import { allByRole, resetDom, shadowRoots, selectIn } from 'jest-utils';

jest.mock('c/hubApi', () => ({ search: jest.fn(), getContent: jest.fn(), recordEvent: jest.fn(), askForContent: jest.fn() }));

const PAGE_1 = require('./data/searchPage1.json');
const EMPTY = require('./data/searchEmpty.json');
const CONTENT = require('../../contentViewer/__tests__/data/content.json');

/** Resolves pending promise callbacks without timers, so it also works under fake timers. */
async function flushMicrotasks() {
    for (let i = 0; i < 10; i += 1) {
        await Promise.resolve();
    }
}

const deepQueryAll = (element, selector) => shadowRoots(element.shadowRoot).flatMap((root) => [...root.querySelectorAll(selector)]);

async function render(props = { searchOnLoad: true }) {
    const element = createElement('c-knowledge-search', { is: KnowledgeSearch });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushMicrotasks();
    return element;
}

describe('c-knowledge-search', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('when searching on load, then hits, the result count and paging are shown', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();

        expect(search).toHaveBeenCalledWith({ q: '', page: 1, limit: 10 });
        const titles = allByRole(element, 'button').filter((b) => b.classList.contains('hit-title'));
        expect(titles.map((b) => b.getAttribute('aria-label'))).toEqual([
            'Fleet Analytics vs Geotab battlecard',
            'Loss: <img src=x onerror=alert(1)> Globex picked Geotab'
        ]);
        expect(element.shadowRoot.querySelector('.result-status').textContent).toBe('62 results');
        expect(deepQueryAll(element, 'nav')[0].textContent).toContain('Page 1 of 7');
    });

    it('when more match than the engine counts, then the count reads as a lower bound', async () => {
        search.mockResolvedValue({ ...PAGE_1, total: 10000, totalIsLowerBound: true });
        const element = await render();
        expect(element.shadowRoot.querySelector('.result-status').textContent).toBe('10,000+ results');
    });

    it('when a search is running, then a spinner announces it', async () => {
        search.mockReturnValue(new Promise(() => {}));
        const element = await render();
        const status = allByRole(element, 'status').find((s) => s.textContent === 'Searching knowledge');
        expect(status).toBeTruthy();
    });

    it('when not told to search on load, then it waits for a query', async () => {
        const element = await render({});
        expect(search).not.toHaveBeenCalled();
        expect(element.shadowRoot.textContent).toContain('Type to search all knowledge you can see.');
    });

    it('when the user types, then one search runs after the pause', async () => {
        jest.useFakeTimers();
        search.mockResolvedValue(PAGE_1);
        const element = await render({});
        const box = getByRole(element.shadowRoot, 'searchbox', { name: 'Search knowledge' });

        fireEvent.input(box, { target: { value: 'geo' } });
        fireEvent.input(box, { target: { value: 'geotab' } });
        jest.advanceTimersByTime(299);
        expect(search).not.toHaveBeenCalled();
        jest.advanceTimersByTime(1);
        await flushMicrotasks();

        expect(search).toHaveBeenCalledTimes(1);
        expect(search).toHaveBeenCalledWith({ q: 'geotab', page: 1, limit: 10 });
    });

    it('when a facet is ticked and unticked, then the search is filtered and unfiltered from page 1', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();

        const geotab = allByRole(element, 'checkbox', { name: /^Geotab/ })[0];
        geotab.click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', competitors: ['Geotab'], page: 1, limit: 10 });

        const battlecard = allByRole(element, 'checkbox', { name: /^Battlecard/ })[0];
        battlecard.click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', competitors: ['Geotab'], contentType: ['battlecard'], page: 1, limit: 10 });

        allByRole(element, 'checkbox', { name: /^Geotab/ })[0].click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', contentType: ['battlecard'], page: 1, limit: 10 });
    });

    it('when the facets arrive, then they are grouped with human labels and counts', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();
        const legends = deepQueryAll(element, 'legend').map((l) => l.textContent);
        expect(legends).toEqual(['Kind', 'Content type', 'Products', 'Industries', 'Competitors', 'Stages', 'Personas']);
        expect(allByRole(element, 'checkbox', { name: 'Win/loss analysis (6)' })).toHaveLength(1);
    });

    it('when the user pages forward and back, then the page number is sent and shown', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();

        search.mockResolvedValue({ ...PAGE_1, page: 2 });
        allByRole(element, 'button', { name: 'Next' })[0].click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', page: 2, limit: 10 });
        expect(deepQueryAll(element, 'nav')[0].textContent).toContain('Page 2 of 7');

        allByRole(element, 'button', { name: 'Previous' })[0].click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', page: 1, limit: 10 });
    });

    it('when on the first page, then Previous is disabled', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();
        expect(allByRole(element, 'button', { name: 'Previous' })[0].disabled).toBe(true);
        expect(allByRole(element, 'button', { name: 'Next' })[0].disabled).toBe(false);
    });

    it('when nothing matches, then the empty state names the query', async () => {
        jest.useFakeTimers();
        search.mockResolvedValue(EMPTY);
        const element = await render({});
        fireEvent.input(getByRole(element.shadowRoot, 'searchbox'), { target: { value: 'zzqx' } });
        jest.advanceTimersByTime(300);
        await flushMicrotasks();
        expect(element.shadowRoot.textContent).toContain('No knowledge matches “zzqx”');
        expect(element.shadowRoot.querySelector('.result-status').textContent).toBe('0 results');
    });

    it('when the search fails, then the error panel offers a retry', async () => {
        search.mockRejectedValueOnce({ body: { message: 'Search is unavailable' } });
        const element = await render();
        const alert = allByRole(element, 'alert')[0];
        expect(alert.textContent).toContain('Search failed.');
        expect(alert.textContent).toContain('Search is unavailable');

        search.mockResolvedValue(PAGE_1);
        getByRole(alert, 'button', { name: 'Try again' }).click();
        await flushMicrotasks();
        expect(allByRole(element, 'alert')).toHaveLength(0);
    });

    it('when answers arrive out of order, then only the latest one is shown', async () => {
        jest.useFakeTimers();
        let resolveSlow;
        search.mockReturnValueOnce(new Promise((resolve) => (resolveSlow = resolve))).mockResolvedValueOnce(EMPTY);
        const element = await render({});
        const box = getByRole(element.shadowRoot, 'searchbox');
        fireEvent.input(box, { target: { value: 'geotab' } });
        jest.advanceTimersByTime(300);
        fireEvent.input(box, { target: { value: 'geotab pricing' } });
        jest.advanceTimersByTime(300);
        await flushMicrotasks();
        resolveSlow(PAGE_1);
        await flushMicrotasks();
        expect(element.shadowRoot.querySelector('.result-status').textContent).toBe('0 results');
    });

    it('when a highlight contains markup, then only <mark> becomes an element', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();
        const hitHosts = deepQueryAll(element, 'c-search-hit');
        const loss = hitHosts[1];
        const titleRoot = loss.shadowRoot.querySelector('c-highlighted-text').shadowRoot;

        expect([...titleRoot.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Geotab']);
        expect(titleRoot.querySelector('img')).toBeNull();
        expect(titleRoot.textContent).toBe('Loss: <img src=x onerror=alert(1)> Globex picked Geotab');
        expect(deepQueryAll(element, 'img')).toHaveLength(0);
    });

    it('when a hit is opened, then select fires, the viewer opens and a view is recorded', async () => {
        search.mockResolvedValue(PAGE_1);
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockResolvedValue({ id: 'ev-9' });
        const element = await render({ searchOnLoad: true, opportunityId: 'opp-001' });
        const onSelect = jest.fn();
        element.addEventListener('select', onSelect);

        allByRole(element, 'button', { name: 'Fleet Analytics vs Geotab battlecard' })[0].click();
        await flushMicrotasks();

        expect(onSelect.mock.calls[0][0].detail).toEqual({ id: 'c-101' });
        expect(allByRole(element, 'dialog')).toHaveLength(1);
        expect(getContent).toHaveBeenCalledWith('c-101');
        expect(recordEvent).toHaveBeenCalledWith({ type: 'view', contentId: 'c-101', opportunityId: 'opp-001' });
    });

    it('when the facets are folded (phones), then one button says how many filters apply and opens the panel it controls', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();
        // jsdom applies the desktop rule (no media queries), which hides the phone-only button: ask with hidden.
        const toggle = element.shadowRoot.querySelector('button.facet-toggle');
        expect(toggle.textContent).toBe('Show filters');
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        const panel = element.shadowRoot.querySelector('.facet-panel');
        expect(panel.classList.contains('facet-panel_open')).toBe(false);
        expect(panel.querySelector('c-search-facets')).not.toBeNull();
        toggle.click();
        await flushMicrotasks();
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(toggle.textContent).toBe('Hide filters');
        expect(panel.classList.contains('facet-panel_open')).toBe(true);
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();
        await expect(element).toBeAccessible();
    });

    it('when two values of one group are ticked, then both are sent, pills show them, and each change is told to the page', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();
        const states = [];
        element.addEventListener('statechange', (e) => states.push(e.detail));
        allByRole(element, 'checkbox', { name: /^Geotab/ })[0].click();
        await flushMicrotasks();
        allByRole(element, 'checkbox', { name: /^Samsara/ })[0].click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', competitors: ['Geotab', 'Samsara'], page: 1, limit: 10 });
        const pills = allByRole(element, 'list', { name: 'Filters in use' })[0];
        expect(pills.textContent).toContain('Competitors: Geotab');
        expect(pills.textContent).toContain('Competitors: Samsara');
        expect(states).toEqual([
            { state: 'competitors=Geotab', replace: false },
            { state: 'competitors=Geotab&competitors=Samsara', replace: false }
        ]);
        await expect(element).toBeAccessible();

        allByRole(element, 'button', { name: 'Clear all filters' })[0].click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', page: 1, limit: 10 });
        expect(allByRole(element, 'list', { name: 'Filters in use' })).toHaveLength(0);
        expect(element.shadowRoot.activeElement).toBe(getByRole(element.shadowRoot, 'searchbox'));
        expect(states[states.length - 1]).toEqual({ state: '', replace: false });
    });

    it('when a pill is removed, then that value alone is dropped', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render({ searchState: 'competitors=Geotab&competitors=Samsara' });
        allByRole(element, 'button', { name: 'Remove filter Competitors: Geotab' })[0].click();
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', competitors: ['Samsara'], page: 1, limit: 10 });
    });

    it('when a state is restored (a shared link, the back button), then the search runs with it and the controls show it', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render({ searchState: 'q=geotab&competitors=Samsara&sort=reused&page=2' });
        expect(search).toHaveBeenLastCalledWith({ q: 'geotab', competitors: ['Samsara'], sort: 'reused', page: 2, limit: 10 });
        expect(getByRole(element.shadowRoot, 'searchbox').value).toBe('geotab');
        expect(selectIn(element.shadowRoot, 'Sort by').value).toBe('reused');
        search.mockClear();
        element.searchState = 'q=geotab&competitors=Samsara&sort=reused&page=2';
        await flushMicrotasks();
        expect(search).not.toHaveBeenCalled();
        element.searchState = '';
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', page: 1, limit: 10 });
    });

    it('when the sort changes, then the search is sorted and starts again from page 1', async () => {
        search.mockResolvedValue(PAGE_1);
        const element = await render();
        const select = selectIn(element.shadowRoot, 'Sort by');
        select.value = 'newest';
        fireEvent.change(select);
        await flushMicrotasks();
        expect(search).toHaveBeenLastCalledWith({ q: '', sort: 'newest', page: 1, limit: 10 });
    });

    it('when a search with words finds nothing, then the reader can request the content once (sa11y)', async () => {
        search.mockResolvedValue(EMPTY);
        askForContent.mockResolvedValue({ request: { query: 'zzqx' }, created: true, alreadyAsked: false, askers: 1 });
        const element = await render({ searchState: 'q=zzqx&products=Lakehouse' });
        await expect(element).toBeAccessible();
        getByRole(element.shadowRoot, 'button', { name: 'Request this content' }).click();
        await flushMicrotasks();
        expect(askForContent).toHaveBeenCalledWith({ query: 'zzqx', filters: { products: ['Lakehouse'] } });
        expect(element.shadowRoot.querySelector('.empty').textContent).toContain('Requested. An admin will ask an author for “zzqx”.');
        expect(element.shadowRoot.querySelector('.request-button')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('when the request fails, then the reason is shown and the button stays', async () => {
        search.mockResolvedValue(EMPTY);
        askForContent.mockRejectedValue(new Error('Too many requests'));
        const element = await render({ searchState: 'q=zzqx' });
        element.shadowRoot.querySelector('.request-button').click();
        await flushMicrotasks();
        expect(element.shadowRoot.querySelector('.empty').textContent).toContain('Too many requests');
        expect(element.shadowRoot.querySelector('.request-button')).not.toBeNull();
    });

    it('when only filters found nothing, then no request is offered', async () => {
        search.mockResolvedValue(EMPTY);
        const element = await render({ searchState: 'products=Lakehouse' });
        expect(element.shadowRoot.querySelector('.request-button')).toBeNull();
    });
});
