import { focusPending } from 'c/pendingFocus';
import { resetDom } from 'jest-utils';

/** A stand-in for a component: `template.querySelector` over a plain container. */
function componentWith(html, focusAfterRender) {
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.appendChild(container);
    return { template: container, focusAfterRender };
}

describe('c/pendingFocus focusPending', () => {
    afterEach(() => {
        resetDom();
    });

    it('when the named element has rendered, then it takes focus and the selector is cleared', () => {
        const component = componentWith('<button class="a">A</button><button class="b">B</button>', 'button.b');
        focusPending(component);
        expect(document.activeElement.textContent).toBe('B');
        expect(component.focusAfterRender).toBeUndefined();
    });

    it('when the named element is not there, then focus stays and the selector is dropped all the same', () => {
        const component = componentWith('<button class="a">A</button>', 'button.b');
        const before = document.activeElement;
        focusPending(component);
        expect(document.activeElement).toBe(before);
        expect(component.focusAfterRender).toBeUndefined();
    });

    it('when nothing is pending, then the template is not queried', () => {
        const component = { template: { querySelector: jest.fn() } };
        focusPending(component);
        expect(component.template.querySelector).not.toHaveBeenCalled();
    });
});
