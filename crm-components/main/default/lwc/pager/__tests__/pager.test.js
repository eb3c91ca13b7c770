import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import Pager from 'c/pager';

function render(page, pageCount) {
    const element = createElement('c-pager', { is: Pager });
    Object.assign(element, { page, pageCount });
    document.body.appendChild(element);
    return element;
}

describe('c-pager', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when in the middle, then both buttons ask for the neighbouring pages', () => {
        const element = render(2, 7);
        const handler = jest.fn();
        element.addEventListener('pagechange', handler);
        expect(getByRole(element.shadowRoot, 'navigation', { name: 'Result pages' }).textContent).toContain('Page 2 of 7');
        getByRole(element.shadowRoot, 'button', { name: 'Previous' }).click();
        getByRole(element.shadowRoot, 'button', { name: 'Next' }).click();
        expect(handler.mock.calls.map((c) => c[0].detail.page)).toEqual([1, 3]);
    });

    it('when on the last page, then Next is disabled', () => {
        const element = render(7, 7);
        expect(getByRole(element.shadowRoot, 'button', { name: 'Next' }).disabled).toBe(true);
        expect(getByRole(element.shadowRoot, 'button', { name: 'Previous' }).disabled).toBe(false);
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render(2, 7);
        await expect(element).toBeAccessible();
    });
});
