import { getByRole } from '@testing-library/dom';
import DataTable from 'c/dataTable';
import { allByRole, mount, oneByRole, resetDom } from 'jest-utils';

const COLUMNS = [
    { fieldName: 'name', label: 'Name', rowHeader: true },
    { fieldName: 'points', label: 'Points', align: 'right' },
    { fieldName: 'q1', label: 'Q1', type: 'bar', align: 'right', cellClass: 'trend-cell' },
    { fieldName: 'actions', label: 'Actions', hiddenLabel: true, type: 'actions', withStatus: true }
];
const ROWS = [
    {
        key: 'u-ana',
        name: 'Ana Silva',
        nameDetail: 'ana@example.com',
        points: '12.5',
        q1: { text: '4', barStyle: 'width: 2rem' },
        actions: [
            { name: 'edit', label: 'Edit', ariaLabel: 'Edit Ana Silva' },
            { name: 'remove', label: 'Remove', ariaLabel: 'Remove Ana Silva', variant: 'destructive', disabled: true }
        ],
        actionsStatus: 'Saved'
    },
    { key: 'u-tom', name: 'Tom Becker', points: '3', q1: { text: '0', barStyle: 'width: 0' }, actions: [] }
];

const render = (props = {}) =>
    mount('c-data-table', DataTable, {
        caption: 'People',
        regionLabel: 'People (scrolls sideways)',
        columns: COLUMNS,
        rows: ROWS,
        ...props
    });

describe('c-data-table', () => {
    afterEach(resetDom);

    it('when given columns and rows, then a captioned table has a column header per column and a row header per row', async () => {
        const element = await render();
        const table = getByRole(element.shadowRoot, 'table', { name: 'People' });
        expect(getByRole(element.shadowRoot, 'region', { name: 'People (scrolls sideways)' }).contains(table)).toBe(true);
        expect(allByRole(element, 'columnheader').map((h) => h.textContent.trim())).toEqual(['Name', 'Points', 'Q1', 'Actions']);
        expect(allByRole(element, 'rowheader').map((h) => Array.from(h.children, (c) => c.textContent).join(' ') || h.textContent)).toEqual(
            ['Ana Silva ana@example.com', 'Tom Becker']
        );
        const cells = allByRole(element, 'cell');
        expect(cells[0].textContent).toBe('12.5');
        expect(cells[0].className).toBe('slds-text-align_right');
        expect(cells[1].className).toBe('slds-text-align_right trend-cell');
        expect(cells[1].querySelector('.trend-bar').getAttribute('aria-hidden')).toBe('true');
        expect(element.shadowRoot.querySelector('caption').className).toBe('slds-assistive-text');
        await expect(element).toBeAccessible();
    });

    it('when a row button is pressed, then rowaction names the action and the row; a disabled one stays quiet', async () => {
        const element = await render();
        const handler = jest.fn();
        element.addEventListener('rowaction', handler);
        oneByRole(element, 'button', { name: 'Edit Ana Silva' }).click();
        oneByRole(element, 'button', { name: 'Remove Ana Silva' }).click();
        expect(handler).toHaveBeenCalledTimes(1);
        expect(handler.mock.calls[0][0].detail).toEqual({ action: 'edit', key: 'u-ana' });
        expect(oneByRole(element, 'button', { name: 'Remove Ana Silva' }).className).toContain('slds-button_destructive');
        expect(allByRole(element, 'status').map((s) => s.textContent)).toEqual(['Saved', '']);
    });

    it('when the row header column has an action, then each name is a button with its tooltip that fires rowaction', async () => {
        const element = await render({
            columns: [{ ...COLUMNS[0], action: 'open' }, COLUMNS[1]],
            rows: ROWS.map((row) => ({ ...row, nameTitle: `Open ${row.name}` }))
        });
        const handler = jest.fn();
        element.addEventListener('rowaction', handler);
        const button = oneByRole(element, 'button', { name: 'Tom Becker' });
        expect(button.getAttribute('title')).toBe('Open Tom Becker');
        // The button is in its c-action-buttons, which sits in the row header cell.
        expect(button.getRootNode().host.closest('th').getAttribute('scope')).toBe('row');
        button.click();
        expect(handler.mock.calls[0][0].detail).toEqual({ action: 'open', key: 'u-tom' });
        await expect(element).toBeAccessible();
    });

    it('when the caption is visible and the table striped, then both show', async () => {
        const element = await render({ captionVisible: true, striped: true });
        expect(element.shadowRoot.querySelector('caption').className).toContain('slds-text-title_bold');
        expect(element.shadowRoot.querySelector('table').className).toContain('slds-table_striped');
    });
});
