import { createElement } from 'lwc';
import { getAllByRole, getByRole, queryByRole } from '@testing-library/dom';
import ReasonChips from 'c/reasonChips';

function render(props) {
    const element = createElement('c-reason-chips', { is: ReasonChips });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-reason-chips', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('when given reasons, then they form a labelled list', () => {
        const element = render({ reasons: ['Competitor: Geotab', 'Stage: Proposal'] });
        const list = getByRole(element.shadowRoot, 'list', { name: 'Why this was suggested' });
        expect(getAllByRole(list, 'listitem').map((li) => li.textContent)).toEqual(['Competitor: Geotab', 'Stage: Proposal']);
    });

    it('when there are no reasons, then nothing is rendered', () => {
        const element = render({ reasons: [] });
        expect(queryByRole(element.shadowRoot, 'list')).toBeNull();
    });

    it('when rendered, then it has no accessibility violations (sa11y)', async () => {
        const element = render({ reasons: ['Competitor: Geotab', 'Stage: Proposal'] });
        await expect(element).toBeAccessible();
    });
});
