import { canModerate, type Principal } from '../../platform/access.js';
import type { Role } from '../../platform/roles.js';
import type { BoardRules } from './schema.js';

export interface BoardAccess {
  read: boolean;
  reply: boolean;
  start: boolean;
  moderate: boolean;
}

/** Moderators keep every board safe, so every board is open to them whatever its rules say. */
export function moderates(viewer: Pick<Principal, 'roles'> | null): boolean {
  return canModerate(viewer);
}

function allowedBy(list: readonly string[], viewer: Pick<Principal, 'roles'> | null, approved: boolean): boolean {
  if (list.includes('visitor')) return true;
  if (!viewer) return false;
  if (approved && list.includes('approved')) return true;
  return viewer.roles.some((role) => list.includes(role));
}

/**
 * What someone may do on a board. `approved` says whether a moderator has let them in after a join request. Nobody
 * replies or starts a thread where they cannot read, and visitors never post. A closed board takes no new threads
 * from anyone, moderators included: closing it is an administrator's decision, undone only by opening it again.
 */
export function accessTo(
  board: { rules: BoardRules; closed_at?: Date | null },
  viewer: Pick<Principal, 'roles'> | null,
  approved: boolean,
): BoardAccess {
  const open = !board.closed_at;
  if (moderates(viewer)) return { read: true, reply: true, start: open, moderate: true };
  const read = allowedBy(board.rules.read, viewer, approved);
  const signedIn = !!viewer;
  return {
    read,
    reply: read && signedIn && allowedBy(board.rules.reply, viewer, approved),
    start: open && read && signedIn && allowedBy(board.rules.start, viewer, approved),
    moderate: false,
  };
}

/** Advisers and moderators carry a badge on what they post, so families know who is speaking for the charity. */
export function badgeFor(roles: readonly Role[]): string | null {
  if (roles.includes('moderator')) return 'Moderator';
  if (roles.includes('adviser')) return 'Adviser';
  return null;
}

/** Staff never wait for approval; members do for their first posts until a moderator lets them post freely. */
export function postsWaitForApproval(roles: readonly Role[], profile: { posts_freely: boolean; approved_posts: number } | null): boolean {
  if (roles.some((role) => role !== 'member')) return false;
  if (!profile) return true;
  return !profile.posts_freely && profile.approved_posts < NEW_MEMBER_POSTS;
}

/** How many of a new member's posts a moderator reads before they go up. */
export const NEW_MEMBER_POSTS = 3;
