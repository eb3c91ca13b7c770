import { createElement } from 'lwc';
import RichHtml from 'c/richHtml';

describe('c-rich-html', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when given sanitized HTML, then it is rendered as markup and updated on change', async () => {
        const element = createElement('c-rich-html', { is: RichHtml });
        element.html = '<h2>Where we win</h2><ul><li>Open API</li></ul>';
        document.body.appendChild(element);
        const container = element.shadowRoot.querySelector('.rich-html');
        expect(container.querySelector('h2').textContent).toBe('Where we win');
        expect(container.querySelectorAll('li')).toHaveLength(1);

        element.html = '<p>Updated</p>';
        await Promise.resolve();
        expect(container.innerHTML).toBe('<p>Updated</p>');
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = createElement('c-rich-html', { is: RichHtml });
        element.html = '<h2>Where we win</h2><ul><li>Open API</li></ul><p><a href="https://example.com">A source</a></p>';
        document.body.appendChild(element);
        await expect(element).toBeAccessible();
    });
});
