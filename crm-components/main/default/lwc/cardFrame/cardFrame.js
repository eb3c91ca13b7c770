import { LightningElement, api } from 'lwc';

/**
 * An SLDS card named by its heading (an `article` labelled by the `h2`), with an optional line
 * saying what it is for, the header's buttons or links in the `actions` slot and the body in the
 * default slot. A page's card has a medium heading; a `compact` one (a card among others on a
 * record page or a home page) keeps the standard card title and its header on one row.
 */
export default class CardFrame extends LightningElement {
    @api heading;
    @api description;
    @api compact = false;

    get headerClass() {
        return this.compact ? 'slds-card__header slds-grid' : 'slds-card__header slds-grid slds-wrap slds-grid_vertical-align-start';
    }

    get headingClass() {
        return this.compact ? 'slds-card__header-title' : 'slds-card__header-title slds-text-heading_medium';
    }

    get actionsClass() {
        return this.compact ? 'slds-no-flex' : 'slds-no-flex slds-text-align_right';
    }
}
