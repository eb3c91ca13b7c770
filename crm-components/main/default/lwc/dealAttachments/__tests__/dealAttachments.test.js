import { createElement } from 'lwc';
import { getAllByRole, getByRole, queryAllByRole } from '@testing-library/dom';
import DealAttachments from 'c/dealAttachments';
import { flushPromises, shadowRoots } from 'jest-utils';

const allByRole = (element, role, options) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, role, options));
/** Opens a row's "More deal actions" menu and returns its items. */
async function openMenu(element, title) {
    const button = allByRole(element, 'button', { name: `More deal actions: ${title}` })[0];
    button.click();
    await flushPromises();
    return allByRole(element, 'menuitem');
}

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

    it('when the viewer may detach only some, then only those rows offer Detach, in a menu named after their item (client-facing ones offer sharing)', async () => {
        const element = render({ attachments });
        await flushPromises();
        expect(allByRole(element, 'button', { name: /^More deal actions/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
            'More deal actions: Route Optimizer pricing guide 2025',
            'More deal actions: Onboarding checklist'
        ]);
        expect((await openMenu(element, 'Route Optimizer pricing guide 2025')).map((m) => m.textContent)).toEqual(['Detach']);
        await expect(element).toBeAccessible();
        expect((await openMenu(element, 'Onboarding checklist')).map((m) => m.textContent)).toEqual(['Share with buyer']);
        await expect(element).toBeAccessible();
    });

    it('when Detach is chosen in the menu, or the title pressed, then attachmentaction carries it', async () => {
        const element = render({ attachments });
        const handler = jest.fn();
        element.addEventListener('attachmentaction', handler);
        (await openMenu(element, 'Route Optimizer pricing guide 2025'))[0].click();
        getByRole(element.shadowRoot, 'button', { name: 'Onboarding checklist' }).click();
        expect(handler.mock.calls.map((c) => c[0].detail)).toEqual([
            { action: 'detach', id: 'c-102' },
            { action: 'open', id: 'c-300' }
        ]);
    });

    it('when a detach is in flight, then its menu item is aria-disabled and ignores presses', async () => {
        const element = render({ attachments, busyIds: ['c-102'] });
        const handler = jest.fn();
        element.addEventListener('attachmentaction', handler);
        const [detach] = await openMenu(element, 'Route Optimizer pricing guide 2025');
        expect(detach.getAttribute('aria-disabled')).toBe('true');
        detach.click();
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
