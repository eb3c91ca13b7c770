import { LightningElement, api } from 'lwc';

/** People who wrote winning analyses for similar deals: the "ask the author of a similar win" list. */
export default class ExpertList extends LightningElement {
    @api experts;

    get people() {
        return (this.experts || []).map((expert) => ({
            ...expert,
            initials: initialsOf(expert.name)
        }));
    }

    get hasPeople() {
        return this.people.length > 0;
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
