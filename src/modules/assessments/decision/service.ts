import { hasRole } from '../../../platform/access.js';
import type { Contracts } from '../../../platform/modules.js';
import type { PracticeChild, RefusedReason } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import { isUuid } from '../../../platform/validation.js';
import type { Frameworks } from '../framework/service.js';
import { openChild } from '../opening.js';
import { assessmentOf, headers, type Assessment } from '../queries.js';

export type Decision = { outcome: 'authorise' } | { outcome: 'return'; reason: string };

/**
 * - `not-manager`: only a manager of the child's team authorises;
 * - `author`: a manager who wrote any of it may not authorise it (nor return their own work);
 * - `not-awaiting`: it is not waiting for a decision (still in progress, or authorised already).
 */
export type DecisionRefusal = 'not-manager' | 'author' | 'not-awaiting';

export type DecideResult = { ok: true } | { ok: false; reason: RefusedReason } | { ok: false; reason: DecisionRefusal };

export type DecisionPage =
  { ok: true; child: PracticeChild; assessment: Assessment } | { ok: false; reason: RefusedReason | DecisionRefusal };

export interface Awaiting {
  id: string;
  child: PracticeChild;
  startedOn: string;
  completedOn: string;
  completedAt: Date;
  author: string;
}

/** A manager's decision on a completed assessment: authorise it, or return it to its authors with a reason. */
export function createDecisions(platform: Services, contracts: Contracts, frameworks: Frameworks) {
  const { db, audit } = platform;

  const mayDecide = (viewer: Viewer, child: PracticeChild, assessment: Assessment): DecisionRefusal | null => {
    const { principal } = viewer;
    if (!hasRole(principal, 'manager') || principal.teamId !== child.teamId) return 'not-manager';
    if (assessment.authorIds.includes(principal.id)) return 'author';
    if (assessment.state !== 'completed') return 'not-awaiting';
    return null;
  };

  /** The assessment a manager is deciding on, if they may; reading it is audited. */
  async function forDecision(viewer: Viewer, childId: string, assessmentId: string): Promise<DecisionPage> {
    const opened = await openChild(contracts, viewer, childId);
    if (!opened.ok) return opened;
    const assessment = isUuid(assessmentId) ? await assessmentOf(db, frameworks, opened.child.id, assessmentId.toLowerCase()) : null;
    if (!assessment) return { ok: false, reason: 'hidden' };
    const refusal = mayDecide(viewer, opened.child, assessment);
    if (refusal) return { ok: false, reason: refusal };
    await audit.record({
      actor: viewer.actor,
      action: 'assessments.viewed',
      subjectType: 'assessment',
      subjectId: assessment.id,
      organisationId: opened.child.organisationId,
      details: { childId: opened.child.id, for: 'decision' },
    });
    return { ok: true, child: opened.child, assessment };
  }

  async function decide(viewer: Viewer, childId: string, assessmentId: string, decision: Decision): Promise<DecideResult> {
    const page = await forDecision(viewer, childId, assessmentId);
    if (!page.ok) return page;
    const { child, assessment } = page;
    return db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('assessments')
        .select('state')
        .where('id', '=', assessment.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (locked.state !== 'completed') return { ok: false as const, reason: 'not-awaiting' as const };
      const change =
        decision.outcome === 'authorise'
          ? {
              state: 'authorised' as const,
              authorised_on: londonDay(new Date()),
              authorised_by_id: viewer.principal.id,
              authorised_by_label: viewer.actor.label,
            }
          : {
              state: 'in-progress' as const,
              completed_on: null,
              completed_at: null,
              returned_reason: decision.reason,
              returned_at: new Date(),
            };
      await trx
        .updateTable('assessments')
        .set({ ...change, updated_at: new Date() })
        .where('id', '=', assessment.id)
        .execute();
      await audit.record(
        {
          actor: viewer.actor,
          action: decision.outcome === 'authorise' ? 'assessments.authorised' : 'assessments.returned',
          subjectType: 'assessment',
          subjectId: assessment.id,
          organisationId: child.organisationId,
          details: { childId: child.id, ...(decision.outcome === 'return' ? { reason: decision.reason } : {}) },
        },
        trx,
      );
      return { ok: true as const };
    });
  }

  /**
   * The assessments waiting for this manager's decision: completed ones of their team's children that they did not
   * write, oldest first. Listing them is audited, as it names children.
   */
  async function awaiting(viewer: Viewer): Promise<Awaiting[]> {
    const { principal } = viewer;
    const records = contracts.practiceRecords();
    if (!records || !hasRole(principal, 'manager') || !principal.teamId) return [];
    const rows = await headers(db)
      .where('state', '=', 'completed')
      .where('team_id', '=', principal.teamId)
      .where('organisation_id', '=', principal.organisationId ?? '')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('assessment_authors as w')
              .select('w.user_id')
              .whereRef('w.assessment_id', '=', 'assessments.id')
              .where('w.user_id', '=', principal.id),
          ),
        ),
      )
      .orderBy('completed_at')
      .execute();
    if (rows.length === 0) return [];
    const held = new Map((await records.heldChildren(viewer)).children.map((c) => [c.id, c]));
    const shown = rows.flatMap((row) => {
      const child = held.get(row.childId);
      return child && child.teamId === principal.teamId
        ? [
            {
              id: row.id,
              child,
              startedOn: row.startedOn,
              completedOn: row.completedOn!,
              completedAt: row.completedAt!,
              author: row.author,
            },
          ]
        : [];
    });
    await audit.record({
      actor: viewer.actor,
      action: 'assessments.awaiting-listed',
      subjectType: 'team',
      subjectId: principal.teamId,
      organisationId: principal.organisationId,
      details: { assessments: shown.map((a) => a.id) },
    });
    return shown;
  }

  return { forDecision, decide, awaiting };
}

export type Decisions = ReturnType<typeof createDecisions>;
