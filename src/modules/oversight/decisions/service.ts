import type { Services } from '../../../platform/services.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import type { FieldError } from '../../../platform/validation.js';
import { FORMER_STAFF, isManager, placeOf, type OpenChild, type Refused } from '../child-access.js';
import type { DecisionStatus } from '../schema.js';

export interface DecisionInput {
  decision: string;
  rationale: string;
  needsApproval: 'yes' | 'no';
}

export interface Decision {
  id: string;
  childId: string;
  decision: string;
  rationale: string;
  status: DecisionStatus;
  proposedById: string | null;
  proposedBy: string;
  proposedAt: Date;
  approver: string | null;
  approverNote: string | null;
  approvedAt: Date | null;
}

export type DecisionRecorded =
  { ok: true; id: string; status: DecisionStatus } | Refused | { ok: false; reason: 'invalid'; errors: FieldError[] };

export type DecisionAnswered =
  | { ok: true; status: 'approved' | 'not-approved' }
  | Refused
  | { ok: false; reason: 'not-found' | 'not-a-manager' | 'own-decision' | 'not-awaiting' };

/**
 * Management decisions about a child, each with its rationale. Some wait for a second manager: whoever proposed one can
 * never approve it (four eyes), which the table's check and trigger enforce too.
 */
export function createDecisions({ db, audit }: Pick<Services, 'db' | 'audit'>, openChild: OpenChild) {
  async function propose(viewer: Viewer, childId: string, input: DecisionInput): Promise<DecisionRecorded> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    // A practitioner proposes; only a manager decides alone.
    if (input.needsApproval === 'no' && !isManager(viewer)) {
      return {
        ok: false,
        reason: 'invalid',
        errors: [{ field: 'needsApproval', text: 'Only a manager can record a decision that needs no approval: choose “Yes”' }],
      };
    }
    const status: DecisionStatus = input.needsApproval === 'yes' ? 'awaiting-approval' : 'recorded';
    return db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('oversight_decisions')
        .values({ ...placeOf(opened.child), decision: input.decision, rationale: input.rationale, status, proposed_by: viewer.actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(
        {
          actor: viewer.actor,
          action: 'oversight.decision-recorded',
          subjectType: 'child',
          subjectId: childId,
          organisationId: opened.child.organisationId,
          details: { decisionId: id, status },
        },
        trx,
      );
      return { ok: true as const, id, status };
    });
  }

  async function answer(
    viewer: Viewer,
    childId: string,
    decisionId: string,
    input: { outcome: 'approved' | 'not-approved'; note: string },
  ): Promise<DecisionAnswered> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    if (!isManager(viewer)) return { ok: false, reason: 'not-a-manager' };
    return db.transaction().execute(async (trx) => {
      const decision = await trx
        .selectFrom('oversight_decisions')
        .select(['status', 'proposed_by'])
        .where('id', '=', decisionId)
        .where('child_id', '=', childId)
        .forUpdate()
        .executeTakeFirst();
      if (!decision) return { ok: false, reason: 'not-found' } as const;
      if (decision.proposed_by === viewer.actor.id) return { ok: false, reason: 'own-decision' } as const;
      if (decision.status !== 'awaiting-approval') return { ok: false, reason: 'not-awaiting' } as const;
      await trx
        .updateTable('oversight_decisions')
        .set({ status: input.outcome, approver_id: viewer.actor.id, approver_note: input.note, approved_at: new Date() })
        .where('id', '=', decisionId)
        .execute();
      await audit.record(
        {
          actor: viewer.actor,
          action: input.outcome === 'approved' ? 'oversight.decision-approved' : 'oversight.decision-not-approved',
          subjectType: 'child',
          subjectId: childId,
          organisationId: opened.child.organisationId,
          details: { decisionId },
        },
        trx,
      );
      return { ok: true as const, status: input.outcome };
    });
  }

  const decisions = () =>
    db
      .selectFrom('oversight_decisions as d')
      .leftJoin('users as p', 'p.id', 'd.proposed_by')
      .leftJoin('users as a', 'a.id', 'd.approver_id')
      .select([
        'd.id',
        'd.child_id',
        'd.decision',
        'd.rationale',
        'd.status',
        'd.proposed_by',
        'd.proposed_at',
        'd.approver_note',
        'd.approved_at',
        'p.display_name as proposer',
        'a.display_name as approver',
      ]);
  const decisionOf = (r: Awaited<ReturnType<ReturnType<typeof decisions>['execute']>>[number]): Decision => ({
    id: r.id,
    childId: r.child_id,
    decision: r.decision,
    rationale: r.rationale,
    status: r.status,
    proposedById: r.proposed_by,
    proposedBy: r.proposer ?? FORMER_STAFF,
    proposedAt: r.proposed_at,
    approver: r.approved_at ? (r.approver ?? FORMER_STAFF) : null,
    approverNote: r.approver_note,
    approvedAt: r.approved_at,
  });

  /** A child's decisions, newest first. The caller has opened the record and audits the reading. */
  async function ofChild(childId: string): Promise<Decision[]> {
    const rows = await decisions().where('d.child_id', '=', childId).orderBy('d.proposed_at', 'desc').orderBy('d.id').execute();
    return rows.map(decisionOf);
  }

  /** The team's decisions waiting for approval, oldest first. */
  async function awaitingInTeam(teamId: string): Promise<Decision[]> {
    const rows = await decisions()
      .where('d.team_id', '=', teamId)
      .where('d.status', '=', 'awaiting-approval')
      .orderBy('d.proposed_at')
      .orderBy('d.id')
      .execute();
    return rows.map(decisionOf);
  }

  return { propose, answer, ofChild, awaitingInTeam };
}
