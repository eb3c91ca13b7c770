import { getByRole } from '@testing-library/dom';
import CardFrame from 'c/cardFrame';
import { deepText, mount, resetDom } from 'jest-utils';

describe('c-card-frame', () => {
    afterEach(resetDom);

    it('when given a heading and a description, then it is an article named by its level-2 heading', async () => {
        const element = await mount('c-card-frame', CardFrame, { heading: 'Users', description: 'Who may sign in.' });
        // Names from aria-labelledby are not computed under synthetic shadow: check the reference itself.
        const article = getByRole(element.shadowRoot, 'article');
        const heading = getByRole(article, 'heading', { level: 2, name: 'Users' });
        expect(article.getAttribute('aria-labelledby')).toBe(heading.id);
        expect(deepText(element)).toContain('Who may sign in.');
        await expect(element).toBeAccessible();
    });

    it('when there is no description, then no empty paragraph is left', async () => {
        const element = await mount('c-card-frame', CardFrame, { heading: 'Users' });
        expect(element.shadowRoot.querySelectorAll('p')).toHaveLength(0);
    });

    it('when the body and actions are slotted, then they sit in the card body and header', async () => {
        const element = await mount('c-card-frame', CardFrame, { heading: 'Users' });
        expect(element.shadowRoot.querySelector('.slds-card__header slot[name="actions"]')).not.toBeNull();
        expect(element.shadowRoot.querySelector('.slds-card__body slot:not([name])')).not.toBeNull();
    });

    it('when it heads a page, then the heading is medium-sized; when compact, then it keeps the standard card title', async () => {
        const page = await mount('c-card-frame', CardFrame, { heading: 'Users' });
        expect(getByRole(page.shadowRoot, 'heading', { level: 2 }).className).toBe('slds-card__header-title slds-text-heading_medium');
        const compact = await mount('c-card-frame', CardFrame, { heading: 'Close-out queue', compact: true });
        expect(getByRole(compact.shadowRoot, 'heading', { level: 2 }).className).toBe('slds-card__header-title');
        expect(compact.shadowRoot.querySelector('.slds-card__header').className).toBe('slds-card__header slds-grid');
        await expect(compact).toBeAccessible();
    });
});
