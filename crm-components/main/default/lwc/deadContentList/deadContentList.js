import { LightningElement, api } from 'lwc';
import { archiveContent, verifyContent, widenContentVisibility } from 'c/hubApi';
import { deadReasonLabel } from 'c/flowFormat';
import { formatDate } from 'c/knowledgeFormat';

const DAY_CHOICES = [30, 60, 90, 180, 365];

/** What each owner action calls and how it reads once done. */
const ACTIONS = {
    verify: { label: 'Verify', done: 'Verified', call: verifyContent },
    archive: { label: 'Archive', done: 'Archived', call: archiveContent },
    widen_visibility: { label: 'Widen visibility', done: 'Visible to everyone', call: widenContentVisibility }
};

/**
 * Dead and stale items by team and owner, each with the owner actions the hub offers for it.
 * Archiving is only ever a suggestion: the button is marked, the owner still has to press it.
 * Fires `dayschange` with `{ days }` when the idle window changes.
 */
export default class DeadContentList extends LightningElement {
    /** The `/api/flow/dead-content` response. */
    @api report;
    @api days = 90;
    pendingId;
    outcomes = {};
    failures = {};

    get dayOptions() {
        return DAY_CHOICES.map((value) => ({ value: `${value}`, label: `${value} days`, selected: value === Number(this.days) }));
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
            countText: shown < owner.count ? `${owner.count} items, ${shown} shown` : `${owner.count} ${owner.count === 1 ? 'item' : 'items'}`,
            items: owner.items.map((item) => this.itemView(item))
        };
    }

    itemView(item) {
        const outcome = this.outcomes[item.id];
        return {
            id: item.id,
            title: item.title,
            published: item.publishedAt ? `Published ${formatDate(item.publishedAt)}` : 'Not published',
            visibility: item.visibility,
            reasons: item.reasons.map((reason) => ({ key: reason, label: deadReasonLabel(reason) })),
            suggestArchive: item.suggestArchive && !outcome,
            outcome,
            error: this.failures[item.id],
            actions: outcome
                ? []
                : item.actions
                      .filter((a) => ACTIONS[a.action])
                      .map((a) => {
                          const suggested = a.action === 'archive' && item.suggestArchive;
                          return {
                              key: a.action,
                              label: suggested ? 'Archive (suggested)' : ACTIONS[a.action].label,
                              ariaLabel: `${suggested ? 'Archive (suggested)' : ACTIONS[a.action].label}: ${item.title}`,
                              buttonClass: `slds-button ${suggested ? 'slds-button_brand' : 'slds-button_neutral'}`,
                              disabled: this.pendingId === item.id
                          };
                      })
        };
    }

    async handleAction(event) {
        const { id, action } = event.currentTarget.dataset;
        this.pendingId = id;
        this.failures = { ...this.failures, [id]: undefined };
        try {
            await ACTIONS[action].call(id);
            this.outcomes = { ...this.outcomes, [id]: ACTIONS[action].done };
            this.dispatchEvent(new CustomEvent('itemchange', { detail: { id, action } }));
        } catch (error) {
            this.failures = { ...this.failures, [id]: error };
        } finally {
            this.pendingId = undefined;
        }
    }

    handleDaysChange(event) {
        this.dispatchEvent(new CustomEvent('dayschange', { detail: { days: Number(event.target.value) } }));
    }
}
