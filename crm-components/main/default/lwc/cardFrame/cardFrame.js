import { LightningElement, api } from 'lwc';

/**
 * An SLDS card named by its heading (an `article` labelled by the `h2`), with an optional line
 * saying what it is for, the header's buttons or links in the `actions` slot and the body in the
 * default slot.
 */
export default class CardFrame extends LightningElement {
    @api heading;
    @api description;
}
