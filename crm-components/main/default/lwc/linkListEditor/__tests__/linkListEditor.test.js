import { createElement } from 'lwc';
import { getAllByRole, getByRole, queryByLabelText } from '@testing-library/dom';
import LinkListEditor from 'c/linkListEditor';
import { flushPromises, oneByRole, shadowRoots } from 'jest-utils';

const LINKS = [
    { title: 'Pricing sheet', url: 'https://example.com/pricing' },
    { title: 'Case study', url: 'ftp://example.com/case' }
];

async function render(props) {
    const element = createElement('c-link-list-editor', { is: LinkListEditor });
    Object.assign(element, { links: LINKS, ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

/** The input labelled `label` in a link row: each sits in its own field, with its label. */
const inputIn = (row, label) =>
    shadowRoots(row)
        .map((root) => queryByLabelText(root, label))
        .find(Boolean);

const lastLinks = (handler) => {
    const { name, value } = handler.mock.calls[handler.mock.calls.length - 1][0].detail;
    expect(name).toBe('links');
    return value;
};

describe('c-link-list-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when links are given, then each row is a labelled group with its text, address and the issue about it', async () => {
        const element = await render({ issues: [{ path: '1.url', message: 'Use an https address.' }] });
        const rows = getAllByRole(element.shadowRoot, 'group', { name: /^Link \d$/ });
        expect(rows).toHaveLength(2);
        expect(inputIn(rows[0], 'Link text').value).toBe('Pricing sheet');
        expect(rows[1].textContent).toContain('Use an https address.');
        expect(rows[0].textContent).not.toContain('Use an https address.');
        await expect(element).toBeAccessible();
    });

    it('when the author adds, edits or removes a link, then valuechange carries the whole new list as links', async () => {
        const element = await render();
        const changed = jest.fn();
        element.addEventListener('valuechange', changed);

        getByRole(element.shadowRoot, 'button', { name: 'Add link' }).click();
        expect(lastLinks(changed)).toEqual([...LINKS, { title: '', url: '' }]);

        const address = inputIn(getAllByRole(element.shadowRoot, 'group', { name: 'Link 2' })[0], 'Address (https://…)');
        address.value = 'https://example.com/case';
        address.dispatchEvent(new CustomEvent('change', { bubbles: true }));
        expect(lastLinks(changed)[1]).toEqual({ title: 'Case study', url: 'https://example.com/case' });

        oneByRole(element, 'button', { name: 'Remove link 1' }).click();
        expect(lastLinks(changed)).toEqual([LINKS[1]]);
    });
});
