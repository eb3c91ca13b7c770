import { getByRole, queryByRole } from '@testing-library/dom';
import LoadStatus from 'c/loadStatus';
import { flushPromises, mount, resetDom, deepText } from 'jest-utils';

const render = (props) => mount('c-load-status', LoadStatus, props);

describe('c-load-status', () => {
    afterEach(resetDom);

    it('when loading, then the labelled spinner is shown and no error', async () => {
        const element = await render({
            loading: true,
            labels: { loading: 'Loading the editor', failure: 'The editor could not be opened.' }
        });
        await flushPromises();
        const spinner = element.shadowRoot.querySelector('c-loading-spinner');
        expect(spinner.label).toBe('Loading the editor');
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it('when loading failed, then the error panel says so and its retry is passed on', async () => {
        const element = await render({
            error: { body: { message: 'boom' } },
            labels: { loading: 'Loading the item', failure: 'The item could not be loaded.' }
        });
        await flushPromises();
        const panel = element.shadowRoot.querySelector('c-error-panel');
        expect(deepText(panel)).toContain('The item could not be loaded.');
        const retry = jest.fn();
        element.addEventListener('retry', retry);
        getByRole(panel.shadowRoot, 'button', { name: /try again|retry/i }).click();
        expect(retry).toHaveBeenCalledTimes(1);
    });

    it('when the page names no states, then the spinner and the panel say so in general words', async () => {
        const element = await render({ loading: true });
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-loading-spinner').label).toBe('Loading');
        element.loading = false;
        element.error = new Error('boom');
        await flushPromises();
        expect(deepText(element.shadowRoot.querySelector('c-error-panel'))).toContain('This could not be loaded.');
    });

    it('when loaded, then it shows nothing', async () => {
        const element = await render({});
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-loading-spinner')).toBeNull();
        expect(queryByRole(element.shadowRoot, 'alert')).toBeNull();
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });
});
