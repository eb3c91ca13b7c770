import { LightningElement, api } from 'lwc';

/** SLDS spinner whose label is read by screen readers, since the dots alone say nothing. */
export default class LoadingSpinner extends LightningElement {
    @api label = 'Loading';
}
