import type { Services } from '../../../platform/services.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { FORMER_STAFF, isManager, placeOf, type OpenChild, type Refused } from '../child-access.js';

export interface SupervisionInput {
  heldOn: string;
  attendees: string;
  discussion: string;
  actions: string;
}

export interface Supervision extends SupervisionInput {
  id: string;
  recordedBy: string;
  recordedAt: Date;
}

export type SupervisionRecorded = { ok: true; id: string } | Refused | { ok: false; reason: 'not-a-manager' };

/** Supervision records: a manager's note of a session about one child. */
export function createSupervision({ db, audit }: Pick<Services, 'db' | 'audit'>, openChild: OpenChild) {
  async function record(viewer: Viewer, childId: string, input: SupervisionInput): Promise<SupervisionRecorded> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    // Supervision is the manager's record of it; a practitioner's view of it is a challenge, not an edit.
    if (!isManager(viewer)) return { ok: false, reason: 'not-a-manager' };
    return db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('oversight_supervisions')
        .values({
          ...placeOf(opened.child),
          held_on: input.heldOn,
          attendees: input.attendees,
          discussion: input.discussion,
          actions: input.actions,
          recorded_by: viewer.actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(
        {
          actor: viewer.actor,
          action: 'oversight.supervision-recorded',
          subjectType: 'child',
          subjectId: childId,
          organisationId: opened.child.organisationId,
          details: { supervisionId: id },
        },
        trx,
      );
      return { ok: true as const, id };
    });
  }

  /** A child's supervision records, newest first. The caller has opened the record and audits the reading. */
  async function ofChild(childId: string): Promise<Supervision[]> {
    const rows = await db
      .selectFrom('oversight_supervisions as s')
      .leftJoin('users as u', 'u.id', 's.recorded_by')
      .select(['s.id', 's.held_on', 's.attendees', 's.discussion', 's.actions', 's.recorded_at', 'u.display_name'])
      .where('s.child_id', '=', childId)
      .orderBy('s.held_on', 'desc')
      .orderBy('s.recorded_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      attendees: r.attendees,
      discussion: r.discussion,
      actions: r.actions,
      recordedBy: r.display_name ?? FORMER_STAFF,
      recordedAt: r.recorded_at,
    }));
  }

  return { record, ofChild };
}
