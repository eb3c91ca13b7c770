import { LightningElement, api } from 'lwc';
import { diffSnapshots } from 'c/contentModel';

/**
 * What changed between two versions of an item, readable: each changed field with its value
 * before and after, and the body line by line (removed lines marked −, added +, in words too for
 * screen readers). `before` and `after` are version snapshots or items; `names` maps user ids.
 */
export default class ContentDiff extends LightningElement {
    @api before;
    @api after;
    @api names;
    @api beforeLabel = 'Before';
    @api afterLabel = 'After';

    get changes() {
        const names = new Map(Object.entries(this.names || {}));
        return diffSnapshots(this.before, this.after, names).map((c) => ({
            ...c,
            isBody: !!c.lines,
            lines: (c.lines || []).map((l) => ({
                ...l,
                className: `diff-line diff-${l.type}`,
                said: l.type === 'same' ? '' : l.type === 'added' ? 'added: ' : 'removed: '
            }))
        }));
    }

    get hasChanges() {
        return this.changes.length > 0;
    }
}
