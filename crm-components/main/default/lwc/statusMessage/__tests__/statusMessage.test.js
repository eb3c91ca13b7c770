import { createElement } from 'lwc';
import { getByRole, queryByRole } from '@testing-library/dom';
import StatusMessage from 'c/statusMessage';
import { flushPromises } from 'jest-utils';

describe('c-status-message', () => {
    afterEach(() => {
        jest.useRealTimers();
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    const render = (props = {}) => {
        const element = createElement('c-status-message', { is: StatusMessage });
        Object.assign(element, props);
        document.body.appendChild(element);
        return element;
    };

    it('when a confirmation is announced, then the live region shows it and it clears itself after a few seconds', async () => {
        jest.useFakeTimers();
        const element = render();
        element.announce('success', 'Draft saved.');
        await Promise.resolve();
        const region = getByRole(element.shadowRoot, 'status');
        expect(region.textContent).toContain('Draft saved.');
        expect(region.querySelector('.slds-theme_success')).not.toBeNull();
        jest.advanceTimersByTime(6000);
        await Promise.resolve();
        expect(region.textContent.trim()).toBe('');
    });

    it('when a failure is announced, then it stays until dismissed', async () => {
        const element = render({ dismissible: true });
        element.announce('error', 'Could not attach “FAQ”.');
        await flushPromises();
        expect(getByRole(element.shadowRoot, 'status').querySelector('.slds-theme_error').textContent).toContain('Could not attach');
        getByRole(element.shadowRoot, 'button', { name: 'Dismiss' }).click();
        await flushPromises();
        expect(getByRole(element.shadowRoot, 'status').textContent.trim()).toBe('');
    });

    it('when not dismissible, then no Dismiss button is offered', async () => {
        const element = render();
        element.announce('error', 'Failed.');
        await flushPromises();
        expect(queryByRole(element.shadowRoot, 'button')).toBeNull();
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render();
        element.announce('success', 'Draft saved.');
        await Promise.resolve();
        await expect(element).toBeAccessible();
    });
});
