import { createElement } from 'lwc';
import { fireEvent, getByRole } from '@testing-library/dom';
import ContentViewer from 'c/contentViewer';
import { deriveContent, getContent, recordEvent } from 'c/hubApi';
import { flushPromises } from 'jest-utils';

jest.mock('c/hubApi', () => ({ deriveContent: jest.fn(), getContent: jest.fn(), recordEvent: jest.fn() }));

const CONTENT = require('./data/content.json');

/** Synthetic shadow forbids getElementById, which name computation needs for aria-labelledby. */
const labelOf = (root, element) => root.querySelector(`[id="${element.getAttribute('aria-labelledby')}"]`).textContent;

async function render(props) {
    const element = createElement('c-content-viewer', { is: ContentViewer });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-content-viewer', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when deriving is offered, then the reader can derive a draft and the page hears of it, with the reason when it fails', async () => {
        getContent.mockResolvedValue(JSON.parse(JSON.stringify(CONTENT)));
        recordEvent.mockResolvedValue({});
        const element = await render({ contentId: CONTENT.id, deriveOffered: true });
        const heard = jest.fn();
        document.body.addEventListener('derived', heard);
        deriveContent.mockResolvedValueOnce({ id: 'ci-draft-9' });
        getByRole(element.shadowRoot, 'button', { name: `Derive a new draft: ${CONTENT.title}` }).click();
        await flushPromises();
        expect(deriveContent).toHaveBeenCalledWith(CONTENT.id);
        expect(heard.mock.calls[0][0].detail).toEqual({ id: 'ci-draft-9', from: CONTENT.id });
        document.body.removeEventListener('derived', heard);
        await expect(element).toBeAccessible();

        deriveContent.mockRejectedValueOnce({ status: 403, body: { message: 'Only authors, leaders and admins may create content' } });
        getByRole(element.shadowRoot, 'button', { name: `Derive a new draft: ${CONTENT.title}` }).click();
        await flushPromises();
        expect(getByRole(element.shadowRoot, 'alert').textContent).toContain(
            'Could not derive: Only authors, leaders and admins may create content'
        );
    });

    it('when deriving is not offered, then there is no Derive button', async () => {
        getContent.mockResolvedValue(JSON.parse(JSON.stringify(CONTENT)));
        recordEvent.mockResolvedValue({});
        const element = await render({ contentId: CONTENT.id });
        expect(element.shadowRoot.textContent).not.toContain('Derive a new draft');
    });

    it('when loading, then the dialog shows a spinner', async () => {
        getContent.mockReturnValue(new Promise(() => {}));
        const element = await render({ contentId: 'c-101' });
        const dialog = getByRole(element.shadowRoot, 'dialog');
        expect(labelOf(element.shadowRoot, dialog)).toBe('Loading…');
        expect(dialog.getAttribute('aria-modal')).toBe('true');
        expect(element.shadowRoot.querySelector('c-loading-spinner')).not.toBeNull();
        expect(recordEvent).not.toHaveBeenCalled();
    });

    it('when the item loads, then title, authors, body and links are shown and a view is recorded', async () => {
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockResolvedValue({ id: 'ev-1' });
        const element = await render({ contentId: 'c-101', opportunityId: 'opp-001' });

        const dialog = getByRole(element.shadowRoot, 'dialog');
        expect(labelOf(element.shadowRoot, dialog)).toBe('Fleet Analytics vs Geotab battlecard');
        expect(dialog.textContent).toContain('Battlecard');
        expect(dialog.textContent).toContain('by Priya Natarajan, Tom Becker');
        expect(dialog.textContent).toContain('published Jun 2, 2025');
        expect(element.shadowRoot.querySelector('c-rich-html').html).toBe(CONTENT.bodyHtml);
        const link = getByRole(element.shadowRoot, 'link', { name: 'Geotab public price list' });
        expect(link.getAttribute('rel')).toBe('noopener noreferrer');
        expect(recordEvent).toHaveBeenCalledWith({ type: 'view', contentId: 'c-101', opportunityId: 'opp-001' });
    });

    it('when opened outside an opportunity, then the view carries no opportunity', async () => {
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockResolvedValue({ id: 'ev-2' });
        await render({ contentId: 'c-101' });
        expect(recordEvent).toHaveBeenCalledWith({ type: 'view', contentId: 'c-101' });
    });

    it('when recording the view fails, then the reader still sees the item', async () => {
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockRejectedValue(new Error('rate limited'));
        const element = await render({ contentId: 'c-101' });
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
        expect(element.shadowRoot.querySelector('c-rich-html')).not.toBeNull();
    });

    it('when the item cannot be loaded, then the error panel says so and no view is recorded', async () => {
        getContent.mockRejectedValue({ body: { message: 'You may not see this item' } });
        const element = await render({ contentId: 'c-777' });
        const panel = element.shadowRoot.querySelector('c-error-panel');
        expect(panel.friendlyMessage).toBe('This item could not be opened.');
        expect(recordEvent).not.toHaveBeenCalled();
    });

    it('when Escape or Close is used, then close fires', async () => {
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockResolvedValue({});
        const element = await render({ contentId: 'c-101' });
        const handler = jest.fn();
        element.addEventListener('close', handler);
        const dialog = getByRole(element.shadowRoot, 'dialog');
        fireEvent.keyDown(dialog, { key: 'Escape' });
        getByRole(element.shadowRoot, 'button', { name: 'Close' }).click();
        expect(handler).toHaveBeenCalledTimes(2);
    });
});

