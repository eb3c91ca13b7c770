import { LightningElement, api } from 'lwc';
import { archiveContent, nudgeContentOwner, restoreContent, verifyContent, widenContentVisibility } from 'c/hubApi';
import { deadReasonLabel } from 'c/flowFormat';
import { formatDate } from 'c/knowledgeFormat';

const DAY_CHOICES = [30, 60, 90, 180, 365];

/** How long "Undo" stays after an archive: long enough to notice a wrong click, short enough not to linger. */
const UNDO_SECONDS = 30;

/** What each owner action calls and how it reads once done. */
const ACTIONS = {
    verify: { label: 'Verify', done: 'Verified', call: verifyContent },
    archive: { label: 'Archive', done: 'Archived', call: archiveContent },
    widen_visibility: { label: 'Widen visibility', done: 'Visible to everyone', call: widenContentVisibility },
    // For what the viewer cannot fix: the owner and authors get a notification naming the reasons.
    nudge_owner: { label: 'Nudge owner', done: 'Owner nudged', call: (id, item) => nudgeContentOwner(id, item ? item.reasons : ['unused']) }
};

/** The reasons an action answers; a reason the viewer cannot act on gets a hint naming the owner. */
const VERIFY_REASONS = ['verification_overdue', 'expired'];

/**
 * Dead and stale items by team and owner, each with the owner actions the hub offers this viewer
 * (the hub leaves out what they may not do, e.g. Verify for a leader who did not write the item).
 * Archiving is only ever a suggestion and asks for confirmation before it happens.
 * Fires `dayschange` with `{ days }` when the idle window changes.
 */
export default class DeadContentList extends LightningElement {
    /** The `/api/flow/dead-content` response. */
    @api report;
    @api days = 90;
    /** Where an item title links to: a URL with `{id}`. No link without it. */
    @api itemHrefPattern;
    /** Seconds the Undo button stays after an archive (it also goes when the list leaves the page). */
    @api undoSeconds = UNDO_SECONDS;
    pendingId;
    /** The item whose archive is waiting for "Archive it" / "Keep it". */
    confirmingId;
    /** The button to focus once rendered, `{ id, action }` (no action: the item's first), like c/pendingFocus's selector. */
    actionToFocus;
    outcomes = {};
    failures = {};
    /** Items archived here that can still be restored: id → the version the archive answered. */
    undoable = {};
    undoTimers = {};
    /** Items restored here: the line the live region reads while their actions are back. */
    restored = {};

    /** The idle window, a filter bar's one field; the totals sit beside it. */
    get dayFields() {
        const options = DAY_CHOICES.map((value) => ({ value: `${value}`, label: `${value} days` }));
        return [{ name: 'days', label: 'Not reused for', options, value: this.days, columnClass: 'slds-col slds-no-flex' }];
    }

    get totals() {
        const t = this.report.totals;
        return [
            { key: 'items', label: 'Items', value: t.items },
            { key: 'unused', label: deadReasonLabel('unused'), value: t.unused },
            { key: 'never_found', label: deadReasonLabel('never_found'), value: t.never_found },
            { key: 'restricted', label: deadReasonLabel('restricted'), value: t.restricted },
            { key: 'verification_overdue', label: deadReasonLabel('verification_overdue'), value: t.verification_overdue },
            { key: 'expired', label: deadReasonLabel('expired'), value: t.expired },
            { key: 'archiveSuggestions', label: 'Archive suggested', value: t.archiveSuggestions }
        ];
    }

    get hasItems() {
        return (this.report.owners || []).length > 0;
    }

    /** Teams in the hub's order (most dead items first), owners inside them. */
    get teams() {
        const owners = this.report.owners || [];
        const teamOrder = (this.report.teams || []).map((t) => t.team);
        owners.forEach((o) => {
            if (!teamOrder.includes(o.team)) {
                teamOrder.push(o.team);
            }
        });
        const counts = new Map((this.report.teams || []).map((t) => [t.team, t.items]));
        return teamOrder
            .map((team) => ({
                key: team || 'none',
                name: team || 'No team',
                countText: `${counts.get(team) ?? owners.filter((o) => o.team === team).reduce((sum, o) => sum + o.count, 0)} items`,
                owners: owners.filter((o) => o.team === team).map((owner) => this.ownerView(owner))
            }))
            .filter((team) => team.owners.length > 0);
    }

