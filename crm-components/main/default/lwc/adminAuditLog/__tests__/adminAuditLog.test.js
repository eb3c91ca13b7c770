import { getByRole } from '@testing-library/dom';
import AdminAuditLog from 'c/adminAuditLog';
import { listAudit } from 'c/hubApi';
import { copy, allByRole, oneByRole, deepText, resetDom, flushPromises, selectIn, mount } from 'jest-utils';

jest.mock('c/hubApi', () => ({ listAudit: jest.fn() }));

const AUDIT = require('./data/audit.json');

const render = () => mount('c-admin-audit-log', AdminAuditLog);

function set(control, value) {
    control.value = value;
    control.dispatchEvent(new CustomEvent('change', { bubbles: true }));
}

describe('c-admin-audit-log', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when it opens, then the newest entries are listed with who, what, target and details', async () => {
        listAudit.mockResolvedValue(copy(AUDIT));
        const element = await render();
        expect(listAudit).toHaveBeenCalledWith({
            limit: 50,
            before: undefined,
            action: undefined,
            actorId: undefined,
            targetType: undefined,
            targetId: undefined
        });
        const rows = allByRole(element, 'row').slice(1);
        expect(rows[0].textContent).toContain('2026-12-02 06:20:00');
        expect(rows[0].textContent).toContain('synonyms.replace');
        expect(rows[0].textContent).toContain('added: k8s = kubernetes');
        expect(rows[1].textContent).toContain('user u-nina');
        expect(deepText(element)).toContain('2 entries');
        await expect(element).toBeAccessible();
    });

    it('when filters are applied, then the hub is asked with them', async () => {
        listAudit.mockResolvedValue(copy(AUDIT));
        const element = await render();
        set(oneByRole(element, 'textbox', { name: 'Action' }), ' user.create ');
        set(oneByRole(element, 'textbox', { name: 'Done by (user id)' }), 'hub-admin');
        set(selectIn(element.shadowRoot, 'Target type'), 'user');
        getByRole(element.shadowRoot, 'button', { name: 'Filter' }).click();
        await flushPromises();
        expect(listAudit).toHaveBeenLastCalledWith({
            limit: 50,
            before: undefined,
            action: 'user.create',
            actorId: 'hub-admin',
            targetType: 'user',
            targetId: undefined
        });
    });

    it('when a page is full, then older entries are fetched before the last one shown', async () => {
        const page = { entries: Array.from({ length: 50 }, (_, i) => ({ ...AUDIT.entries[1], id: 100 - i })) };
        listAudit.mockResolvedValueOnce(page).mockResolvedValueOnce(copy(AUDIT));
        const element = await render();
        expect(deepText(element)).toContain('50+ entries');
        getByRole(element.shadowRoot, 'button', { name: 'Show older entries' }).click();
        await flushPromises();
        expect(listAudit).toHaveBeenLastCalledWith(expect.objectContaining({ before: 51 }));
        expect(allByRole(element, 'row')).toHaveLength(53);
    });

    it('when nothing matches, then it says so; when loading fails, then the error is shown', async () => {
        listAudit.mockResolvedValueOnce({ entries: [] }).mockRejectedValueOnce({ status: 500, body: { message: 'down' } });
        const element = await render();
        expect(deepText(element)).toContain('No entries match these filters.');
        await expect(element).toBeAccessible();
        getByRole(element.shadowRoot, 'button', { name: 'Filter' }).click();
        await flushPromises();
        expect(deepText(element)).toContain('The audit log could not be loaded.');
    });
});
