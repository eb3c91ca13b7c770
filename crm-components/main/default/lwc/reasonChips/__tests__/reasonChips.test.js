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

    it('when a limit is set, then the first reasons show with a "more" toggle that reveals and hides the rest', async () => {
        const element = render({ reasons: ['A', 'B', 'C', 'D', 'E'], limit: 3 });
        const texts = () => getAllByRole(element.shadowRoot, 'listitem').map((li) => li.textContent);
        expect(texts()).toEqual(['A', 'B', 'C', '2 more']);
        const more = getByRole(element.shadowRoot, 'button', { name: 'Show 2 more reasons' });
        expect(more.getAttribute('aria-expanded')).toBe('false');
        more.click();
        await Promise.resolve();
        expect(texts()).toEqual(['A', 'B', 'C', 'D', 'E', 'Fewer']);
        expect(getByRole(element.shadowRoot, 'button', { name: 'Show fewer reasons' }).getAttribute('aria-expanded')).toBe('true');
        await expect(element).toBeAccessible();
    });

    it('when there are no more reasons than the limit, then there is no toggle', () => {
        const element = render({ reasons: ['A', 'B'], limit: 3 });
        expect(queryByRole(element.shadowRoot, 'button')).toBeNull();
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
