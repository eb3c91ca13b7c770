import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import LoadingSpinner from 'c/loadingSpinner';

describe('c-loading-spinner', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when shown, then it is a status with readable assistive text', () => {
        const element = createElement('c-loading-spinner', { is: LoadingSpinner });
        element.label = 'Searching knowledge';
        document.body.appendChild(element);
        const status = getByRole(element.shadowRoot, 'status');
        expect(status.textContent).toBe('Searching knowledge');
        expect(status.querySelector('.slds-assistive-text')).not.toBeNull();
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = createElement('c-loading-spinner', { is: LoadingSpinner });
        element.label = 'Searching knowledge';
        document.body.appendChild(element);
        await expect(element).toBeAccessible();
    });
});
