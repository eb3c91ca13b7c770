import { LightningElement, api } from 'lwc';
import { authorNames, contentTypeLabel } from 'c/knowledgeFormat';

/**
 * One suggested item with its reasons, authors and freshness. One visible action (Attach; the
 * title opens the item); "Mark helpful" waits in the card's menu, with a badge once marked. It only reports what the user
 * asked for (`itemaction`); the opportunity component records events, so there is one place
 * that talks to the hub and one place that tracks what was attached or marked helpful.
 */
export default class KnowledgeItemCard extends LightningElement {
    /** An Item from the knowledge API plus `isAttached`, `isHelpful`, `isBusy`. */
    @api item;

    get typeLabel() {
        return contentTypeLabel(this.item.contentType);
    }

    get authors() {
        return authorNames(this.item.authors);
    }

    get attachLabel() {
        return this.item.isAttached ? 'Attached' : 'Attach to this opportunity';
    }

    get helpfulLabel() {
        return this.item.isHelpful ? 'Marked helpful' : 'Mark helpful';
    }

    /**
     * Every card has the same buttons (its title opens it); naming each after its item (visible
     * label first, then the title) lets screen-reader users tell them apart in a list of buttons.
     */
    get openName() {
        return `Open: ${this.item.title}`;
    }

    get attachName() {
        return `${this.attachLabel}: ${this.item.title}`;
    }

    get menuName() {
        return `More actions: ${this.item.title}`;
    }

    /** A checkbox item: it says whether the mark is set, and cannot be unset (the hub keeps one mark per person). */
    get menuItems() {
        return [
            {
                value: 'helpful',
                label: this.helpfulLabel,
                checked: !!this.item.isHelpful,
                disabled: !!(this.item.isBusy || this.item.isHelpful)
            }
        ];
    }

    /*
     * aria-disabled rather than disabled: a disabled button drops keyboard focus to <body> the
     * moment it is pressed; this one keeps focus and says it is done (clicks are ignored below).
     */
    get attachDisabled() {
        return this.item.isBusy || this.item.isAttached ? 'true' : 'false';
    }

    handleMenu(event) {
        this.dispatchEvent(new CustomEvent('itemaction', { detail: { action: event.detail.value, id: this.item.id } }));
    }

    handleAction(event) {
        if (event.currentTarget.getAttribute('aria-disabled') === 'true') {
            return;
        }
        const action = event.currentTarget.dataset.action;
        this.dispatchEvent(new CustomEvent('itemaction', { detail: { action, id: this.item.id } }));
    }

    /** Lets the parent return focus here after the viewer closes (keyboard users keep their place). */
    @api
    focusOpenButton() {
        const button = this.template.querySelector('[data-action="open"]');
        if (button) {
            button.focus();
        }
    }
}
