import type { PracticeChild, PracticeEvent } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { formatDay } from '../../../platform/time.js';
import { planDetail, plansOfChild, type PlanDetail, type PlanSummary } from '../queries.js';
import { compliancePointers, progressGrid, type GridRow, type PatternReview, type Pointer } from '../progress/pattern.js';
import { planProblems, type NewPlan } from '../rules.js';
import type { PlanType } from '../schema.js';
import { conflict, invalid, planName, type Changed, type PlanStore, type Refused } from '../store.js';

// What a plan starting says to the chronology's readers: a child protection plan is the most serious of the three.
const SIGNIFICANCE = { 'early-help': 'low', 'child-in-need': 'medium', 'child-protection': 'high' } as const;
const AGENCY = { 'early-help': 'Early help', 'child-in-need': 'Children’s social care', 'child-protection': 'Children’s social care' };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function planStartEvents(plan: NewPlan): PracticeEvent[] {
  const start: PracticeEvent = {
    kind: 'plan-start',
    occurredOn: plan.startedOn,
    agency: AGENCY[plan.type],
    significance: SIGNIFICANCE[plan.type],
    planType: plan.type,
    summary: `${capitalised(planName(plan.type))} started${plan.category ? ` under the category ${plan.category}` : ''}.`,
  };
  if (plan.type !== 'child-protection' || !plan.initialConferenceOn) return [start];
  const conference: PracticeEvent = {
    kind: 'child-protection-conference',
    occurredOn: plan.initialConferenceOn,
    agency: AGENCY[plan.type],
    significance: 'high',
    planType: null,
    summary: 'Initial child protection conference: the child was made the subject of a child protection plan.',
  };
  return [conference, start];
}

const endEvent = (type: PlanType, endedOn: string, reason: string): PracticeEvent => ({
  kind: 'plan-end',
  occurredOn: endedOn,
  agency: AGENCY[type],
  significance: 'medium',
  planType: type,
  summary: `${capitalised(planName(type))} ended: ${reason}`,
});

export interface CompliancePattern {
  grid: GridRow[];
  pointers: Pointer[];
}

/** The plan's actions by its reviews, and what the marks say together (progress/pattern.ts). */
export function patternOf(plan: PlanDetail): CompliancePattern {
  const reviews: PatternReview[] = plan.reviews.map((r) => ({
    id: r.id,
    heldOn: r.heldOn,
    marks: Object.fromEntries(r.progress.map((p) => [p.actionId, p.mark])),
  }));
  return { grid: progressGrid(plan.actions, reviews), pointers: compliancePointers(plan.actions, reviews) };
}

export type Read<T> = ({ ok: true; child: PracticeChild } & T) | Refused;

/** Starting, reading and ending plans. Each change writes its chronology event and audit entry in its transaction. */
export function createLifecycle(store: PlanStore) {
  const { db } = store;

  async function list(viewer: Viewer, childId: string): Promise<Read<{ plans: PlanSummary[] }>> {
    const opened = await store.openChild(viewer, childId);
    if (!opened.ok) return opened;
    const plans = await plansOfChild(db, opened.child.id);
    await store.audited(viewer, 'plans.list-viewed', opened.child, { plans: plans.length });
    return { ok: true, child: opened.child, plans };
  }

  /** The child, for a form about their plans: reading their name is a read of the record, so it is audited too. */
  async function openForForm(viewer: Viewer, childId: string): Promise<Read<object>> {
    const opened = await store.openChild(viewer, childId);
    if (!opened.ok) return opened;
    await store.audited(viewer, 'plans.form-opened', opened.child, {});
    return { ok: true, child: opened.child };
  }

  async function read(viewer: Viewer, childId: string, planId: string): Promise<Read<{ plan: PlanDetail; pattern: CompliancePattern }>> {
    const opened = await store.openChild(viewer, childId);
    if (!opened.ok) return opened;
    const row = await store.planOf(db, opened.child.id, planId);
    if (!row) return { ok: false, reason: 'hidden' };
    const plan = await planDetail(db, row);
    await store.audited(viewer, 'plans.plan-viewed', opened.child, { planId: row.id });
    return { ok: true, child: opened.child, plan, pattern: patternOf(plan) };
  }

  async function start(viewer: Viewer, childId: string, input: NewPlan): Promise<Changed<{ id: string }>> {
    const opened = await store.openChild(viewer, childId);
    if (!opened.ok) return opened;
    const { child } = opened;
    const problems = planProblems(input);
    if (problems.length > 0) return invalid(problems);
    return store.inTransaction(async (trx) => {
      const current = await trx
        .selectFrom('plans')
        .select('started_on')
        .where('child_id', '=', child.id)
        .where('type', '=', input.type)
        .where('ended_on', 'is', null)
        .executeTakeFirst();
      if (current) {
        return conflict(
          'type',
          `${child.givenName} has had a current ${planName(input.type)} since ${formatDay(current.started_on)}. End it before starting another`,
        );
      }
      const plan = await trx
        .insertInto('plans')
        .values({
          child_id: child.id,
          type: input.type,
          category: input.category,
          started_on: input.startedOn,
          initial_conference_on: input.initialConferenceOn,
          next_review_on: input.nextReviewOn,
          started_by: viewer.principal.id,
          started_by_label: viewer.actor.label,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const event of planStartEvents(input)) await store.chronicle(trx, viewer, child.id, event);
      await store.audited(viewer, 'plans.plan-started', child, { planId: plan.id, type: input.type, category: input.category }, trx);
      return { ok: true as const, id: plan.id };
    });
  }

  async function end(
    viewer: Viewer,
    childId: string,
    planId: string,
    input: { endedOn: string; reason: string },
  ): Promise<Changed<object>> {
    return store.changePlan(viewer, childId, planId, async (trx, plan, child) => {
      if (input.endedOn < plan.started_on) {
        return invalid([{ field: 'endedOn-day', text: `The end date must be on or after the start date, ${formatDay(plan.started_on)}` }]);
      }
      await trx
        .updateTable('plans')
        .set({ ended_on: input.endedOn, end_reason: input.reason, ended_by: viewer.principal.id, next_review_on: null })
        .where('id', '=', plan.id)
        .execute();
      await store.chronicle(trx, viewer, child.id, endEvent(plan.type, input.endedOn, input.reason));
      await store.audited(viewer, 'plans.plan-ended', child, { planId: plan.id, type: plan.type }, trx);
      return { ok: true as const };
    });
  }

  return { list, openForForm, read, start, end };
}
