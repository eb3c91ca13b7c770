import { createElement } from 'lwc';
import { getByRole } from '@testing-library/dom';
import SearchHit from 'c/searchHit';
import { recordEvent } from 'c/hubApi';

jest.mock('c/hubApi', () => ({ recordEvent: jest.fn() }));

async function flushMicrotasks() {
    for (let i = 0; i < 10; i += 1) {
        await Promise.resolve();
    }
}

const { hits } = require('../../knowledgeSearch/__tests__/data/searchPage1.json');

function render(hit, opportunityId) {
    const element = createElement('c-search-hit', { is: SearchHit });
    element.hit = hit;
    element.opportunityId = opportunityId;
    document.body.appendChild(element);
    return element;
}

describe('c-search-hit', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when shown, then its freshness badge says how far to trust it', () => {
        const element = render({ ...hits[0], freshness: 'due', verifiedAt: '2026-01-05T00:00:00.000Z' });
        const badge = element.shadowRoot.querySelector('c-freshness-badge');
        expect(badge.freshness).toBe('due');
        expect(badge.shadowRoot.textContent).toContain('Review due');
    });

    it('when not opened from a deal, then no Attach button is offered', () => {
        const element = render(hits[0]);
        expect(element.shadowRoot.querySelector('.attach-button')).toBeNull();
    });

    it('when opened from a deal and Attach is pressed, then an attach event names the deal and the hit says it is attached (sa11y)', async () => {
        recordEvent.mockResolvedValue({ event: { id: 'e1' } });
        const element = render({ ...hits[0], freshness: 'verified' }, 'opp-7');
        await expect(element).toBeAccessible();
        getByRole(element.shadowRoot, 'button', { name: /^Attach to deal\s*: Fleet Analytics vs Geotab battlecard$/ }).click();
        await flushMicrotasks();
        expect(recordEvent).toHaveBeenCalledWith({ type: 'attach', contentId: 'c-101', opportunityId: 'opp-7' });
        expect(getByRole(element.shadowRoot, 'status').textContent).toBe('Attached to this deal.');
        await expect(element).toBeAccessible();
    });

    it('when attaching fails, then the error is announced and the button comes back', async () => {
        recordEvent.mockRejectedValue(new Error('Opportunity not found'));
        const element = render(hits[0], 'opp-7');
        element.shadowRoot.querySelector('.attach-button').click();
        await flushMicrotasks();
        expect(getByRole(element.shadowRoot, 'alert').textContent).toContain('Opportunity not found');
        expect(element.shadowRoot.querySelector('.attach-button').disabled).toBe(false);
        await expect(element).toBeAccessible();
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
