import { getByRole } from '@testing-library/dom';
import FacetProposalList from 'c/facetProposalList';
import { acceptFacetProposal, listFacetProposals, rejectFacetProposal } from 'c/hubApi';
import { copy, allByRole, deepText, resetDom, flushPromises, mount, oneByRole } from 'jest-utils';

jest.mock('c/hubApi', () => ({ acceptFacetProposal: jest.fn(), listFacetProposals: jest.fn(), rejectFacetProposal: jest.fn() }));

const PROPOSALS = require('./data/proposals.json');

const render = () => mount('c-facet-proposal-list', FacetProposalList);

describe('c-facet-proposal-list', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('when proposals wait, then each shows its value, facet and proposer with Accept and Reject', async () => {
        listFacetProposals.mockResolvedValue(copy(PROPOSALS));
        const element = await render();
        expect(listFacetProposals).toHaveBeenCalledWith('pending');
        expect(getByRole(element.shadowRoot, 'heading', { name: 'Proposed values (2)' })).toBeTruthy();
        const list = getByRole(element.shadowRoot, 'list', { name: 'Proposed values waiting for a decision' });
        expect(list.textContent).toContain('Samsara for Competitors');
        expect(list.textContent).toContain('proposed by Hannah Whitfield');
        expect(oneByRole(element, 'button', { name: 'Accept: Samsara for Competitors' })).toBeTruthy();
        expect(oneByRole(element, 'button', { name: 'Reject: Cold chain logistics for Industries' })).toBeTruthy();
        await expect(element).toBeAccessible();
    });

    it('when nothing waits, then it says where proposals come from', async () => {
        listFacetProposals.mockResolvedValue({ proposals: [] });
        const element = await render();
        expect(deepText(element)).toContain('No proposals waiting. Values authors propose in the editor appear here.');
        await expect(element).toBeAccessible();
    });

    it('when the admin accepts, then the hub is told, the proposal leaves, it is announced and the page hears which value joined', async () => {
        listFacetProposals.mockResolvedValue(copy(PROPOSALS));
        acceptFacetProposal.mockResolvedValue({ ...PROPOSALS.proposals[0], status: 'accepted' });
        const element = await render();
        const accepted = jest.fn();
        element.addEventListener('accepted', accepted);
        oneByRole(element, 'button', { name: 'Accept: Samsara for Competitors' }).click();
        await flushPromises();
        expect(acceptFacetProposal).toHaveBeenCalledWith(12);
        expect(accepted.mock.calls[0][0].detail).toEqual({ kind: 'competitors', value: 'Samsara' });
        expect(deepText(element)).not.toContain('Samsara for');
        expect(deepText(element)).toContain('“Samsara” is now one of the Competitors; its proposer is told.');
        expect(getByRole(element.shadowRoot, 'heading', { name: 'Proposed values (1)' })).toBeTruthy();
        await expect(element).toBeAccessible();
    });

    it('when the admin rejects, then a reason is required, then sent, and the proposal leaves', async () => {
        listFacetProposals.mockResolvedValue(copy(PROPOSALS));
        rejectFacetProposal.mockResolvedValue({ ...PROPOSALS.proposals[1], status: 'rejected' });
        const element = await render();
        oneByRole(element, 'button', { name: 'Reject: Cold chain logistics for Industries' }).click();
        await flushPromises();
        const form = element.shadowRoot.querySelector('c-comment-form').shadowRoot;
        const reason = getByRole(form, 'textbox', { name: /Why not\? The proposer is told\./ });
        getByRole(form, 'button', { name: 'Send rejection: Cold chain logistics for Industries' }).click();
        await flushPromises();
        expect(rejectFacetProposal).not.toHaveBeenCalled();
        expect(reason.getAttribute('aria-invalid')).toBe('true');
        expect(deepText(element)).toContain('Say why, so the proposer knows what to use instead.');
        await expect(element).toBeAccessible();

        reason.value = '  We file it under Logistics  ';
        reason.dispatchEvent(new CustomEvent('input', { bubbles: true, composed: true }));
        getByRole(form, 'button', { name: 'Send rejection: Cold chain logistics for Industries' }).click();
        await flushPromises();
        expect(rejectFacetProposal).toHaveBeenCalledWith(11, 'We file it under Logistics');
        expect(deepText(element)).toContain('“Cold chain logistics” was not added; its proposer is told why.');
        expect(allByRole(element, 'button', { name: /Cold chain logistics/ })).toHaveLength(0);
    });

    it('when another admin decided first, then the proposal stays and says why', async () => {
        listFacetProposals.mockResolvedValue(copy(PROPOSALS));
        acceptFacetProposal.mockRejectedValue({
            status: 409,
            body: { code: 'conflict', message: 'This proposal was already decided (rejected)' }
        });
        const element = await render();
        oneByRole(element, 'button', { name: 'Accept: Samsara for Competitors' }).click();
        await flushPromises();
        expect(getByRole(element.shadowRoot, 'alert').textContent).toContain(
            'Could not accept: This proposal was already decided (rejected)'
        );
        expect(oneByRole(element, 'button', { name: 'Accept: Samsara for Competitors' }).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('when loading fails, then the error panel offers a retry', async () => {
        listFacetProposals.mockRejectedValueOnce({ status: 500, body: { message: 'down' } });
        const element = await render();
        expect(deepText(element)).toContain('The proposed values could not be loaded.');
    });
});
