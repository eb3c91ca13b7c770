import { LightningElement, api } from 'lwc';

const BUTTON_CLASS = {
    neutral: 'slds-button slds-button_neutral',
    brand: 'slds-button slds-button_brand',
    destructive: 'slds-button slds-button_destructive',
    'text-destructive': 'slds-button slds-button_text-destructive',
    bare: 'slds-button'
};

/**
 * A row's (or an item's) actions as SLDS buttons, one definition each, so a list describes its
 * actions as data instead of repeating the button markup per action.
 *
 * `actions`: `{ name, label, ariaLabel, variant: 'neutral'|'brand'|'destructive'|'text-destructive'|'bare',
 * disabled, title, expanded, href }`, in the order they show; one with `href` is a link styled as a
 * button (it navigates, so it fires nothing). `row-id` names what the actions act on.
 * A button fires `action` with `{ action: name, id: rowId }`; it bubbles, so a listener on an element around
 * several groups (a row's actions, its question, its undo) hears them all.
 * Give the host the class `spaced` for a small gap right of and below each button (a row that wraps on a phone).
 */
export default class ActionButtons extends LightningElement {
    @api actions = [];
    @api rowId;

    get buttons() {
        return (this.actions || []).map((action) => ({ ...action, className: BUTTON_CLASS[action.variant || 'neutral'] }));
    }

    /**
     * Focuses the button of the named action (the first button without a name), e.g. when a question
     * it opened closes; answers whether this group had it.
     */
    @api
    focusAction(name) {
        const button = this.template.querySelector(name ? `button[data-action="${name}"]` : 'button[data-action]');
        if (button) {
            button.focus();
        }
        return !!button;
    }

    handleClick(event) {
        // It bubbles (inside the parent's template only), so one listener can serve all of a row's groups.
        this.dispatchEvent(
            new CustomEvent('action', { bubbles: true, detail: { action: event.currentTarget.dataset.action, id: this.rowId } })
        );
    }
}
