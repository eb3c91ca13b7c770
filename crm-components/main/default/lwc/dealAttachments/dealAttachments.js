import { LightningElement, api } from 'lwc';
import { contentTypeLabel, formatDate } from 'c/knowledgeFormat';

/**
 * What was attached to a deal, who attached it and when, at the top of the knowledge panel.
 * It only reports what the user asked for (`attachmentaction` with `open`, `share` or `detach`): the panel
 * talks to the hub, so one place tracks the list. Opening (the title) is the row's one visible
 * action; sharing and detaching wait in its menu, so a long list stays calm.
 */
export default class DealAttachments extends LightningElement {
    /** Attachments from GET /api/opportunities/:id/attachments. */
    @api attachments;
    /** Content ids being detached right now. */
    @api busyIds = [];

    get hasAttachments() {
        return Array.isArray(this.attachments) && this.attachments.length > 0;
    }

    get rows() {
        return (this.attachments || []).map((a) => ({
            ...a,
            typeLabel: contentTypeLabel(a.contentType),
            attachedByName: a.attachedBy.name,
            attachedWhen: formatDate(a.attachedAt),
            // Every row has a menu: naming each after its item tells them apart in a list of buttons (the
            // suggestion cards' menus are "More actions: …", so the two never share a name).
            menuName: `More deal actions: ${a.title}`,
            actions: actionsOf(a, (this.busyIds || []).includes(a.contentId)),
            hasActions: actionsOf(a, false).length > 0
        }));
    }

    handleMenu(event) {
        this.dispatchEvent(
            new CustomEvent('attachmentaction', { detail: { action: event.detail.value, id: event.currentTarget.dataset.id } })
        );
    }

    handleAction(event) {
        if (event.currentTarget.getAttribute('aria-disabled') === 'true') {
            return;
        }
        const { action, id } = event.currentTarget.dataset;
        this.dispatchEvent(new CustomEvent('attachmentaction', { detail: { action, id } }));
    }

    /** After a detach, focus goes to the next row's title (or the heading when the list is empty). */
    @api
    focusAfter(index) {
        const titles = [...this.template.querySelectorAll('.used-title')];
        const target = titles[Math.min(index, titles.length - 1)];
        if (target) {
            target.focus();
        } else {
            const heading = this.template.querySelector('h3');
            heading.setAttribute('tabindex', '-1');
            heading.focus();
        }
    }
}

/** A row's secondary actions; a row being changed offers them disabled (presses are ignored). */
function actionsOf(attachment, busy) {
    const actions = [];
    // Only published client-facing items can go to a buyer (the hub refuses the rest).
    if (attachment.audience === 'client_facing' && attachment.status === 'published') {
        actions.push({ value: 'share', label: 'Share with buyer', disabled: busy });
    }
    if (attachment.mayDetach) {
        actions.push({ value: 'detach', label: 'Detach', disabled: busy });
    }
    return actions;
}
