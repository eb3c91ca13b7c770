import { createElement } from 'lwc';
import { getAllByRole, getByRole, queryAllByRole } from '@testing-library/dom';
import DealAttachments from 'c/dealAttachments';

const { attachments } = require('./data/attachments.json');

function render(props) {
    const element = createElement('c-deal-attachments', { is: DealAttachments });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-deal-attachments', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when items are attached, then each is listed with its type, who attached it and when', () => {
        const element = render({ attachments });
        expect(getByRole(element.shadowRoot, 'heading', { level: 3 }).textContent).toBe('Knowledge used on this deal');
        const rows = getAllByRole(element.shadowRoot, 'listitem');
        expect(rows).toHaveLength(2);
        expect(rows[0].textContent).toContain('Route Optimizer pricing guide 2025');
        expect(rows[0].textContent).toContain('attached by Dana Rep, Nov 20, 2026');
        expect(rows[1].textContent).toContain('attached by Omar Teammate');
    });

    it('when the viewer may detach only some, then only those rows offer Detach, named after their item', () => {
        const element = render({ attachments });
        const buttons = queryAllByRole(element.shadowRoot, 'button', { name: /^Detach/ });
        expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Detach: Route Optimizer pricing guide 2025']);
    });

    it.each([
        ['Detach: Route Optimizer pricing guide 2025', { action: 'detach', id: 'c-102' }],
        ['Onboarding checklist', { action: 'open', id: 'c-300' }]
    ])('when "%s" is pressed, then attachmentaction carries it', (name, detail) => {
        const element = render({ attachments });
        const handler = jest.fn();
        element.addEventListener('attachmentaction', handler);
        getByRole(element.shadowRoot, 'button', { name }).click();
        expect(handler.mock.calls[0][0].detail).toEqual(detail);
    });

    it('when a detach is in flight, then its button is aria-disabled and ignores presses', () => {
        const element = render({ attachments, busyIds: ['c-102'] });
        const handler = jest.fn();
        element.addEventListener('attachmentaction', handler);
        const button = getByRole(element.shadowRoot, 'button', { name: /^Detach/ });
        expect(button.getAttribute('aria-disabled')).toBe('true');
        button.click();
        expect(handler).not.toHaveBeenCalled();
    });

    it('when nothing is attached, then it says how to attach', () => {
        const element = render({ attachments: [] });
        expect(element.shadowRoot.textContent).toContain('Nothing is attached yet.');
    });

    it('when focus is asked for after the last row left, then the heading takes it', () => {
        const element = render({ attachments: [] });
        element.focusAfter(0);
        expect(element.shadowRoot.activeElement.textContent).toBe('Knowledge used on this deal');
    });

    it('when listed or empty, then it passes the accessibility checks (sa11y)', async () => {
        await expect(render({ attachments })).toBeAccessible();
        await expect(render({ attachments: [] })).toBeAccessible();
    });
});
