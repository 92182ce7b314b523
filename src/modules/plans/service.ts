import type { Contracts } from '../../platform/modules.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import type { Services } from '../../platform/services.js';
import { londonDay } from '../../platform/time.js';
import { createContents } from './contents/service.js';
import { planFactsOf } from './facts.js';
import { createLifecycle } from './lifecycle/service.js';
import { createProgress } from './progress/service.js';
import { childrenFor, planQueues, reviewsDueOf } from './queue.js';
import { createPlanStore } from './store.js';

/** Every service of the plans module, built once per process. Children's records come through the contract alone. */
export function createPlans(platform: Services, contracts: Contracts) {
  const { db } = platform;
  const store = createPlanStore(platform, contracts);

  /** What a person did in plans, for subject access: when, and to which plan, without the children's names. */
  async function writtenBy(userId: string) {
    const [started, ended, reviews, coreGroups, actions, outcomes] = await Promise.all([
      db.selectFrom('plans').select(['type', 'started_on as startedOn']).where('started_by', '=', userId).execute(),
      db.selectFrom('plans').select(['type', 'ended_on as endedOn']).where('ended_by', '=', userId).execute(),
      db.selectFrom('plan_reviews').select(['held_on as heldOn', 'recorded_at as recordedAt']).where('recorded_by', '=', userId).execute(),
      db
        .selectFrom('plan_core_groups')
        .select(['held_on as heldOn', 'recorded_at as recordedAt'])
        .where('recorded_by', '=', userId)
        .execute(),
      db.selectFrom('plan_actions').select(['added_at as addedAt']).where('added_by', '=', userId).execute(),
      db.selectFrom('plan_outcomes').select(['added_at as addedAt']).where('added_by', '=', userId).execute(),
    ]);
    return {
      plansStarted: started,
      plansEnded: ended,
      reviewsRecorded: reviews,
      coreGroupsRecorded: coreGroups,
      actionsAdded: actions.length,
      outcomesAdded: outcomes.length,
    };
  }

  /**
   * Deleting an account keeps the plans it wrote, under the name they were written by: a child's plan must still say
   * who started it and who recorded each review. Only the links to the account go.
   */
  async function forgetAuthor(userId: string) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('plans').set({ started_by: null }).where('started_by', '=', userId).execute();
      await trx.updateTable('plans').set({ ended_by: null }).where('ended_by', '=', userId).execute();
      await trx.updateTable('plan_reviews').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
      await trx.updateTable('plan_core_groups').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
      await trx.updateTable('plan_actions').set({ added_by: null }).where('added_by', '=', userId).execute();
      await trx.updateTable('plan_outcomes').set({ added_by: null }).where('added_by', '=', userId).execute();
    });
  }

  /**
   * The reviews due within 10 days or overdue, for the person's own children (a manager's: the team's), with the
   * children's names: a read of their records, so it is audited.
   */
  async function reviewsDue(viewer: Viewer) {
    const served = store.records();
    const children = served ? await childrenFor(served, viewer.principal) : [];
    const due = await reviewsDueOf(
      db,
      children.map((c) => c.id),
      londonDay(new Date()),
    );
    await platform.audit.record({
      actor: viewer.actor,
      action: 'plans.reviews-due-viewed',
      organisationId: viewer.principal.organisationId,
      details: { plans: due.length },
    });
    const byId = new Map(children.map((c) => [c.id, c]));
    return due.map((plan) => ({ ...plan, child: byId.get(plan.childId)! }));
  }

  return {
    ...createLifecycle(store),
    reviewsDue,
    ...createContents(store),
    ...createProgress(store),
    records: store.records,
    facts: (childIds: readonly string[]) => planFactsOf(db, childIds),
    staffQueues: () => planQueues(db, contracts.practiceRecords),
    writtenBy,
    forgetAuthor,
  };
}

export type Plans = ReturnType<typeof createPlans>;