    ownerView(owner) {
        const shown = owner.items.length;
        return {
            key: owner.ownerId,
            name: owner.ownerName,
            countText:
                shown < owner.count ? `${owner.count} items, ${shown} shown` : `${owner.count} ${owner.count === 1 ? 'item' : 'items'}`,
            items: owner.items.map((item) => this.itemView(item, owner.ownerName))
        };
    }

    /** What to do about a reason the viewer has no button for: who can, in words. */
    hintsFor(item, ownerName) {
        const has = (action) => item.actions.some((a) => a.action === action);
        const hints = [];
        if (item.reasons.some((r) => VERIFY_REASONS.includes(r)) && !has('verify')) {
            hints.push(`Only its owner or authors can verify it: ask ${ownerName}.`);
        }
        if (item.reasons.includes('restricted') && !has('widen_visibility')) {
            hints.push(`Ask ${ownerName} to let more people see it.`);
        }
        if (item.reasons.includes('never_found')) {
            hints.push(`No search has returned it: a clearer title, summary and tags help (${ownerName} can edit them).`);
        }
        return hints.map((text, index) => ({ key: `${index}`, text }));
    }

    itemView(item, ownerName) {
        const outcome = this.outcomes[item.id];
        const confirming = this.confirmingId === item.id && !outcome;
        return {
            id: item.id,
            title: item.title,
            href: this.itemHrefPattern ? this.itemHrefPattern.replace('{id}', encodeURIComponent(item.id)) : undefined,
            hints: outcome ? [] : this.hintsFor(item, ownerName),
            confirming,
            confirmText: `Archive “${item.title}”? It leaves search and recommendations for everyone; ${ownerName} sees it as archived.`,
            confirmLabel: `Archive it: ${item.title}`,
            confirmActions: [
                { name: 'confirm_archive', label: 'Archive it', variant: 'destructive', ariaLabel: `Archive it: ${item.title}` },
                { name: 'keep', label: 'Keep it', ariaLabel: `Keep it: ${item.title}` }
            ],
            published: item.publishedAt ? `Published ${formatDate(item.publishedAt)}` : 'Not published',
            visibility: item.visibility,
            reasons: item.reasons.map((reason) => ({ key: reason, label: deadReasonLabel(reason) })),
            suggestArchive: item.suggestArchive && !outcome,
            outcome,
            statusText: outcome || this.restored[item.id] || '',
            undoable: Boolean(this.undoable[item.id]),
            undoActions: [{ name: 'undo', label: 'Undo', ariaLabel: `Undo archive: ${item.title}`, disabled: this.pendingId === item.id }],
            error: this.failures[item.id],
            actions: outcome
                ? []
                : item.actions
                      .filter((a) => ACTIONS[a.action])
                      .map((a) => {
                          const suggested = a.action === 'archive' && item.suggestArchive;
                          return {
                              name: a.action,
                              label: suggested ? 'Archive (suggested)' : ACTIONS[a.action].label,
                              ariaLabel: `${suggested ? 'Archive (suggested)' : ACTIONS[a.action].label}: ${item.title}`,
                              variant: suggested ? 'brand' : 'neutral',
                              disabled: this.pendingId === item.id || confirming
                          };
                      })
        };
    }

    handleAction(event) {
        const { id, action } = event.detail;
        if (action === 'archive') {
            // Archiving hides the item from everyone: ask first, with the title, and put focus on the question.
            this.confirmingId = id;
            this.actionToFocus = { id, action: 'confirm_archive' };
            return undefined;
        }
        if (action === 'confirm_archive') {
            this.confirmingId = undefined;
            return this.run(id, 'archive');
        }
        if (action === 'keep') {
            this.confirmingId = undefined;
            this.actionToFocus = { id, action: 'archive' };
            return undefined;
        }
        if (action === 'undo') {
            return this.undo(id);
        }
        return this.run(id, action);
    }

