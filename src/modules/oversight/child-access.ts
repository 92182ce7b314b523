import { hasRole } from '../../platform/access.js';
import type { Contracts } from '../../platform/modules.js';
import type { OpenedChild, PracticeChild, RefusedReason } from '../../platform/practice/records.js';
import type { Viewer } from '../../platform/practice/viewer.js';

/** A child's record opened for oversight, or why not: always the practice records' one access check, `openChild`. */
export type OpenChild = (viewer: Viewer, childId: string) => Promise<OpenedChild>;

export type Refused = { ok: false; reason: RefusedReason };

/** `openChild` when the records are served; with no records module switched on, every child is missing. */
export function childOpener(contracts: Contracts): OpenChild {
  return async (viewer, childId) => {
    const records = contracts.practiceRecords();
    return records ? records.openChild(viewer, childId) : { ok: false, reason: 'hidden' };
  };
}

export const isManager = (viewer: Viewer) => hasRole(viewer.principal, 'manager');

/** Who wrote something, as pages show them: their name while the account exists. */
export const FORMER_STAFF = 'A former member of staff';

/** The columns every oversight row copies from the child when it is written, for the team's queues. */
export const placeOf = (child: PracticeChild) => ({
  organisation_id: child.organisationId,
  team_id: child.teamId,
  child_id: child.id,
});
