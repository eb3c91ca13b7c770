import type { NewNotification } from '../notifications/store';
import { peopleOf } from '../notifications/store';
import type { PreparedChange } from './changes';

type Notice = Pick<NewNotification, 'kind' | 'message'>;

/**
 * What the item's people (owner and authors) are told when a change of this kind is written, or
 * null when it tells them nothing. Both review refusals carry the reviewer's comment; only a request
 * for changes leaves the item the authors' draft. notify() leaves out the actor: an author undoing
 * their own archive is not told about it.
 */
function noticeToPeople(c: PreparedChange): Notice | null {
  const { actor, after } = c;
  switch (c.action) {
    case 'approve':
      return after.status === 'published'
        ? { kind: 'approved', message: `${actor.name} approved "${after.title}": it is published` }
        : null;
    case 'reject':
      return {
        kind: 'rejected',
        message: `${actor.name} rejected "${after.title}": it will not be published as is: ${after.reviewComment ?? ''}`,
      };
    case 'request_changes':
      return { kind: 'changes_requested', message: `${actor.name} requested changes to "${after.title}": ${after.reviewComment ?? ''}` };
    case 'archive':
      return after.status === 'archived' ? { kind: 'archived', message: `${actor.name} archived "${after.title}"` } : null;
    case 'restore':
      return { kind: 'restored', message: `${actor.name} restored "${after.title}"` };
    default:
      return null;
  }
}

/** Who is told about a change, and what: review outcomes, archiving and restoring, and derivations from someone's work. */
export function notificationsOf(c: PreparedChange): NewNotification[] {
  const base = { actorId: c.actor.id, contentId: c.after.id };
  if (c.action === 'derive') {
    // The source's authors are carried as contributors, but a draft is readable by its authors and
    // owner only: the notice points at their own item and does not name the draft.
    const source = c.after.derivedFrom;
    return c.after.authors
      .filter((a) => a.role === 'contributor')
      .map((a) => ({
        ...base,
        contentId: source,
        userId: a.userId,
        kind: 'derived_from_mine',
        message: `${c.actor.name} derived a new draft from your work; you are credited as a contributor`,
      }));
  }
  const notice = noticeToPeople(c);
  return notice ? peopleOf(c.after).map((userId) => ({ ...base, userId, ...notice })) : [];
}
