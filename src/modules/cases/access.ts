import type { AccessRule, Principal } from '../../platform/access.js';
import { hasRole } from '../../platform/access.js';

/** Who may open the practice door's pages at all. Which child's record they may read is `recordAccess`. */
export const CASE_WORKERS = { access: ['practitioner', 'manager'] } as const satisfies { access: AccessRule };
/** `/practice` itself: analysts too, who see counts and never a name. */
export const PRACTICE_READERS = { access: ['practitioner', 'manager', 'analyst'] } as const satisfies { access: AccessRule };

/** Whose a child's record is: the family's organisation and team, and the workers allocated to the child and family. */
export interface RecordHolder {
  organisationId: string;
  teamId: string;
  familyWorkerId: string | null;
  childWorkerId: string | null;
}

/**
 * - `open`: the allocated worker, anyone in the family's team (its practitioners and its managers), or someone who broke
 *   the glass in this session;
 * - `break-glass`: another practitioner or manager of the same organisation, who must give a reason first;
 * - `counts-only`: an analyst of the same organisation;
 * - `hidden`: everyone else, above all anyone of another organisation, who is answered exactly as for a missing id.
 */
export type RecordAccess = 'open' | 'break-glass' | 'counts-only' | 'hidden';

/** The one place that decides who may read a child's record (DESIGN.md, "Security model"). */
export function recordAccess(principal: Principal, holder: RecordHolder, glassBroken: boolean): RecordAccess {
  if (!principal.organisationId || principal.organisationId !== holder.organisationId) return 'hidden';
  if (hasRole(principal, 'practitioner', 'manager')) {
    const allocated = principal.id === holder.childWorkerId || principal.id === holder.familyWorkerId;
    if (allocated || principal.teamId === holder.teamId || glassBroken) return 'open';
    return 'break-glass';
  }
  return hasRole(principal, 'analyst') ? 'counts-only' : 'hidden';
}
