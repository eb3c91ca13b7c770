/**
 * What a CSV download needs from the browser, mocked for jsdom (which has no object URLs and
 * would try to navigate on an anchor click). Call inside a `describe`; it installs and removes
 * the mocks around each test and empties the page first, so components revoke their URLs while
 * `URL.revokeObjectURL` is still mocked.
 */
export function mockBlobDownloads(prefix = 'blob:http://localhost/file') {
    const mocks = { createObjectURL: undefined, revokeObjectURL: undefined, clicks: undefined };
    beforeEach(() => {
        let n = 0;
        mocks.createObjectURL = jest.fn(() => `${prefix}-${++n}`);
        mocks.revokeObjectURL = jest.fn();
        URL.createObjectURL = mocks.createObjectURL;
        URL.revokeObjectURL = mocks.revokeObjectURL;
        mocks.clicks = jest.spyOn(window.HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        mocks.clicks.mockRestore();
        delete URL.createObjectURL;
        delete URL.revokeObjectURL;
    });
    return mocks;
}
