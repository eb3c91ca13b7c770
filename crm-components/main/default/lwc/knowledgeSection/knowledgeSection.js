import { LightningElement, api } from 'lwc';

/** A headed list of suggested items (capability or situational) with its own empty message. */
export default class KnowledgeSection extends LightningElement {
    @api heading;
    @api description;
    @api items;
    @api emptyMessage;

    get hasItems() {
        return Array.isArray(this.items) && this.items.length > 0;
    }

    /** Card events do not cross this shadow boundary on their own; pass them up unchanged. */
    handleItemAction(event) {
        this.dispatchEvent(new CustomEvent('itemaction', { detail: event.detail }));
    }

    @api
    focusItem(id) {
        const card = [...this.template.querySelectorAll('c-knowledge-item-card')].find((c) => c.item && c.item.id === id);
        if (card) {
            card.focusOpenButton();
        }
    }
}
