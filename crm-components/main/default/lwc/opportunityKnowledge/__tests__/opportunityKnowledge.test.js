import { createElement } from 'lwc';
import { getByRole, queryByText } from '@testing-library/dom';
import OpportunityKnowledge from 'c/opportunityKnowledge';
// The hub calls are the mocks below; the tests set and read them as hubApi.<name>.
import * as hubApi from 'c/hubApi';
import { allByRole, deepText, flushPromises, shadowRoots } from 'jest-utils';

jest.mock('c/hubApi', () => ({
    getOpportunityKnowledge: jest.fn(),
    getDealAttachments: jest.fn(),
    attachToDeal: jest.fn(),
    detachFromDeal: jest.fn(),
    getDealShareLinks: jest.fn(),
    createShareLink: jest.fn(),
    revokeShareLink: jest.fn(),
    recordEvent: jest.fn(),
    getContent: jest.fn(),
    search: jest.fn()
}));

const KNOWLEDGE = require('./data/opportunityKnowledge.json');
const CONTENT = require('../../contentViewer/__tests__/data/content.json');
const USED = require('../../dealAttachments/__tests__/data/attachments.json');

/** The panel is built from child components; their content lives in nested shadow roots. */
/** Chooses an action in a row's "More actions" menu (secondary actions live there). */
async function chooseInMenu(element, title, action, menu = 'More deal actions') {
    allByRole(element, 'button', { name: `${menu}: ${title}` })[0].click();
    await flushPromises();
    allByRole(element, 'menuitem', { name: action })
        .concat(allByRole(element, 'menuitemcheckbox', { name: action }))[0]
        .click();
}
/** A suggestion card, found by its title. */
const card = (element, title) =>
    shadowRoots(element.shadowRoot)
        .map((root) => root.querySelector(`article[aria-label^="${title}"]`))
        .find(Boolean);
/** The actions a row's menu offers (opened and closed again). */
async function menuActions(element, title, menu = 'More deal actions') {
    const button = allByRole(element, 'button', { name: `${menu}: ${title}` })[0];
    if (!button) {
        return [];
    }
    button.click();
    await flushPromises();
    const labels = [...allByRole(element, 'menuitem'), ...allByRole(element, 'menuitemcheckbox')].map((m) => m.textContent);
    button.click();
    await flushPromises();
    return labels;
}
const liveRegion = (element) => element.shadowRoot.querySelector('c-status-message').shadowRoot.querySelector('[aria-live="polite"]');

