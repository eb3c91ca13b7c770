import { createElement } from 'lwc';
import { queryAllByLabelText, queryAllByRole } from '@testing-library/dom';
import QuickCloseOut from 'c/quickCloseOut';
import { quickCloseOut } from 'c/hubApi';
import { flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({ quickCloseOut: jest.fn() }));

const byLabel = (element, label) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByLabelText(root, label))[0];
const byRole = (element, role, options) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, role, options))[0];

async function type(control, value) {
    control.value = value;
    control.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
    await flushPromises();
}

async function render() {
    const element = createElement('c-quick-close-out', { is: QuickCloseOut });
    Object.assign(element, { opportunityId: 'opp-014', reasonCodes: ['Price', 'Relationship'], outcome: 'lost' });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-quick-close-out', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when the rep gives a sentence and a lesson, then the lesson is posted on its own, apart from the sentence', async () => {
        quickCloseOut.mockResolvedValue({ id: 'wl-1' });
        const element = await render();
        const saved = jest.fn();
        element.addEventListener('saved', saved);
        byRole(element, 'checkbox', { name: 'Price' }).click();
        await flushPromises();
        await type(byLabel(element, /In one sentence/), 'Lost on price to a bundled tool.');
        await type(byLabel(element, /Lessons for the next seller/), ' Qualify out early when BI is bundled. ');
        byRole(element, 'button', { name: 'Save close-out' }).click();
        await flushPromises();
        expect(quickCloseOut).toHaveBeenCalledWith({
            opportunityId: 'opp-014',
            outcome: 'lost',
            reasonCodes: ['Price'],
            sentence: 'Lost on price to a bundled tool.',
            lessons: 'Qualify out early when BI is bundled.'
        });
        expect(saved.mock.calls[0][0].detail).toEqual({ item: { id: 'wl-1' } });
    });

    it('when no lesson is given, then none is sent', async () => {
        quickCloseOut.mockResolvedValue({ id: 'wl-2' });
        const element = await render();
        await type(byLabel(element, /In one sentence/), 'Budget freeze.');
        byRole(element, 'button', { name: 'Save close-out' }).click();
        await flushPromises();
        expect(quickCloseOut.mock.calls[0][0]).not.toHaveProperty('lessons');
    });

    it('when shown, then it says the CRM pre-fill is kept and passes the accessibility checks (sa11y)', async () => {
        const element = await render();
        expect(element.shadowRoot.textContent).toContain('situation, stakeholders, buying committee');
        await expect(element).toBeAccessible();
    });
});
