import { createElement } from 'lwc';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import FlowMetricCards from 'c/flowMetricCards';
import { resetDom, allByRole, oneByRole } from 'jest-utils';

const METRICS = require('../../knowledgeFlowDashboard/__tests__/data/metrics.json');
const USERS = require('../../knowledgeFlowDashboard/__tests__/data/users.json').users;

function render(metrics = METRICS) {
    const element = createElement('c-flow-metric-cards', { is: FlowMetricCards });
    element.metrics = JSON.parse(JSON.stringify(metrics));
    element.users = USERS;
    document.body.appendChild(element);
    return element;
}

const card = (element, key) => element.shadowRoot.querySelector(`[data-metric="${key}"]`).textContent;

describe('c-flow-metric-cards', () => {
    afterEach(() => {
        resetDom();
    });

    it('when metrics arrive, then each card shows its headline figure and what it is made of', () => {
        const element = render();
        expect(card(element, 'reuse')).toContain('62.2%');
        expect(card(element, 'reuse')).toContain('84 of 135 items');
        expect(card(element, 'firstReuse')).toContain('9.8 days');
        expect(card(element, 'attach')).toContain('26 of 26 open deals');
        expect(card(element, 'crossTeam')).toContain('70.4%');
        expect(card(element, 'influence')).toContain('$5,480,000');
        expect(card(element, 'influence')).toContain('23 items in 7 won deals');
    });

    it('when the reader may not see every amount behind a sum, then its band is shown instead', async () => {
        const hidden = JSON.parse(JSON.stringify(METRICS));
        hidden.overall.influencedWonAmount = null;
        hidden.overall.influencedWonAmountBand = '1M and above';
        hidden.influence.topItems[0].wonAmount = null;
        hidden.influence.topItems[0].wonAmountBand = '250k\u20131M';
        const element = render(hidden);
        expect(card(element, 'influence')).toContain('band 1M and above');
        getByRole(element.shadowRoot, 'button', { name: 'Details of Won-deal influence' }).click();
        await Promise.resolve();
        const items = oneByRole(element, 'table', { name: 'Items behind won deals' });
        expect(queryAllByRole(items, 'row')[1].textContent).toContain('band 250k\u20131M');
    });

    it('when a metric is drilled into, then a table lists the teams behind it and the button says it is expanded', async () => {
        const element = render();
        const button = getByRole(element.shadowRoot, 'button', { name: 'Details of Reused by others' });
        expect(button.getAttribute('aria-expanded')).toBe('false');
        button.click();
        await Promise.resolve();
        expect(button.getAttribute('aria-expanded')).toBe('true');
        const table = oneByRole(element, 'table', { name: 'Reused by others by team' });
        const rows = queryAllByRole(table, 'row')
            .slice(1)
            .map((r) => Array.from(r.children, (c) => c.textContent));
        expect(rows).toHaveLength(4);
        expect(rows[0][0]).toBe('APAC Growth');
        button.click();
        await Promise.resolve();
        expect(allByRole(element, 'table')).toHaveLength(0);
    });

    it('when won-deal influence is drilled into, then the items and their owners are named', async () => {
        const element = render();
        getByRole(element.shadowRoot, 'button', { name: 'Details of Won-deal influence' }).click();
        await Promise.resolve();
        const items = oneByRole(element, 'table', { name: 'Items behind won deals' });
        const first = Array.from(queryAllByRole(items, 'row')[1].children, (c) => c.textContent);
        expect(first[1]).toBe(USERS.find((u) => u.id === METRICS.influence.topItems[0].ownerId).name);
        expect(queryAllByRole(items, 'row')).toHaveLength(1 + METRICS.influence.topItems.length);
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render();
        await expect(element).toBeAccessible();
    });
});
