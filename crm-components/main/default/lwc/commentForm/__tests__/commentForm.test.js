import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import CommentForm from 'c/commentForm';
import { flushPromises } from 'jest-utils';

async function render(props = {}) {
    const element = createElement('c-comment-form', { is: CommentForm });
    Object.assign(element, {
        label: 'What should the authors change?',
        formName: 'Request changes with a comment',
        sendLabel: 'Send request for changes',
        sendName: 'Send request for changes: Battlecard',
        missingMessage: 'Tell the authors what to change before sending it back.',
        ...props
    });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-comment-form', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when sent empty, then it says what is missing, marks the field invalid and keeps the focus there', async () => {
        const element = await render();
        const send = jest.fn();
        element.addEventListener('send', send);
        const field = getByRole(element.shadowRoot, 'textbox', { name: /What should the authors change\?/ });
        expect(field.required).toBe(true);
        getByRole(element.shadowRoot, 'button', { name: 'Send request for changes: Battlecard' }).click();
        await flushPromises();
        expect(send).not.toHaveBeenCalled();
        expect(field.getAttribute('aria-invalid')).toBe('true');
        expect(element.shadowRoot.activeElement).toBe(field);
        expect(element.shadowRoot.textContent).toContain('Tell the authors what to change before sending it back.');
        await expect(element).toBeAccessible();
    });

    it('when a comment is written, then send carries it trimmed; cancel says so', async () => {
        const element = await render({ destructive: true });
        const send = jest.fn();
        const cancel = jest.fn();
        element.addEventListener('send', send);
        element.addEventListener('cancel', cancel);
        const field = getByRole(element.shadowRoot, 'textbox');
        field.value = '  Name the pricing objection  ';
        field.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        const button = getByRole(element.shadowRoot, 'button', { name: /^Send request for changes/ });
        expect(button.className).toContain('slds-button_destructive');
        button.click();
        expect(send.mock.calls[0][0].detail).toEqual({ comment: 'Name the pricing objection' });
        getByRole(element.shadowRoot, 'button', { name: 'Cancel' }).click();
        expect(cancel).toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
