import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import ContentDiff from 'c/contentDiff';
import { flushPromises } from 'jest-utils';

async function render(before, after) {
    const element = createElement('c-content-diff', { is: ContentDiff });
    Object.assign(element, { before, after, names: { 'u-1': 'Ann Lee' }, beforeLabel: 'Version 1', afterLabel: 'Version 2' });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-content-diff', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when fields and the body changed, then each field shows both values and the body line by line, in words too', async () => {
        const element = await render(
            { title: 'Old', body: 'one\ntwo', ownerId: 'u-1' },
            { title: 'New', body: 'one\nthree', ownerId: 'u-1' }
        );
        const text = element.shadowRoot.textContent;
        expect(text).toContain('Version 1: Old');
        expect(text).toContain('Version 2: New');
        const body = getByRole(element.shadowRoot, 'group', { name: 'Body, line by line' });
        expect(body.textContent).toContain('removed: −two');
        expect(body.textContent).toContain('added: +three');
        expect(text).not.toContain('Owner');
        await expect(element).toBeAccessible();
    });

    it('when nothing changed, then it says so', async () => {
        const element = await render({ title: 'Same' }, { title: 'Same' });
        expect(element.shadowRoot.textContent).toContain('No differences.');
    });
});
