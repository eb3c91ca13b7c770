import { LightningElement, api } from 'lwc';
import { snapshotOfItem } from 'c/contentModel';

/**
 * Says that someone else saved the item while the author was editing (a 409), shows their change
 * against the version the author started from on request, and lets the author choose: `reapply`
 * (keep my form, based on their version) or `taketheirs` (discard mine).
 */
export default class EditConflict extends LightningElement {
    /** The item as the author started from it. */
    @api mine;
    /** The item as someone else saved it. */
    @api theirs;
    /** User ids to names, for the authors in the diff. */
    @api names;

    showTheirChange = false;

    get conflictSnapshotMine() {
        return snapshotOfItem(this.mine);
    }

    get conflictSnapshotTheirs() {
        return snapshotOfItem(this.theirs);
    }

    get theirChangeLabel() {
        return this.showTheirChange ? 'Hide their change' : 'Show their change';
    }

    handleToggleTheirChange() {
        this.showTheirChange = !this.showTheirChange;
    }

    handleReapply() {
        this.dispatchEvent(new CustomEvent('reapply'));
    }

    handleTakeTheirs() {
        this.dispatchEvent(new CustomEvent('taketheirs'));
    }
}
