import { LightningElement, api } from 'lwc';

/**
 * One expert in a list (the deal's "Ask an expert", the expert finder): the name opens the
 * expert's profile, as a link to its own page when the host has one (`href`, the standalone CRM),
 * otherwise as a disclosure button that shows the profile in place below the entry (Salesforce,
 * where the hub has no page of its own). What the list says about the expert goes in the default
 * slot, under the name; a short note after the name on the same line goes in `name-note`.
 *
 * The button and the region it controls live in this one template, so `aria-controls` points at
 * an element in the same shadow tree. Which profile is open is the list's choice (one at a time):
 * the button fires `profiletoggle` and the list sets `open`.
 */
export default class ExpertDisclosure extends LightningElement {
    @api userId;
    @api name;
    /** The profile page; without it the name is a button that opens the profile in place. */
    @api href;
    @api open = false;
    /** Initials for an avatar beside the name (the deal's list); none, no avatar. */
    @api initials;
    /** The name line's text style (the list decides how prominent a name is). */
    @api nameClass;
    /** Passed to the profile opened in place: the deal contacts are recorded with, item links, heading level. */
    @api opportunityId;
    @api itemHrefPattern;
    @api headingLevel;

    get expanded() {
        return this.open ? 'true' : 'false';
    }

    get mediaClass() {
        return this.initials ? 'slds-media slds-media_center' : '';
    }

    get bodyClass() {
        return this.initials ? 'slds-media__body' : '';
    }

    handleToggle() {
        this.dispatchEvent(new CustomEvent('profiletoggle'));
    }
}
