import { createElement } from 'lwc';
import { getByRole, queryAllByLabelText } from '@testing-library/dom';
import WinLossComposer from 'c/winLossComposer';
import {
    createWinLoss,
    getMe,
    getTaxonomies,
    getWinLoss,
    getWinLossDraft,
    listUsers,
    quickCloseOut,
    submitForReview,
    updateWinLoss
} from 'c/hubApi';
import { allByRole, deepText, flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    createWinLoss: jest.fn(),
    getMe: jest.fn(),
    getTaxonomies: jest.fn(),
    getWinLoss: jest.fn(),
    getWinLossDraft: jest.fn(),
    listUsers: jest.fn(),
    quickCloseOut: jest.fn(),
    submitForReview: jest.fn(),
    updateWinLoss: jest.fn()
}));

const DRAFT = require('./data/draftClosedLost.json');
const DRAFT_OPEN = require('./data/draftOpen.json');
const REJECTED = require('./data/winLossRejected.json');
const TAXONOMIES = require('./data/taxonomies.json');
const USERS = require('./data/users.json');
const ME = require('./data/me.json');
const VALIDATION_ERROR = require('./data/validationError.json');

/** The form is built from child components; their content lives in nested shadow roots. */
const byRole = (element, role, options) => {
    const found = allByRole(element, role, options);
    if (found.length !== 1) {
        throw new Error(`expected one ${role} ${JSON.stringify(options && String(options.name))}, found ${found.length}`);
    }
    return found[0];
};
const byLabel = (element, label) => {
    const found = shadowRoots(element.shadowRoot).flatMap((root) => queryAllByLabelText(root, label));
    if (found.length !== 1) {
        throw new Error(`expected one field labelled ${label}, found ${found.length}`);
    }
    return found[0];
};
const liveRegion = (element) => element.shadowRoot.querySelector('c-status-message').shadowRoot.querySelector('[aria-live="polite"]');

async function type(control, value) {
    control.value = value;
    control.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
    await flushPromises();
}
async function choose(select, value) {
    select.value = value;
    select.dispatchEvent(new CustomEvent('change', { bubbles: true }));
    await flushPromises();
}
async function click(control) {
    control.click();
    await flushPromises();
}

const copy = (value) => JSON.parse(JSON.stringify(value));
const saved = (overrides) => ({ ...copy(REJECTED), reviewComment: null, version: 1, ...overrides });

function mockLoad(draft = DRAFT) {
    getWinLossDraft.mockResolvedValue(copy(draft));
    getTaxonomies.mockResolvedValue(copy(TAXONOMIES));
    listUsers.mockResolvedValue(copy(USERS));
    getMe.mockResolvedValue(copy(ME));
}

async function render(recordId = 'opp-014') {
    const element = createElement('c-win-loss-composer', { is: WinLossComposer });
    element.recordId = recordId;
    document.body.appendChild(element);
    await flushPromises();
    await flushPromises();
    return element;
}

