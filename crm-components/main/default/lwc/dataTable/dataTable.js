import { LightningElement, api } from 'lwc';

function cellClass(column) {
    return [column.align === 'right' ? 'slds-text-align_right' : '', column.wrap ? 'slds-cell-wrap' : '', column.cellClass || '']
        .filter(Boolean)
        .join(' ');
}

/**
 * A read-only SLDS table driven by `columns` and `rows`, inside a region that scrolls sideways on a
 * phone (focusable, so a keyboard can scroll it too).
 *
 * `columns`: `{ fieldName, label, rowHeader, align: 'right', wrap, cellClass, hiddenLabel, type }`;
 * `type` is `'text'` (the default), `'bar'` (a figure with a small bar before it: the row's field is
 * `{ text, barStyle }`) or `'actions'` (the row's field is a list of buttons `{ name, label,
 * ariaLabel, title, variant: 'neutral'|'brand'|'destructive'|'bare', disabled, expanded }`; with
 * `withStatus` the cell also holds a live status line, the row's `<fieldName>Status`). A row header may carry a second
 * line in the row's `<fieldName>Detail`, or, with the column's `action`, be a plain button that fires that action (its
 * tooltip the row's `<fieldName>Title`): a name that opens the person's page.
 * `rows`: objects with a unique `key`. A button fires `rowaction` with `{ action, key }`.
 */
export default class DataTable extends LightningElement {
    @api caption;
    /** Show the caption above the table (otherwise it is read by screen readers only). */
    @api captionVisible = false;
    /** The scroll region's name, e.g. "Users table (scrolls sideways)". */
    @api regionLabel;
    @api columns = [];
    @api rows = [];
    @api striped = false;

    get tableClass() {
        return `slds-table slds-table_cell-buffer slds-table_bordered${this.striped ? ' slds-table_striped' : ''}`;
    }

    get captionClass() {
        return this.captionVisible ? 'slds-text-title_bold slds-text-align_left slds-p-vertical_x-small' : 'slds-assistive-text';
    }

    get headers() {
        return this.columns.map((column) => ({
            key: column.fieldName,
            label: column.label,
            hiddenLabel: column.hiddenLabel,
            className: column.align === 'right' ? 'slds-text-align_right' : ''
        }));
    }

    get renderedRows() {
        return (this.rows || []).map((row) => ({
            key: row.key,
            cells: this.columns.map((column) => {
                const value = row[column.fieldName];
                const type = column.type || 'text';
                return {
                    key: column.fieldName,
                    className: cellClass(column),
                    isHeader: !!column.rowHeader,
                    isBar: type === 'bar',
                    isActions: type === 'actions',
                    text: type === 'text' ? value : value && value.text,
                    detail: row[`${column.fieldName}Detail`],
                    action: column.rowHeader ? column.action : undefined,
                    title: row[`${column.fieldName}Title`],
                    barStyle: type === 'bar' && value ? value.barStyle : undefined,
                    hasStatus: type === 'actions' && !!column.withStatus,
                    status: row[`${column.fieldName}Status`],
                    actions: this.cellActions(column, type, value, row)
                };
            })
        }));
    }

    /** A cell's buttons for c-action-buttons: an actions cell's list, or the row header's one plain button. */
    cellActions(column, type, value, row) {
        if (type === 'actions') {
            return value || [];
        }
        if (column.rowHeader && column.action) {
            return [{ name: column.action, label: value, title: row[`${column.fieldName}Title`], variant: 'bare' }];
        }
        return [];
    }

    handleAction(event) {
        const { action, id } = event.detail;
        this.dispatchEvent(new CustomEvent('rowaction', { detail: { action, key: id } }));
    }
}
