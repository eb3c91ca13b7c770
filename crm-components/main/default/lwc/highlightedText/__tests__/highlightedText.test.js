import { createElement } from 'lwc';
import HighlightedText from 'c/highlightedText';

function render(value) {
    const element = createElement('c-highlighted-text', { is: HighlightedText });
    element.value = value;
    document.body.appendChild(element);
    return element;
}

describe('c-highlighted-text', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when the value has <mark> tags, then they become mark elements', () => {
        const element = render('Fleet <mark>Analytics</mark> vs <mark>Geotab</mark>');
        const marks = [...element.shadowRoot.querySelectorAll('mark')].map((m) => m.textContent);
        expect(marks).toEqual(['Analytics', 'Geotab']);
        expect(element.shadowRoot.textContent).toBe('Fleet Analytics vs Geotab');
    });

    it('when the value holds escaped or raw markup, then it stays text', () => {
        const element = render('&lt;img src=x onerror=alert(1)&gt; <b>bold</b> <script>x()</script>');
        expect(element.shadowRoot.querySelector('img, b, script')).toBeNull();
        expect(element.shadowRoot.textContent).toBe('<img src=x onerror=alert(1)> <b>bold</b> <script>x()</script>');
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render('Fleet <mark>Analytics</mark> vs <mark>Geotab</mark>');
        await expect(element).toBeAccessible();
    });
});
