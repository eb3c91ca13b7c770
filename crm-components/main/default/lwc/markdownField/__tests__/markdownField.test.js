import { createElement } from 'lwc';
import { getByRole, queryAllByLabelText } from '@testing-library/dom';
import MarkdownField from 'c/markdownField';
import { previewMarkdown } from 'c/hubApi';
import { flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({ previewMarkdown: jest.fn() }));

async function render(value) {
    const element = createElement('c-markdown-field', { is: MarkdownField });
    Object.assign(element, { name: 'body', label: 'Body (Markdown)', value });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const textarea = (element) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByLabelText(root, 'Body (Markdown)'))[0];
const previewHtml = (element) => {
    const rich = getByRole(element.shadowRoot, 'region', { name: 'Preview' }).querySelector('c-rich-html');
    return rich && rich.html;
};

describe('c-markdown-field', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('when a value is given, then the hub renders its preview at once', async () => {
        previewMarkdown.mockResolvedValue({ html: '<h2>Why we win</h2>' });
        const element = await render('## Why we win');
        expect(previewMarkdown).toHaveBeenCalledWith('## Why we win');
        expect(previewHtml(element)).toBe('<h2>Why we win</h2>');
        await expect(element).toBeAccessible();
    });

    it('when the author types, then valuechange fires at once and the preview follows a pause, once', async () => {
        previewMarkdown.mockResolvedValue({ html: '<p>x</p>' });
        const element = await render('');
        const changed = jest.fn();
        element.addEventListener('valuechange', changed);
        jest.useFakeTimers();
        const area = textarea(element);
        for (const text of ['#', '## P', '## Pricing']) {
            area.value = text;
            area.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        }
        // The parent passes the typed value back down: no extra render for that.
        element.value = '## Pricing';
        expect(changed.mock.calls.map((c) => c[0].detail)).toContainEqual({ name: 'body', value: '## Pricing' });
        expect(previewMarkdown).not.toHaveBeenCalled();
        await Promise.resolve();
        expect(getByRole(element.shadowRoot, 'region', { name: 'Preview' }).getAttribute('aria-busy')).toBe('true');
        jest.advanceTimersByTime(500);
        jest.useRealTimers();
        await flushPromises();
        expect(previewMarkdown.mock.calls).toEqual([['## Pricing']]);
    });

    it('when the hub cannot render, then previewfailed says why and the preview is empty', async () => {
        previewMarkdown.mockRejectedValue({ status: 503, body: { message: 'The hub is restarting' } });
        const element = await render('');
        const failed = jest.fn();
        element.addEventListener('previewfailed', failed);
        element.value = '## Pricing';
        await flushPromises();
        expect(failed.mock.calls[0][0].detail.message).toBe('The preview is not available: The hub is restarting');
        expect(previewHtml(element)).toBeFalsy();
    });
});
