import { createElement } from 'lwc';
import { getByRole, queryAllByRole, queryByRole } from '@testing-library/dom';
import FlowBarChart from 'c/flowBarChart';
import { resetDom } from 'jest-utils';

const SERIES = [
    { key: 'sharing', label: 'Sharing' },
    { key: 'participating', label: 'Participating' }
];
const GROUPS = [
    { label: 'APAC Growth', values: { sharing: 8, participating: 149 } },
    { label: 'EMEA Enterprise', values: { sharing: 9, participating: 108.5 } }
];

function render(props) {
    const element = createElement('c-flow-bar-chart', { is: FlowBarChart });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-flow-bar-chart', () => {
    afterEach(() => {
        resetDom();
    });

    it('when it has figures, then the SVG is an image whose label summarises every bar', () => {
        const element = render({ label: 'Engagement by team', series: SERIES, groups: GROUPS });
        const img = getByRole(element.shadowRoot, 'img');
        expect(img.tagName.toLowerCase()).toBe('svg');
        expect(img.getAttribute('aria-label')).toBe(
            'Engagement by team. APAC Growth: Sharing 8, Participating 149; EMEA Enterprise: Sharing 9, Participating 108.5.'
        );
    });

    it('when it has figures, then a visually hidden table carries the same numbers', () => {
        const element = render({ label: 'Engagement by team', series: SERIES, groups: GROUPS });
        const table = getByRole(element.shadowRoot, 'table', { name: 'Engagement by team' });
        expect(table.parentElement.classList.contains('slds-assistive-text')).toBe(true);
        expect(queryAllByRole(table, 'columnheader').map((h) => h.textContent)).toEqual(['Team', 'Sharing', 'Participating']);
        const rows = queryAllByRole(table, 'row')
            .slice(1)
            .map((r) => Array.from(r.children, (c) => c.textContent));
        expect(rows).toEqual([
            ['APAC Growth', '8', '149'],
            ['EMEA Enterprise', '9', '108.5']
        ]);
    });

    it('when drawn, then bar lengths are proportional to the largest value', () => {
        const element = render({ label: 'Engagement', series: SERIES, groups: GROUPS });
        const widths = Array.from(element.shadowRoot.querySelectorAll('svg g g rect'), (r) => Number(r.getAttribute('width')));
        expect(widths).toHaveLength(4);
        expect(Math.max(...widths)).toBeCloseTo(widths[1]);
        expect(widths[3] / widths[1]).toBeCloseTo(108.5 / 149, 2);
    });

    it('when there is nothing to chart, then it says so instead of drawing an empty image', () => {
        const element = render({ label: 'Engagement', series: SERIES, groups: [] });
        expect(queryByRole(element.shadowRoot, 'img')).toBeNull();
        expect(element.shadowRoot.textContent).toContain('No figures to chart');
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render({ label: 'Engagement by team', series: SERIES, groups: GROUPS });
        await expect(element).toBeAccessible();
    });
});
