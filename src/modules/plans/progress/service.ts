import type { PracticeEvent } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { formatDay } from '../../../platform/time.js';
import { progressProblems, type ProgressInput } from '../rules.js';
import { conflict, invalid, type Changed, type PlanStore } from '../store.js';

export interface NewReview {
  heldOn: string;
  nextReviewOn: string | null;
  progress: ProgressInput[];
}

const reviewConference = (heldOn: string): PracticeEvent => ({
  kind: 'child-protection-conference',
  occurredOn: heldOn,
  agency: 'Children’s social care',
  significance: 'high',
  planType: null,
  summary: 'Review child protection conference: the plan’s progress was reviewed, action by action.',
});

/**
 * Review conferences and the progress of every action at each. A review records every action's progress at once or
 * nothing, and never changes an earlier review's marks: the pattern across reviews is the point.
 */
export function createProgress(store: PlanStore) {
  async function recordReview(viewer: Viewer, childId: string, planId: string, input: NewReview): Promise<Changed<{ id: string }>> {
    return store.changePlan(viewer, childId, planId, async (trx, plan, child) => {
      const actions = await trx.selectFrom('plan_actions').select('id').where('plan_id', '=', plan.id).execute();
      if (actions.length === 0) return conflict('progress', 'Add the plan’s actions before recording a review of their progress');
      const latest = await trx
        .selectFrom('plan_reviews')
        .select('held_on')
        .where('plan_id', '=', plan.id)
        .orderBy('held_on', 'desc')
        .limit(1)
        .executeTakeFirst();
      const errors = progressProblems(
        actions.map((a) => a.id),
        input.progress,
      );
      const since = latest?.held_on ?? plan.started_on;
      if (latest ? input.heldOn <= since : input.heldOn < since) {
        const text = latest
          ? `The date of the review must be after the last review, on ${formatDay(since)}`
          : `The date of the review must be on or after the plan’s start, ${formatDay(since)}`;
        errors.unshift({ field: 'heldOn-day', text });
      }
      if (input.nextReviewOn && input.nextReviewOn <= input.heldOn) {
        errors.push({ field: 'nextReviewOn-day', text: 'The next review must be after this one' });
      }
      if (errors.length > 0) return invalid(errors);
      const review = await trx
        .insertInto('plan_reviews')
        .values({
          plan_id: plan.id,
          held_on: input.heldOn,
          next_review_on: input.nextReviewOn,
          recorded_by: viewer.principal.id,
          recorded_by_label: viewer.actor.label,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('plan_progress')
        .values(input.progress.map((p) => ({ review_id: review.id, action_id: p.actionId, mark: p.mark, evidence: p.evidence })))
        .execute();
      await trx.updateTable('plans').set({ next_review_on: input.nextReviewOn }).where('id', '=', plan.id).execute();
      // A child protection plan is reviewed at a review child protection conference, which the chronology shows.
      if (plan.type === 'child-protection') await store.chronicle(trx, viewer, child.id, reviewConference(input.heldOn));
      await store.audited(viewer, 'plans.review-recorded', child, { planId: plan.id, reviewId: review.id, actions: actions.length }, trx);
      return { ok: true as const, id: review.id };
    });
  }

  return { recordReview };
}
