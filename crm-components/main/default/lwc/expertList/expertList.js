import { LightningElement, api } from 'lwc';
import { expertHref } from 'c/expertProfile';

/**
 * People who wrote winning analyses for similar deals: the "ask the author of a similar win" list.
 * A name opens the expert's profile (topics, evidence, contact): as a link to its own page when
 * `expertHrefPattern` is set (the standalone CRM), otherwise in place below the name (Salesforce,
 * where the hub has no page of its own; c-expert-disclosure). Contacts made from here are
 * recorded with the deal.
 */
export default class ExpertList extends LightningElement {
    @api experts;
    /** The deal this list is on: its id goes with the profile link and with recorded contacts. */
    @api opportunityId;
    /** `{id}` is the expert's user id; `{opportunityId}` this deal's id (see shell/routes). */
    @api expertHrefPattern;
    /** The expert whose profile is open in place. */
    openUserId;

    get people() {
        return (this.experts || []).map((expert) => ({
            ...expert,
            initials: initialsOf(expert.name),
            href: expertHref(this.expertHrefPattern, expert.userId, this.opportunityId),
            isOpen: this.openUserId === expert.userId
        }));
    }

    get hasPeople() {
        return this.people.length > 0;
    }

    handleToggle(event) {
        const id = event.currentTarget.dataset.userId;
        this.openUserId = this.openUserId === id ? undefined : id;
    }
}

function initialsOf(name) {
    return String(name || '?')
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 2)
        .map((part) => part[0].toUpperCase())
        .join('');
}