describe('c-content-viewer keyboard', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when Tab leaves the last control, then focus wraps to the dialog; Shift+Tab before the first wraps to Close', async () => {
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockResolvedValue({ id: 'ev-1' });
        const element = await render({ contentId: 'c-101' });
        await flushPromises();
        const root = element.shadowRoot;
        const close = getByRole(root, 'button', { name: 'Close' });
        expect(root.activeElement).toBe(close);
        // The browser moves Tab focus onto the sentinel after Close; it passes focus on.
        root.querySelector('[data-sentinel="end"]').focus();
        expect(root.activeElement).toBe(getByRole(root, 'dialog'));
        root.querySelector('[data-sentinel="start"]').focus();
        expect(root.activeElement).toBe(close);
    });

    it('when "Mark helpful" is offered, then it fires helpful once, and once marked it stays focusable and pressed', async () => {
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockResolvedValue({ id: 'ev-1' });
        const element = await render({ contentId: 'c-101', helpfulOffered: true });
        await flushPromises();
        const onHelpful = jest.fn();
        element.addEventListener('helpful', onHelpful);
        const mark = getByRole(element.shadowRoot, 'button', { name: `Mark helpful: ${CONTENT.title}` });
        mark.click();
        expect(onHelpful).toHaveBeenCalledTimes(1);
        expect(onHelpful.mock.calls[0][0].detail).toEqual({ id: 'c-101' });
        element.isHelpful = true;
        await flushPromises();
        const marked = getByRole(element.shadowRoot, 'button', { name: `Marked helpful: ${CONTENT.title}` });
        expect(marked.disabled).toBe(false);
        expect(marked.getAttribute('aria-disabled')).toBe('true');
        expect(marked.getAttribute('aria-pressed')).toBe('true');
        marked.click();
        expect(onHelpful).toHaveBeenCalledTimes(1);
    });

    it('when "Mark helpful" is not offered, then the footer has only Close', async () => {
        getContent.mockResolvedValue(CONTENT);
        const element = await render({ contentId: 'c-101' });
        await flushPromises();
        expect(element.shadowRoot.querySelector('[data-helpful]')).toBeNull();
    });

    it('when the item is shown with "Mark helpful", then the dialog passes the accessibility checks (sa11y)', async () => {
        getContent.mockResolvedValue(CONTENT);
        recordEvent.mockResolvedValue({ id: 'ev-1' });
        const element = await render({ contentId: 'c-101', helpfulOffered: true });
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
