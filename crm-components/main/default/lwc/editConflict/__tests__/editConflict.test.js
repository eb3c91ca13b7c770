import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import EditConflict from 'c/editConflict';
import { deepText, flushPromises } from 'jest-utils';

const MINE = { id: 'ci-1', version: 3, title: 'Beating Rivalware', summary: 'Mine', body: 'Body', authors: [] };
const THEIRS = { ...MINE, version: 4, summary: 'Their summary' };

async function render() {
    const element = createElement('c-edit-conflict', { is: EditConflict });
    Object.assign(element, { mine: MINE, theirs: THEIRS, names: {} });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-edit-conflict', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when someone else saved, then an alert names their version and shows their change on request', async () => {
        const element = await render();
        const alert = getByRole(element.shadowRoot, 'alert', { name: 'Someone else changed this' });
        expect(alert.textContent).toContain('now version 4');
        expect(deepText(element)).not.toContain('Their summary');
        const toggle = getByRole(alert, 'button', { name: 'Show their change' });
        toggle.click();
        await flushPromises();
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(deepText(element)).toContain('Their summary');
        await expect(element).toBeAccessible();
    });

    it('when the author chooses, then reapply or taketheirs is fired', async () => {
        const element = await render();
        const reapply = jest.fn();
        const takeTheirs = jest.fn();
        element.addEventListener('reapply', reapply);
        element.addEventListener('taketheirs', takeTheirs);
        getByRole(element.shadowRoot, 'button', { name: 'Reapply my changes on theirs' }).click();
        getByRole(element.shadowRoot, 'button', { name: 'Discard mine, keep theirs' }).click();
        expect(reapply).toHaveBeenCalledTimes(1);
        expect(takeTheirs).toHaveBeenCalledTimes(1);
    });
});
