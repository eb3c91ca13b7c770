import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import SearchHit from 'c/searchHit';

const { hits } = require('../../knowledgeSearch/__tests__/data/searchPage1.json');

function render(hit) {
    const element = createElement('c-search-hit', { is: SearchHit });
    element.hit = hit;
    document.body.appendChild(element);
    return element;
}

describe('c-search-hit', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when shown, then type, kind, authors and tags are visible', () => {
        const element = render(hits[0]);
        const text = element.shadowRoot.textContent;
        expect(text).toContain('Battlecard');
        expect(text).toContain('Capability');
        expect(text).toContain('by Priya Natarajan');
        expect(getByRole(element.shadowRoot, 'list', { name: 'Tags' }).textContent).toContain('vs Geotab');
    });

    it('when the title is clicked, then select carries the id', () => {
        const element = render(hits[0]);
        const handler = jest.fn();
        element.addEventListener('select', handler);
        getByRole(element.shadowRoot, 'button', { name: 'Fleet Analytics vs Geotab battlecard' }).click();
        expect(handler.mock.calls[0][0].detail).toEqual({ id: 'c-101' });
    });

    it('when the engine sent no highlight, then the plain title is shown as text', () => {
        const element = render({ ...hits[1], highlight: undefined });
        const title = element.shadowRoot.querySelector('c-highlighted-text');
        expect(title.value).toBe('Loss: &lt;img src=x onerror=alert(1)&gt; Globex picked Geotab');
        expect(title.shadowRoot.textContent).toBe('Loss: <img src=x onerror=alert(1)> Globex picked Geotab');
        expect(title.shadowRoot.querySelector('img')).toBeNull();
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render(hits[0]);
        await expect(element).toBeAccessible();
    });
});
