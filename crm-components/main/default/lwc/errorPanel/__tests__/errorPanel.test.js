import { createElement } from 'lwc';
import { getByRole, queryByRole } from '@testing-library/dom';
import ErrorPanel from 'c/errorPanel';

function render(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-error-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when given a hub error, then shows the friendly message and the details as an alert', () => {
        const element = render({
            friendlyMessage: 'Search failed.',
            errors: {
                body: {
                    message: 'Invalid search',
                    details: { issues: [{ path: ['limit'], message: 'must be at most 50' }] }
                }
            }
        });
        const alert = getByRole(element.shadowRoot, 'alert');
        expect(alert.textContent).toContain('Search failed.');
        expect(alert.textContent).toContain('Invalid search');
        expect(alert.textContent).toContain('limit: must be at most 50');
    });

    it('when retry is allowed, then the button fires retry', () => {
        const element = render({ errors: new Error('offline'), showRetry: true });
        const handler = jest.fn();
        element.addEventListener('retry', handler);
        getByRole(element.shadowRoot, 'button', { name: 'Try again' }).click();
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('when retry is not allowed, then there is no button', () => {
        const element = render({ errors: 'plain text error' });
        expect(queryByRole(element.shadowRoot, 'button')).toBeNull();
        expect(element.shadowRoot.textContent).toContain('plain text error');
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render({ friendlyMessage: 'Search failed.', errors: { body: { message: 'Invalid search' } } });
        await expect(element).toBeAccessible();
    });
});
