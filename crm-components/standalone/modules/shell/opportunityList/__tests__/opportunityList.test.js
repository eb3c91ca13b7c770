import { createElement } from 'lwc';
import OpportunityList from '../opportunityList';
import { getOpportunityStages, listOpportunities } from 'c/hubApi';
import { flushPromises, selectIn } from 'jest-utils';

// Not `virtual`: c/hubApi exists, and jest caches a module's id per importing file for the whole
// worker. A virtual mock here made the close-out queue (which this page renders) import the real
// hubApi in every later test file of the same worker, whatever those files mocked.
jest.mock('c/hubApi', () => ({ getOpportunityStages: jest.fn(), listOpportunities: jest.fn() }));
jest.mock('shell/headingFocus', () => ({ takeHeadingFocus: jest.fn() }), { virtual: true });

const DEALS = [
    {
        id: 'o-1',
        name: 'Acme renewal',
        accountName: 'Acme',
        stage: 'Proposal',
        amount: 120000,
        amountBand: '50k–250k',
        currency: 'USD',
        closeDate: null,
        ownerId: 'u-ana',
        ownerName: 'Ana Silva'
    },
    {
        id: 'o-2',
        name: 'Globex pilot',
        accountName: 'Globex',
        stage: 'Discovery',
        amount: null,
        amountBand: '250k–1M',
        currency: 'EUR',
        closeDate: null,
        ownerId: 'u-bo',
        ownerName: 'Bo Chen'
    }
];

async function render() {
    const element = createElement('shell-opportunity-list', { is: OpportunityList });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('shell-opportunity-list', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('when deals are listed, then each shows its owner, and the band where the amount is not shown (sa11y)', async () => {
        listOpportunities.mockResolvedValue({ opportunities: DEALS });
        getOpportunityStages.mockResolvedValue({ stages: ['Prospecting', 'Discovery', 'Proposal', 'Closed Won'] });
        const element = await render();
        const rows = element.shadowRoot.querySelectorAll('tbody tr');
        expect(rows[0].querySelector('[data-label="Owner"]').textContent).toBe('Ana Silva');
        expect(rows[0].querySelector('[data-label="Amount"]').textContent).toBe('$120,000');
        expect(rows[1].querySelector('[data-label="Amount"]').textContent).toBe('250k–1M');
        expect(rows[1].querySelector('[data-label="Owner"]').textContent).toBe('Bo Chen');
        await expect(element).toBeAccessible();
    });

    it('when the CRM gives its stages, then the Stage filter offers exactly those, in pipeline order', async () => {
        listOpportunities.mockResolvedValue({ opportunities: DEALS });
        getOpportunityStages.mockResolvedValue({ stages: ['Prospecting', 'Discovery', 'Proposal', 'Closed Won'] });
        const element = await render();
        const options = [...selectIn(element.shadowRoot, 'Stage').querySelectorAll('option')].map((o) => o.textContent);
        expect(options).toEqual(['All stages', 'Prospecting', 'Discovery', 'Proposal', 'Closed Won']);
    });

    it('when the stages cannot be read, then the filter offers the stages of the listed deals', async () => {
        listOpportunities.mockResolvedValue({ opportunities: DEALS });
        getOpportunityStages.mockRejectedValue(new Error('down'));
        const element = await render();
        const options = [...selectIn(element.shadowRoot, 'Stage').querySelectorAll('option')].map((o) => o.textContent);
        expect(options).toEqual(['All stages', 'Proposal', 'Discovery']);
    });
});