async function render(recordId = 'opp-001') {
    const element = createElement('c-opportunity-knowledge', { is: OpportunityKnowledge });
    element.recordId = recordId;
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-opportunity-knowledge', () => {
    beforeEach(() => {
        hubApi.getDealAttachments.mockResolvedValue({ attachments: [], helpfulContentIds: [] });
        hubApi.getDealShareLinks.mockResolvedValue({ links: [] });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when knowledge is loading, then a spinner announces it', async () => {
        hubApi.getOpportunityKnowledge.mockReturnValue(new Promise(() => {}));
        const element = await render();
        const spinner = allByRole(element, 'status').find((s) => s.textContent.includes('Loading knowledge'));
        expect(spinner).toBeTruthy();
        expect(hubApi.getOpportunityKnowledge).toHaveBeenCalledWith('opp-001', 6);
    });

    it('when knowledge loads, then both sections list their items with type, authors, reasons and freshness', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        const element = await render();

        const headings = allByRole(element, 'heading').map((h) => h.textContent);
        expect(headings).toEqual(
            expect.arrayContaining(['Knowledge for this deal', 'Capability knowledge', 'Situational knowledge', 'Ask an expert'])
        );
        const cards = allByRole(element, 'article').filter((a) => a.classList.contains('item-card'));
        expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual([
            'Fleet Analytics vs Geotab battlecard',
            'Route Optimizer pricing guide 2025',
            'Win: Contoso Freight chose us over Geotab'
        ]);
        const text = deepText(element);
        expect(text).toContain('Battlecard');
        expect(text).toContain('Win/loss analysis');
        expect(text).toContain('by Priya Natarajan, Tom Becker');
        expect(text).toContain('Competitor: Geotab');
        expect(text).toContain('Review due');
        expect(text).toContain('Unverified');
        expect(allByRole(element, 'list', { name: 'Why this was suggested' })).toHaveLength(3);
    });

    it('when experts are suggested, then they are listed with why to ask them', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        const element = await render();
        const text = deepText(element);
        expect(text).toContain('Jonas Weber');
        expect(text).toContain('Wrote 2 winning analyses against Geotab');
    });

    it('when nothing matches, then each section says so', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue({ ...KNOWLEDGE, capability: [], situational: [], experts: [] });
        const element = await render();
        const text = deepText(element);
        expect(text).toContain('No capability knowledge matches this deal yet.');
        expect(text).toContain('No situational knowledge matches this deal yet.');
        expect(text).toContain('No experts found for deals like this yet.');
    });

    it('when loading fails, then the error panel shows the hub message and retry reloads', async () => {
        hubApi.getOpportunityKnowledge.mockRejectedValueOnce({ body: { message: 'Opportunity opp-001 not found' } });
        const element = await render();
        const alert = allByRole(element, 'alert')[0];
        expect(alert.textContent).toContain('Knowledge for this opportunity could not be loaded.');
        expect(alert.textContent).toContain('Opportunity opp-001 not found');

        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        getByRole(alert, 'button', { name: 'Try again' }).click();
        await flushPromises();
        expect(hubApi.getOpportunityKnowledge).toHaveBeenCalledTimes(2);
        expect(allByRole(element, 'alert')).toHaveLength(0);
    });

    it('when the user attaches an item, then it is attached to the deal, listed at the top and confirmed in a live region', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.attachToDeal.mockResolvedValue({
            ...USED.attachments[0],
            contentId: 'c-101',
            title: 'Fleet Analytics vs Geotab battlecard'
        });
        const element = await render();

        allByRole(element, 'button', { name: /^Attach to this opportunity: Fleet Analytics/ })[0].click();
        await flushPromises();

        expect(hubApi.attachToDeal).toHaveBeenCalledWith('opp-001', 'c-101');
        expect(hubApi.recordEvent).not.toHaveBeenCalled();
        const region = liveRegion(element);
        expect(region.textContent).toContain('“Fleet Analytics vs Geotab battlecard” is attached to this opportunity.');
        expect(await menuActions(element, 'Fleet Analytics vs Geotab battlecard')).toContain('Detach');
        const attached = allByRole(element, 'button', { name: /^Attached: Fleet Analytics/ })[0];
        // Not `disabled`: that would drop keyboard focus to <body>; pressing it again does nothing.
        expect(attached.getAttribute('aria-disabled')).toBe('true');
        attached.click();
        await flushPromises();
        expect(hubApi.attachToDeal).toHaveBeenCalledTimes(1);
    });

    it('when the deal already has attachments and helpful marks, then after a reload they are listed and the cards say so', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.getDealAttachments.mockResolvedValue(USED);
        const element = await render();
        expect(hubApi.getDealAttachments).toHaveBeenCalledWith('opp-001');
        const text = deepText(element);
        expect(text).toContain('Knowledge used on this deal');
        expect(text).toContain('attached by Dana Rep');
        expect(allByRole(element, 'button', { name: /^Attached: Route Optimizer/ })).toHaveLength(1);
        expect(card(element, 'Win: Contoso').querySelector('.helpful-badge').textContent).toBe('Marked helpful');
    });

    it('when the user detaches an item, then it leaves the list, the card offers Attach again and focus stays in the list', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.getDealAttachments.mockResolvedValue(USED);
        hubApi.detachFromDeal.mockResolvedValue(null);
        const element = await render();
        await chooseInMenu(element, 'Route Optimizer pricing guide 2025', 'Detach');
        await flushPromises();
        expect(hubApi.detachFromDeal).toHaveBeenCalledWith('opp-001', 'c-102');
        expect(liveRegion(element).textContent).toContain(
            '“Route Optimizer pricing guide 2025” is no longer attached to this opportunity.'
        );
        expect(allByRole(element, 'button', { name: /^More deal actions: Route Optimizer/ })).toHaveLength(0);
        expect(allByRole(element, 'button', { name: /^Attach to this opportunity: Route Optimizer/ })).toHaveLength(1);
        const list = element.shadowRoot.querySelector('c-deal-attachments');
        expect(list.shadowRoot.activeElement.textContent).toBe('Onboarding checklist');
    });

    it('when the rep shares an attached client-facing item, then the link is shown once to copy and the list shows it; revoking updates it', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.getDealAttachments.mockResolvedValue(USED);
        hubApi.createShareLink.mockResolvedValue({ id: 'sl-1', url: 'https://hub.example/api/shared/abc', expiresAt: null });
        const LINK = {
            id: 'sl-1',
            contentId: 'c-300',
            title: 'Onboarding checklist',
            sharedBy: { id: 'rep-dana', name: 'Dana Rep' },
            createdAt: '2026-12-01T10:00:00Z',
            expiresAt: null,
            state: 'active',
            opens: 2,
            firstOpenedAt: '2026-12-01T11:00:00Z',
            lastOpenedAt: '2026-12-02T09:00:00Z',
            mayRevoke: true
        };
        hubApi.getDealShareLinks.mockResolvedValue({ links: [LINK] });
        const element = await render();
        // Only the client-facing item offers sharing.
        expect(await menuActions(element, 'Route Optimizer pricing guide 2025')).not.toContain('Share with buyer');
        await chooseInMenu(element, 'Onboarding checklist', 'Share with buyer');
        await flushPromises();
        expect(hubApi.createShareLink).toHaveBeenCalledWith('c-300', 'opp-001');
        const box = allByRole(element, 'textbox', { name: /Link for the buyer to “Onboarding checklist”/ })[0];
        expect(box.value).toBe('https://hub.example/api/shared/abc');
        expect(deepText(element)).toContain('Opened 2 times, first Dec 1, 2026, last Dec 2, 2026');
        await expect(element).toBeAccessible();

        hubApi.revokeShareLink.mockResolvedValue(null);
        hubApi.getDealShareLinks.mockResolvedValue({ links: [{ ...LINK, state: 'revoked', mayRevoke: false }] });
        allByRole(element, 'button', { name: 'Revoke the buyer link to Onboarding checklist' })[0].click();
        await flushPromises();
        expect(hubApi.revokeShareLink).toHaveBeenCalledWith('c-300', 'sl-1');
        expect(deepText(element)).toContain('Revoked after 2 times');
        expect(allByRole(element, 'textbox', { name: /Link for the buyer/ })).toHaveLength(0);
    });

    it('when a detach fails, then the failure is announced and the item stays attached', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.getDealAttachments.mockResolvedValue(USED);
        hubApi.detachFromDeal.mockRejectedValue({ body: { message: 'Only the person who attached it may detach it' } });
        const element = await render();
        await chooseInMenu(element, 'Route Optimizer pricing guide 2025', 'Detach');
        await flushPromises();
        expect(liveRegion(element).textContent).toContain(
            'Could not detach “Route Optimizer pricing guide 2025”: Only the person who attached it may detach it'
        );
        expect(await menuActions(element, 'Route Optimizer pricing guide 2025')).toContain('Detach');
    });

    it('when the user marks an item helpful, then a helpful event is recorded and the button is pressed', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.recordEvent.mockResolvedValue({ id: 'ev-2', type: 'helpful' });
        const element = await render();

        const title = card(element, 'Win: Contoso').getAttribute('aria-label');
        await chooseInMenu(element, title, 'Mark helpful', 'More actions');
        await flushPromises();

        expect(hubApi.recordEvent).toHaveBeenCalledWith({ type: 'helpful', contentId: 's-201', opportunityId: 'opp-001' });
        expect(await menuActions(element, title, 'More actions')).toEqual(['Marked helpful']);
        expect(card(element, 'Win: Contoso').querySelector('.helpful-badge')).not.toBeNull();
        expect(liveRegion(element).textContent).toContain('Its authors get the credit');
    });

    it('when recording fails, then the failure is announced and the button stays usable', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.attachToDeal.mockRejectedValue({ body: { message: 'Too many requests' } });
        const element = await render();

        allByRole(element, 'button', { name: /^Attach to this opportunity: Route Optimizer/ })[0].click();
        await flushPromises();

        const region = liveRegion(element);
        expect(region.textContent).toContain('Could not attach “Route Optimizer pricing guide 2025”: Too many requests');
        expect(
            allByRole(element, 'button', { name: /^Attach to this opportunity: Route Optimizer/ })[0].getAttribute('aria-disabled')
        ).toBe('false');
    });

    it('when the user opens an item, then the viewer shows it and records a view on this opportunity', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.getContent.mockResolvedValue(CONTENT);
        hubApi.recordEvent.mockResolvedValue({ id: 'ev-3', type: 'view' });
        const element = await render();

        allByRole(element, 'button', { name: /^Open: Fleet Analytics/ })[0].click();
        await flushPromises();
        await flushPromises();

        const dialog = allByRole(element, 'dialog')[0];
        expect(dialog).toBeTruthy();
        expect(hubApi.getContent).toHaveBeenCalledWith('c-101');
        expect(hubApi.recordEvent).toHaveBeenCalledWith({ type: 'view', contentId: 'c-101', opportunityId: 'opp-001' });

        allByRole(element, 'button', { name: 'Close' })[0].click();
        await flushPromises();
        expect(allByRole(element, 'dialog')).toHaveLength(0);
    });

    it('when the item is marked helpful inside the viewer, then the event is recorded and focus stays on the pressed button', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.getContent.mockResolvedValue(CONTENT);
        hubApi.recordEvent.mockResolvedValue({ id: 'ev-4', type: 'helpful' });
        const element = await render();
        allByRole(element, 'button', { name: /^Open: Fleet Analytics/ })[0].click();
        await flushPromises();
        await flushPromises();
        const mark = allByRole(element, 'button', { name: /^Mark helpful: / }).find((b) => b.hasAttribute('data-helpful'));
        mark.focus();
        mark.click();
        await flushPromises();
        expect(hubApi.recordEvent).toHaveBeenCalledWith({ type: 'helpful', contentId: 'c-101', opportunityId: 'opp-001' });
        const marked = allByRole(element, 'button', { name: /^Marked helpful: / }).find((b) => b.hasAttribute('data-helpful'));
        expect(marked).toBe(mark);
        expect(marked.getAttribute('aria-pressed')).toBe('true');
        expect(marked.getAttribute('aria-disabled')).toBe('true');
        expect(marked.getRootNode().activeElement).toBe(marked);
        expect(allByRole(element, 'dialog')).toHaveLength(1);
    });

    it('when the record id changes, then knowledge for the new deal is loaded', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        const element = await render('opp-001');
        element.recordId = 'opp-002';
        await flushPromises();
        expect(hubApi.getOpportunityKnowledge).toHaveBeenLastCalledWith('opp-002', 6);
    });

    it('when rendered, then the search of all knowledge is offered with a labelled box', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        const element = await render();
        expect(allByRole(element, 'searchbox', { name: 'Search knowledge' })).toHaveLength(1);
        expect(queryByText(element.shadowRoot, 'Search all knowledge')).not.toBeNull();
    });

    it('when knowledge is listed, and with the viewer open, then it passes the accessibility checks (sa11y)', async () => {
        hubApi.getOpportunityKnowledge.mockResolvedValue(KNOWLEDGE);
        hubApi.getDealAttachments.mockResolvedValue(USED);
        hubApi.getContent.mockResolvedValue(CONTENT);
        hubApi.recordEvent.mockResolvedValue({ id: 'ev-5', type: 'view' });
        const element = await render();
        await expect(element).toBeAccessible();
        allByRole(element, 'button', { name: /^Open: Fleet Analytics/ })[0].click();
        await flushPromises();
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
