import { LightningElement, api } from 'lwc';

/**
 * A small SLDS dropdown of secondary actions behind one button, so each region keeps one primary
 * action in sight. It follows the menu-button pattern: the button says it has a menu and whether
 * it is open; Enter, Space or ArrowDown open it on the first item (ArrowUp on the last); arrows,
 * Home and End move; Escape closes it and returns focus to the button; Tab or a click elsewhere
 * closes it. Choosing an item fires `select` with `{ value }` and returns focus to the button.
 */
export default class ActionMenu extends LightningElement {
    /** The button's accessible name, e.g. "More actions: <item title>": it starts with the visible text (WCAG label in name). */
    @api label = 'More actions';
    /** The button's visible text. */
    @api buttonText = 'More';
    /**
     * `{ value, label, disabled?, checked? }`: `checked` (true or false) makes the item a
     * menuitemcheckbox that says whether it is on (e.g. "Mark helpful").
     */
    @api items = [];

    isOpen = false;
    /** The item to focus after the next render (index), when the menu has just opened. */
    focusIndex;

    get expanded() {
        return this.isOpen ? 'true' : 'false';
    }

    get triggerClass() {
        return `slds-dropdown-trigger slds-dropdown-trigger_click${this.isOpen ? ' slds-is-open' : ''}`;
    }

    get menuItems() {
        return (this.items || []).map((item) => ({
            ...item,
            role: item.checked === undefined ? 'menuitem' : 'menuitemcheckbox',
            ariaChecked: item.checked === undefined ? undefined : String(!!item.checked),
            ariaDisabled: item.disabled ? 'true' : undefined
        }));
    }

    renderedCallback() {
        if (this.focusIndex !== undefined) {
            const entries = this.entries();
            const target = entries[(this.focusIndex + entries.length) % entries.length];
            this.focusIndex = undefined;
            if (target) {
                target.focus();
            }
        }
    }

    entries() {
        return [...this.template.querySelectorAll('[data-value]')];
    }

    open(index) {
        this.isOpen = true;
        this.focusIndex = index;
    }

    close(returnFocus) {
        this.isOpen = false;
        if (returnFocus) {
            this.template.querySelector('.menu-button').focus();
        }
    }

    handleButtonClick() {
        if (this.isOpen) {
            this.close(false);
        } else {
            this.open(0);
        }
    }

    handleButtonKeydown(event) {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            this.open(event.key === 'ArrowDown' ? 0 : -1);
        }
    }

    handleMenuKeydown(event) {
        const entries = this.entries();
        const at = entries.indexOf(this.template.activeElement);
        const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: entries.length - 1 };
        if (event.key in moves) {
            event.preventDefault();
            entries[(moves[event.key] + entries.length) % entries.length].focus();
        } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            this.close(true);
        } else if (event.key === 'Tab') {
            this.close(false);
        } else if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            this.choose(event.target);
        }
    }

    handleItemClick(event) {
        this.choose(event.currentTarget);
    }

    choose(entry) {
        if (!entry || !entry.dataset || entry.getAttribute('aria-disabled') === 'true') {
            return;
        }
        this.close(true);
        this.dispatchEvent(new CustomEvent('select', { detail: { value: entry.dataset.value } }));
    }

    /** Focus leaving the whole menu (a click or tab elsewhere) closes it. */
    handleFocusOut(event) {
        if (this.isOpen && !this.template.querySelector('.menu-root').contains(event.relatedTarget)) {
            this.close(false);
        }
    }

    /** Lets a parent put focus back on the menu's button (e.g. after an action removed the row's other controls). */
    @api
    focus() {
        this.template.querySelector('.menu-button').focus();
    }
}
