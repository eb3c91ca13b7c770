import { anyOf, either } from '../search/filters';
import type { Visibility } from '../content/schema';
import type { Actor } from './schema';

/** The facts about an item that decide who may see or change it. */
export interface AccessSubject {
  status: string;
  visibility: Visibility;
  ownerId: string;
  authorIds: string[];
  editorIds?: string[];
  /** While in review: the team whose leaders may approve it (and so must be able to read it). */
  reviewTeam?: string | null;
}

/** Teams whose items the actor may read: their own team and the teams they lead. */
export function teamsOf(actor: Actor): string[] {
  return [...new Set([actor.team, ...actor.leadsTeams])];
}

function isInvolved(actor: Actor, item: AccessSubject): boolean {
  return item.ownerId === actor.id || item.authorIds.includes(actor.id);
}

/** May the actor read this item? Unpublished work is visible to the people working on it only. */
export function canSee(actor: Actor, item: AccessSubject): boolean {
  if (actor.role === 'admin') return true;
  if (isInvolved(actor, item)) return true;
  if (item.status === 'in_review' && actor.role === 'leader' && !!item.reviewTeam && actor.leadsTeams.includes(item.reviewTeam))
    return true;
  if (item.status !== 'published' && item.status !== 'archived') return false;
  const v = item.visibility;
  if (v.scope === 'everyone') return true;
  if (v.scope === 'teams') return teamsOf(actor).some((t) => v.teams.includes(t));
  return v.users.includes(actor.id);
}

/** Authors, co-authors and editors, the owner, and admins may edit. */
export function canEdit(actor: Actor, item: AccessSubject): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'rep' && !isInvolved(actor, item)) return false;
  return item.ownerId === actor.id || item.authorIds.includes(actor.id) || (item.editorIds ?? []).includes(actor.id);
}

/** May the actor publish without a reviewer (for types that need no review)? */
export function mayPublish(actor: Actor): boolean {
  return actor.role === 'author' || actor.role === 'leader' || actor.role === 'admin';
}

/**
 * May the actor approve or reject an item in review? Admins, and leaders of the team the item is
 * reviewed for; never anyone among its review participants (submitter, owner, authors, co-authors,
 * contributors and editors at any version since it entered review: see content/changes.ts).
 */
export function mayReview(actor: Actor, reviewTeam: string | null, participants: ReadonlySet<string>): boolean {
  if (participants.has(actor.id)) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'leader' && !!reviewTeam && actor.leadsTeams.includes(reviewTeam);
}

/** Leaders may archive what their teams can see, besides the editors. */
export function canArchive(actor: Actor, item: AccessSubject): boolean {
  return canEdit(actor, item) || (actor.role === 'leader' && canSee(actor, item));
}

/**
 * Undoing an archive: whoever may archive the item (so a leader can take back their own click),
 * and its owner, authors and admins (through canEdit), so the people told it was archived can
 * bring it back.
 */
export function canRestore(actor: Actor, item: AccessSubject): boolean {
  return canArchive(actor, item);
}

/**
 * The access clause for a search, computed from the actor's identity only and passed to
 * Meilisearch as its own element of the filter array. Null for admins (they see everything).
 */
export function searchAccessClause(actor: Actor): string | null {
  if (actor.role === 'admin') return null;
  return either(anyOf('visibilityScope', ['everyone']), anyOf('visibleTeams', teamsOf(actor)), anyOf('visibleUsers', [actor.id]));
}
