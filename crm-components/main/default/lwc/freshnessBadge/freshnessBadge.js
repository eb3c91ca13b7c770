import { LightningElement, api } from 'lwc';
import { timeAgo } from 'c/knowledgeFormat';

const STATES = {
    verified: { label: 'Verified', theme: 'slds-theme_success' },
    due: { label: 'Review due', theme: 'slds-theme_warning' },
    unverified: { label: 'Unverified', theme: 'slds-badge_lightest' },
    expired: { label: 'Expired', theme: 'slds-theme_error' }
};

/** How far a reader can trust an item: its state, and how long ago someone vouched for it. */
export default class FreshnessBadge extends LightningElement {
    @api freshness;
    @api verifiedAt;
    @api updatedAt;

    get state() {
        return STATES[this.freshness] || STATES.unverified;
    }

    get badgeClass() {
        return `slds-badge ${this.state.theme}`;
    }

    get label() {
        return this.state.label;
    }

    /** Never-verified items fall back to their last edit, which is still a useful age. */
    get when() {
        if (this.verifiedAt && this.freshness !== 'unverified') {
            return `verified ${timeAgo(this.verifiedAt)}`;
        }
        return this.updatedAt ? `updated ${timeAgo(this.updatedAt)}` : '';
    }
}
