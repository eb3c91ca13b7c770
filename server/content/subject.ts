import type { AccessSubject } from '../auth/access';
import type { ContentRecord } from './store';

/** The facts of a stored item that the access policy (server/auth/access.ts) decides on. */
export function accessSubject(r: ContentRecord): AccessSubject {
  return {
    status: r.status,
    visibility: r.visibility,
    ownerId: r.ownerId,
    authorIds: r.authors.filter((a) => a.role !== 'contributor').map((a) => a.userId),
    editorIds: r.authors.filter((a) => a.role === 'editor').map((a) => a.userId),
    reviewTeam: r.reviewTeam,
  };
}

/** Does the change take away anyone's access? Then search double-checks the item until relayed. */
export function narrowsAccess(before: ContentRecord, after: ContentRecord): boolean {
  if (before.status === 'published' && after.status !== 'published') return true;
  if (JSON.stringify(before.visibility) !== JSON.stringify(after.visibility) && after.visibility.scope !== 'everyone') return true;
  // The people authorship lets in (as canSee counts them: contributors are not among them).
  const beforeIds = new Set([...accessSubject(before).authorIds, before.ownerId]);
  const afterIds = new Set([...accessSubject(after).authorIds, after.ownerId]);
  return after.visibility.scope !== 'everyone' && [...beforeIds].some((id) => !afterIds.has(id));
}
