import { createElement } from 'lwc';
import { getByRole, queryByRole } from '@testing-library/dom';
import CsvFile from 'c/csvFile';
import { mockBlobDownloads } from '../../../../../jest-utils/blobDownloads';
import { flushPromises } from 'jest-utils';

describe('c-csv-file', () => {
    const downloads = mockBlobDownloads();

    const render = (props = {}) => {
        const element = createElement('c-csv-file', { is: CsvFile });
        Object.assign(element, props);
        document.body.appendChild(element);
        return element;
    };

    it('when nothing was offered, then the status region is empty', () => {
        const element = render();
        expect(getByRole(element.shadowRoot, 'status').textContent.trim()).toBe('');
        expect(queryByRole(element.shadowRoot, 'link')).toBeNull();
    });

    it('when the parent is busy, then it says the CSV is being prepared', () => {
        const element = render({ busy: true });
        expect(getByRole(element.shadowRoot, 'status').textContent).toContain('Preparing the CSV');
    });

    it('when a file is offered, then a CSV Blob link with a safe file name is clicked once and stays on screen', async () => {
        const element = render();
        element.offer('a,b\r\n1,2\r\n', 'credits: Q4/2026 "all".csv');
        await flushPromises();
        const blob = downloads.createObjectURL.mock.calls[0][0];
        expect(blob.type).toBe('text/csv;charset=utf-8');
        const link = getByRole(element.shadowRoot, 'link');
        expect(link.getAttribute('href')).toBe('blob:http://localhost/file-1');
        expect(link.getAttribute('download')).toBe('credits-Q4-2026-all-.csv');
        expect(downloads.clicks).toHaveBeenCalledTimes(1);
        await flushPromises();
        expect(downloads.clicks).toHaveBeenCalledTimes(1);
    });

    it('when a newer file replaces it or the component goes away, then each object URL is revoked', async () => {
        const element = render();
        element.offer('x', 'one.csv');
        await flushPromises();
        element.offer('y', 'two.csv');
        await flushPromises();
        expect(downloads.revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/file-1');
        expect(getByRole(element.shadowRoot, 'link').getAttribute('download')).toBe('two.csv');
        document.body.removeChild(element);
        expect(downloads.revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/file-2');
        expect(downloads.clicks).toHaveBeenCalledTimes(2);
    });
});
