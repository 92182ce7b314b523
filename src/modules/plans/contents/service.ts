import type { Viewer } from '../../../platform/practice/viewer.js';
import { formatDay } from '../../../platform/time.js';
import type { OwnerKind } from '../schema.js';
import { invalid, type Changed, type PlanStore } from '../store.js';

export interface NewAction {
  action: string;
  ownerKind: OwnerKind;
  owner: string;
  dueOn: string;
}

/** What a plan is made of: outcomes for the child, actions with an owner and a due date, and its core group meetings. */
export function createContents(store: PlanStore) {
  async function addOutcome(viewer: Viewer, childId: string, planId: string, outcome: string): Promise<Changed<{ id: string }>> {
    return store.changePlan(viewer, childId, planId, async (trx, plan, child) => {
      const added = await trx
        .insertInto('plan_outcomes')
        .values({ plan_id: plan.id, outcome, added_by: viewer.principal.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await store.audited(viewer, 'plans.outcome-added', child, { planId: plan.id, outcomeId: added.id }, trx);
      return { ok: true as const, id: added.id };
    });
  }

  async function addAction(viewer: Viewer, childId: string, planId: string, input: NewAction): Promise<Changed<{ id: string }>> {
    return store.changePlan(viewer, childId, planId, async (trx, plan, child) => {
      if (input.dueOn < plan.started_on) {
        return invalid([
          { field: 'dueOn-day', text: `The date it is due must be on or after the plan’s start, ${formatDay(plan.started_on)}` },
        ]);
      }
      const added = await trx
        .insertInto('plan_actions')
        .values({
          plan_id: plan.id,
          action: input.action,
          owner_kind: input.ownerKind,
          owner: input.owner,
          due_on: input.dueOn,
          added_by: viewer.principal.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await store.audited(viewer, 'plans.action-added', child, { planId: plan.id, actionId: added.id, ownerKind: input.ownerKind }, trx);
      return { ok: true as const, id: added.id };
    });
  }

  /** Working Together 2023: a core group meets within 10 working days of the initial conference, then regularly. */
  async function recordCoreGroup(
    viewer: Viewer,
    childId: string,
    planId: string,
    input: { heldOn: string; note: string },
  ): Promise<Changed<{ id: string }>> {
    return store.changePlan(viewer, childId, planId, async (trx, plan, child) => {
      if (input.heldOn < plan.started_on) {
        return invalid([
          { field: 'heldOn-day', text: `The date of the meeting must be on or after the plan’s start, ${formatDay(plan.started_on)}` },
        ]);
      }
      const added = await trx
        .insertInto('plan_core_groups')
        .values({ plan_id: plan.id, held_on: input.heldOn, note: input.note, recorded_by: viewer.principal.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await store.audited(viewer, 'plans.core-group-recorded', child, { planId: plan.id, coreGroupId: added.id }, trx);
      return { ok: true as const, id: added.id };
    });
  }

  return { addOutcome, addAction, recordCoreGroup };
}