    /** The item's buttons live in its c-action-buttons groups: the group that has the action takes focus. */
    renderedCallback() {
        const pending = this.actionToFocus;
        this.actionToFocus = undefined;
        if (pending) {
            Array.from(this.template.querySelectorAll('c-action-buttons'))
                .filter((group) => group.rowId === pending.id)
                .some((group) => group.focusAction(pending.action));
        }
    }

    /** The report's item with this id (its reasons go with a nudge). */
    itemById(id) {
        const owners = (this.report && this.report.owners) || [];
        for (const owner of owners) {
            const found = owner.items.find((item) => item.id === id);
            if (found) {
                return found;
            }
        }
        return undefined;
    }

    async run(id, action) {
        this.pendingId = id;
        this.failures = { ...this.failures, [id]: undefined };
        try {
            // A nudge names the item's reasons; the other actions need only the id.
            const result = action === 'nudge_owner' ? await ACTIONS[action].call(id, this.itemById(id)) : await ACTIONS[action].call(id);
            if (action === 'archive') {
                this.offerUndo(id, result);
            } else {
                this.outcomes = { ...this.outcomes, [id]: ACTIONS[action].done };
            }
            this.dispatchEvent(new CustomEvent('itemchange', { detail: { id, action } }));
        } catch (error) {
            this.failures = { ...this.failures, [id]: error };
        } finally {
            this.pendingId = undefined;
        }
    }

    /**
     * After an archive the confirmation buttons are gone: focus goes to Undo (not to <body>), and the
     * status line says for how long it can be undone.
     */
    offerUndo(id, archived) {
        this.undoable = { ...this.undoable, [id]: { version: archived && archived.version } };
        this.outcomes = { ...this.outcomes, [id]: `Archived. You can undo this for ${this.undoSeconds} seconds.` };
        this.actionToFocus = { id, action: 'undo' };
        clearTimeout(this.undoTimers[id]);
        // A window for undoing, like a mail client's: after it the archive simply stands.
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- the undo window is a deliberate delay
        this.undoTimers[id] = setTimeout(() => this.closeUndo(id, 'Archived'), this.undoSeconds * 1000);
    }

    closeUndo(id, outcome) {
        clearTimeout(this.undoTimers[id]);
        delete this.undoTimers[id];
        const { [id]: closed, ...rest } = this.undoable;
        this.undoable = rest;
        if (closed && outcome) {
            this.outcomes = { ...this.outcomes, [id]: outcome };
        }
    }

    async undo(id) {
        const pending = this.undoable[id];
        if (!pending) {
            return;
        }
        this.pendingId = id;
        this.failures = { ...this.failures, [id]: undefined };
        try {
            await restoreContent(id, pending.version);
            this.closeUndo(id);
            // Back as it was: its actions return, and focus goes to the first of them.
            const { [id]: archived, ...rest } = this.outcomes;
            this.outcomes = rest;
            this.restored = { ...this.restored, [id]: archived ? 'Restored: it is back in search and recommendations.' : undefined };
            this.actionToFocus = { id };
            this.dispatchEvent(new CustomEvent('itemchange', { detail: { id, action: 'restore' } }));
        } catch (error) {
            this.failures = { ...this.failures, [id]: error };
        } finally {
            this.pendingId = undefined;
        }
    }

    disconnectedCallback() {
        // Leaving the page ends the undo window: nothing fires on a list that is gone.
        Object.keys(this.undoTimers).forEach((id) => clearTimeout(this.undoTimers[id]));
        this.undoTimers = {};
    }

    handleDaysChange(event) {
        this.dispatchEvent(new CustomEvent('dayschange', { detail: { days: Number(event.detail.value) } }));
    }
}