describe('c-win-loss-composer', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when the draft is loading, then a spinner announces it', async () => {
        mockLoad();
        getWinLossDraft.mockReturnValue(new Promise(() => {}));
        const element = await render();
        expect(allByRole(element, 'status').some((s) => s.textContent.includes('Loading the win/loss analysis'))).toBe(true);
        expect(getWinLossDraft).toHaveBeenCalledWith('opp-014');
    });

    it('when a closed deal loads, then the form is pre-filled from the CRM draft and labelled', async () => {
        mockLoad();
        const element = await render();

        expect(byRole(element, 'form', { name: 'Win/loss analysis' })).toBeTruthy();
        expect(byRole(element, 'radio', { name: 'Lost' }).checked).toBe(true);
        expect(byRole(element, 'group', { name: /Outcome/ })).toBeTruthy();
        expect(byLabel(element, /^\* Title/).value).toBe('Lost: Northwind Logistics – Fleet telematics rollout');
        expect(byLabel(element, 'Who won (if not us)').value).toBe('Geotab');
        expect(allByRole(element, 'checkbox')).toHaveLength(7);
        expect(byLabel(element, /Role in the decision/).value).toBe('Economic Buyer');
        expect(byLabel(element, 'Stance').value).toBe('neutral');
        expect(deepText(element)).toContain('Status: Not saved yet');
        // The signed-in user becomes the author, with the default split shown.
        expect(byLabel(element, 'Person').value).toBe('u-maria');
        expect(deepText(element)).toContain('Default split: Maria Lopez 100%');
        expect(byRole(element, 'button', { name: 'Save draft' })).toBeTruthy();
        expect(byRole(element, 'button', { name: 'Submit for review' })).toBeTruthy();
        expect(byRole(element, 'button', { name: 'Quick close-out' }).getAttribute('aria-pressed')).toBe('false');
    });

    it('when the deal is still open, then it says so and shows no form', async () => {
        mockLoad(DRAFT_OPEN);
        const element = await render('opp-003');
        expect(deepText(element)).toContain('Win/loss analyses are written once the deal is closed.');
        expect(allByRole(element, 'form')).toHaveLength(0);
    });

    it('when loading fails, then the error panel shows the hub message and retry reloads', async () => {
        mockLoad();
        getWinLossDraft.mockRejectedValueOnce({ status: 404, body: { message: 'Opportunity opp-014 not found' } });
        const element = await render();
        const alert = byRole(element, 'alert');
        expect(alert.textContent).toContain('The win/loss analysis could not be loaded.');
        expect(alert.textContent).toContain('Opportunity opp-014 not found');

        await click(getByRole(alert, 'button', { name: 'Try again' }));
        await flushPromises();
        expect(getWinLossDraft).toHaveBeenCalledTimes(2);
        expect(allByRole(element, 'form')).toHaveLength(1);
    });

    it('when the author fills the form and saves, then the analysis is created with the structured payload', async () => {
        mockLoad();
        createWinLoss.mockResolvedValue(saved({ version: 1, status: 'draft' }));
        const element = await render();

        await click(byRole(element, 'checkbox', { name: 'Price' }));
        await type(byLabel(element, 'Detail for “Price” (optional)'), 'Geotab was 18% cheaper');
        await click(byRole(element, 'checkbox', { name: 'Competitor bundling' }));
        await type(byLabel(element, 'Summary'), 'Geotab bundled hardware at cost.');
        await type(byLabel(element, 'Why they won, or why we beat them'), 'Hardware at cost on a three-year term.');
        await type(byLabel(element, /Decision criteria/), 'Cost per vehicle\n\n Hardware included ');
        await type(byLabel(element, /What worked/), 'Fuel-savings demo');
        await type(byLabel(element, 'Decision timeline'), 'Six weeks');

        await click(byRole(element, 'button', { name: 'Add stakeholder' }));
        const roles = allByRole(element, 'textbox', { name: /Role in the decision/ });
        await type(roles[1], 'Technical Buyer');
        await choose(allByRole(element, 'combobox', { name: 'Stance' })[1], 'champion');
        await type(allByRole(element, 'textbox', { name: 'Concepts and words they used' })[1], 'open API');

        await click(byRole(element, 'button', { name: 'Add co-author' }));
        await choose(allByRole(element, 'combobox', { name: 'Person' })[1], 'u-tom');
        expect(deepText(element)).toContain('Default split: Maria Lopez 50% · Tom Becker 50%');

        await click(byRole(element, 'button', { name: 'Save draft' }));
        await flushPromises();

        expect(createWinLoss).toHaveBeenCalledTimes(1);
        const input = createWinLoss.mock.calls[0][0];
        expect(input).toMatchObject({
            opportunityId: 'opp-014',
            title: 'Lost: Northwind Logistics – Fleet telematics rollout',
            summary: 'Geotab bundled hardware at cost.',
            outcome: 'lost',
            reasons: [{ code: 'Price', text: 'Geotab was 18% cheaper' }, { code: 'Competitor bundling' }],
            competitorAnalysis: { winner: 'Geotab', why: 'Hardware at cost on a three-year term.' },
            decisionCriteria: ['Cost per vehicle', 'Hardware included'],
            whatWorked: ['Fuel-savings demo'],
            whatToAvoid: [],
            decisionProcess: { timeline: 'Six weeks', committee: '' },
            authors: [
                { userId: 'u-maria', role: 'author' },
                { userId: 'u-tom', role: 'co_author' }
            ]
        });
        expect(input.stakeholders).toEqual([
            { role: 'Economic Buyer', title: 'CFO', influence: 'high', stance: 'neutral', priorities: '' },
            { role: 'Technical Buyer', title: '', influence: 'medium', stance: 'champion', priorities: '', concepts: 'open API' }
        ]);
        expect(liveRegion(element).textContent).toContain('Draft saved.');
        expect(deepText(element)).toContain('Status: Draft');

        // The second save edits the saved version instead of creating another analysis.
        updateWinLoss.mockResolvedValue(saved({ version: 2 }));
        await click(byRole(element, 'button', { name: 'Save draft' }));
        await flushPromises();
        expect(createWinLoss).toHaveBeenCalledTimes(1);
        expect(updateWinLoss).toHaveBeenCalledWith('wl-7f3a', 1, expect.not.objectContaining({ opportunityId: expect.anything() }));
    });

    it('when shares are set, then they are sent as fractions and the total is shown', async () => {
        mockLoad();
        createWinLoss.mockResolvedValue(saved());
        const element = await render();
        await click(byRole(element, 'button', { name: 'Add co-author' }));
        await choose(allByRole(element, 'combobox', { name: 'Person' })[1], 'u-priya');
        await choose(allByRole(element, 'combobox', { name: 'Role' })[1], 'contributor');
        expect(allByRole(element, 'spinbutton', { name: 'Share (%)' }).map((i) => i.placeholder)).toEqual(['Default 90%', 'Default 10%']);

        const shares = allByRole(element, 'spinbutton', { name: 'Share (%)' });
        await choose(shares[0], '80');
        await choose(shares[1], '20');
        expect(deepText(element)).toContain('Shares set: 100% of 100%');
        await click(byRole(element, 'checkbox', { name: 'Price' }));
        await click(byRole(element, 'button', { name: 'Save draft' }));
        await flushPromises();
        expect(createWinLoss.mock.calls[0][0].authors).toEqual([
            { userId: 'u-maria', role: 'author', share: 0.8 },
            { userId: 'u-priya', role: 'contributor', share: 0.2 }
        ]);
    });

    it('when five reasons are chosen, then the other reason codes are disabled', async () => {
        mockLoad();
        const element = await render();
        for (const name of ['Price', 'Product fit', 'Security and compliance', 'Time to value', 'Relationship']) {
            await click(byRole(element, 'checkbox', { name }));
        }
        expect(byRole(element, 'checkbox', { name: 'Incumbent advantage' }).disabled).toBe(true);
        expect(byRole(element, 'checkbox', { name: 'Price' }).disabled).toBe(false);
        expect(deepText(element)).toContain('Choose 1 to 5. 5 selected.');
    });

    it('when the author submits, then the draft is saved, submitted with its version and locked', async () => {
        mockLoad();
        createWinLoss.mockResolvedValue(saved({ version: 1 }));
        submitForReview.mockResolvedValue(saved({ version: 2, status: 'in_review' }));
        const element = await render();
        await click(byRole(element, 'checkbox', { name: 'Price' }));

        await click(byRole(element, 'button', { name: 'Submit for review' }));
        await flushPromises();

        expect(createWinLoss).toHaveBeenCalledTimes(1);
        expect(submitForReview).toHaveBeenCalledWith('wl-7f3a', 1);
        expect(liveRegion(element).textContent).toContain('Submitted for review.');
        expect(deepText(element)).toContain('Status: In review');
        expect(deepText(element)).toContain('waiting for a leader’s review');
        expect(allByRole(element, 'button', { name: 'Save draft' })).toHaveLength(0);
    });

    it('when a teammate is writing the analysis, then the form says who, without loading what the viewer may not open', async () => {
        mockLoad({
            ...DRAFT,
            existing: { id: 'wl-7f3a', status: 'draft', version: 3, title: null, ownerName: 'Maria Lopez', visible: false }
        });
        const element = await render();
        expect(getWinLoss).not.toHaveBeenCalled();
        expect(deepText(element)).toContain('The analysis of this deal is being written by Maria Lopez.');
        expect(deepText(element)).not.toContain('not found');
        expect(allByRole(element, 'button', { name: 'Quick close-out' })).toHaveLength(0);
        await expect(element).toBeAccessible();
    });

    it('when the analysis is published, then it is linked for reading', async () => {
        mockLoad({
            ...DRAFT,
            existing: { id: 'wl-7f3a', status: 'published', version: 5, title: 'Lost to Geotab', ownerName: 'Maria Lopez', visible: true }
        });
        getWinLoss.mockResolvedValue({ ...copy(REJECTED), status: 'published', reviewComment: null });
        const element = await render();
        const link = allByRole(element, 'link', { name: /^Read the analysis: / })[0];
        expect(link.getAttribute('href')).toBe('./#/content/wl-7f3a');
        expect(deepText(element)).toContain('This analysis is published.');
        await expect(element).toBeAccessible();
    });

    it('when an analysis exists and was returned, then it is loaded with the reviewer’s comment and saved with PATCH', async () => {
        mockLoad({ ...DRAFT, existing: { id: 'wl-7f3a', status: 'draft', version: 3 } });
        getWinLoss.mockResolvedValue(copy(REJECTED));
        updateWinLoss.mockResolvedValue(saved({ version: 4 }));
        const element = await render();

        expect(getWinLoss).toHaveBeenCalledWith('wl-7f3a');
        const note = byRole(element, 'note', { name: 'Reviewer\u2019s comment' });
        expect(note.textContent).toContain('Please name the stakeholder who blocked us');
        expect(byLabel(element, /^\* Title/).value).toBe('Lost to Geotab on telematics price at Northwind Logistics');
        expect(byRole(element, 'checkbox', { name: 'Price' }).checked).toBe(true);
        expect(byLabel(element, /Lessons for the next seller/).value).toBe('Bring a bundled hardware price to the first CFO meeting');
        expect(allByRole(element, 'combobox', { name: 'Stance' }).map((s) => s.value)).toEqual(['blocker', 'champion']);
        expect(allByRole(element, 'button', { name: 'Quick close-out' })).toHaveLength(0);

        await click(byRole(element, 'button', { name: 'Save draft' }));
        await flushPromises();
        const [id, version, changes] = updateWinLoss.mock.calls[0];
        expect([id, version]).toEqual(['wl-7f3a', 3]);
        expect(changes.reasons).toEqual([{ code: 'Price', text: '18% below our offer' }, { code: 'Competitor bundling' }]);
        expect(changes.assetsThatHelped).toEqual(['c-101']);
        expect(changes.authors).toEqual([
            { userId: 'u-maria', role: 'author', share: 0.5 },
            { userId: 'u-tom', role: 'co_author', share: 0.5 }
        ]);
    });

    it('when the hub rejects the input, then a focused summary lists each issue in words and links to its field', async () => {
        mockLoad();
        createWinLoss.mockRejectedValue(copy(VALIDATION_ERROR));
        const element = await render();
        await click(byRole(element, 'checkbox', { name: 'Price' }));
        await click(byRole(element, 'button', { name: 'Add stakeholder' }));
        await type(allByRole(element, 'textbox', { name: /Role in the decision/ })[1], 'Technical Buyer');

        await click(byRole(element, 'button', { name: 'Save draft' }));
        await flushPromises();
        expect(createWinLoss).toHaveBeenCalledTimes(1);

        const summary = byRole(element, 'alert');
        expect(element.shadowRoot.activeElement).toBe(summary);
        const links = Array.from(summary.querySelectorAll('button.issue-link'), (b) => b.textContent.trim());
        expect(links).toEqual([
            'Primary reasons: Give at least one reason code.',
            'Stakeholder 2: stance: Choose where they stood: champion, supporter, neutral or blocker.',
            'Title: Give the analysis a title.',
            'Authors and credit: The credit shares must add up to 100%, or be left empty for the default split.'
        ]);
        expect(summary.textContent).toContain('4 fields need attention. Nothing was saved.');
        // No validator text and no API keys anywhere, and the hub's message is not repeated.
        const text = deepText(element);
        expect(text).not.toMatch(/Too small|Invalid option|expected|stakeholders\.1|>=/);
        expect(text).not.toContain('The request is not valid.');

        const title = byLabel(element, /^\* Title/);
        expect(title.getAttribute('aria-invalid')).toBe('true');
        expect(title.closest('.slds-form-element').textContent).toContain('Give the analysis a title.');

        const reasons = byRole(element, 'group', { name: /Primary reasons/ });
        expect(reasons.classList.contains('slds-has-error')).toBe(true);
        expect(byRole(element, 'checkbox', { name: 'Price' }).getAttribute('aria-invalid')).toBe('true');

        const stances = allByRole(element, 'combobox', { name: 'Stance' });
        expect(stances[0].getAttribute('aria-invalid')).toBe('false');
        expect(stances[1].getAttribute('aria-invalid')).toBe('true');

        // A summary link takes the keyboard to its field.
        getByRole(summary, 'button', { name: /^Title:/ }).click();
        expect(title.getRootNode().activeElement).toBe(title);
        getByRole(summary, 'button', { name: /^Stakeholder 2: stance/ }).click();
        expect(stances[1].getRootNode().activeElement).toBe(stances[1]);

        // Editing a field clears its own error only.
        await type(title, 'Lost to Geotab at Northwind');
        expect(title.getAttribute('aria-invalid')).toBe('false');
        expect(reasons.classList.contains('slds-has-error')).toBe(true);
    });

    it('when required fields are empty, then nothing is sent and the summary says what to fill in before the hub is asked', async () => {
        mockLoad();
        const element = await render();
        const title = byLabel(element, /^\* Title/);
        await type(title, '');
        await click(byRole(element, 'button', { name: 'Submit for review' }));
        await flushPromises();
        expect(createWinLoss).not.toHaveBeenCalled();
        expect(submitForReview).not.toHaveBeenCalled();
        const summary = byRole(element, 'alert');
        expect(element.shadowRoot.activeElement).toBe(summary);
        expect(summary.textContent).toContain('2 fields need attention before this can be submitted.');
        expect(Array.from(summary.querySelectorAll('button.issue-link'), (b) => b.textContent.trim())).toEqual([
            'Title: Give the analysis a title.',
            'Primary reasons: Choose at least one primary reason.'
        ]);
        getByRole(summary, 'button', { name: /^Primary reasons/ }).click();
        const first = allByRole(element, 'checkbox')[0];
        expect(first.getRootNode().activeElement).toBe(first);
        await expect(element).toBeAccessible();
    });

    it('when someone else saved in between, then a conflict is explained with a reload', async () => {
        mockLoad({ ...DRAFT, existing: { id: 'wl-7f3a', status: 'draft', version: 3 } });
        getWinLoss.mockResolvedValue(copy(REJECTED));
        updateWinLoss.mockRejectedValue({
            status: 409,
            body: { code: 'conflict', message: 'Version 3 is stale; the item is at version 4' }
        });
        const element = await render();

        await click(byRole(element, 'button', { name: 'Save draft' }));
        await flushPromises();
        const alert = byRole(element, 'alert');
        expect(alert.textContent).toContain('Someone saved this analysis after you opened it.');
        await click(getByRole(alert, 'button', { name: 'Try again' }));
        await flushPromises();
        expect(getWinLoss).toHaveBeenCalledTimes(2);
    });

    it('when the author uses the quick close-out, then outcome, up to three codes and a sentence are posted', async () => {
        mockLoad();
        quickCloseOut.mockResolvedValue({
            ...saved(),
            title: 'Lost: Northwind Logistics – Fleet telematics rollout',
            authors: [{ userId: 'u-maria', name: 'Maria Lopez', role: 'author', share: 1 }]
        });
        const element = await render();

        await click(byRole(element, 'button', { name: 'Quick close-out' }));
        const quick = byRole(element, 'form', { name: 'Quick close-out' });
        expect(byRole(element, 'radio', { name: 'Lost' }).checked).toBe(true);
        await click(byRole(element, 'radio', { name: 'No decision' }));
        for (const name of ['Price', 'Time to value', 'Relationship']) {
            await click(byRole(element, 'checkbox', { name }));
        }
        expect(byRole(element, 'checkbox', { name: 'Product fit' }).disabled).toBe(true);
        await type(byLabel(element, /In one sentence/), 'They paused the project after a budget freeze. ');

        await click(getByRole(quick, 'button', { name: 'Save close-out' }));
        await flushPromises();

        expect(quickCloseOut).toHaveBeenCalledWith({
            opportunityId: 'opp-014',
            outcome: 'no_decision',
            reasonCodes: ['Price', 'Time to value', 'Relationship'],
            sentence: 'They paused the project after a budget freeze.'
        });
        expect(allByRole(element, 'form', { name: 'Quick close-out' })).toHaveLength(0);
        expect(liveRegion(element).textContent).toContain('Close-out saved as a draft.');
        expect(deepText(element)).toContain('Status: Draft');
    });

    it('when the quick close-out is invalid, then its fields show the hub issues', async () => {
        mockLoad();
        quickCloseOut.mockRejectedValue({
            status: 400,
            body: {
                code: 'validation_failed',
                message: 'The request is not valid.',
                details: {
                    issues: [
                        { path: ['reasonCodes'], message: 'pick at least one reason' },
                        { path: ['sentence'], message: 'one sentence on why' }
                    ]
                }
            }
        });
        const element = await render();
        await click(byRole(element, 'button', { name: 'Quick close-out' }));
        await click(byRole(element, 'button', { name: 'Save close-out' }));
        await flushPromises();

        expect(byRole(element, 'group', { name: /Main reasons/ }).textContent).toContain('Pick at least one reason.');
        const sentence = byLabel(element, /In one sentence/);
        expect(sentence.getAttribute('aria-invalid')).toBe('true');
        expect(byRole(element, 'alert').textContent).toContain('The close-out could not be saved.');
    });
});
