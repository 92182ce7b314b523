import type { Db } from '../../platform/db/database.js';
import type { Category, Mark, OwnerKind, PlanType } from './schema.js';
import type { PlanRow } from './store.js';

export interface PlanSummary {
  id: string;
  childId: string;
  type: PlanType;
  category: Category | null;
  startedOn: string;
  initialConferenceOn: string | null;
  nextReviewOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  startedBy: string;
}

export interface PlanAction {
  id: string;
  action: string;
  ownerKind: OwnerKind;
  owner: string;
  dueOn: string;
}

export interface PlanReview {
  id: string;
  heldOn: string;
  nextReviewOn: string | null;
  recordedBy: string;
  progress: { actionId: string; mark: Mark; evidence: string }[];
}

export interface PlanDetail extends PlanSummary {
  outcomes: { id: string; outcome: string }[];
  actions: PlanAction[];
  coreGroups: { id: string; heldOn: string; note: string }[];
  /** Oldest first. */
  reviews: PlanReview[];
}

export const summaryOf = (row: PlanRow): PlanSummary => ({
  id: row.id,
  childId: row.child_id,
  type: row.type,
  category: row.category,
  startedOn: row.started_on,
  initialConferenceOn: row.initial_conference_on,
  nextReviewOn: row.next_review_on,
  endedOn: row.ended_on,
  endReason: row.end_reason,
  startedBy: row.started_by_label,
});

/** A child's plans, current ones first, then the newest. */
export async function plansOfChild(db: Db, childId: string): Promise<PlanSummary[]> {
  const rows = await db
    .selectFrom('plans')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy((eb) => eb('ended_on', 'is', null), 'desc')
    .orderBy('started_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(summaryOf);
}

/** Everything of one plan: five small queries, each by the plan's id. */
export async function planDetail(db: Db, plan: PlanRow): Promise<PlanDetail> {
  const [outcomes, actions, coreGroups, reviews, progress] = await Promise.all([
    db.selectFrom('plan_outcomes').select(['id', 'outcome']).where('plan_id', '=', plan.id).orderBy('added_at').orderBy('id').execute(),
    db
      .selectFrom('plan_actions')
      .select(['id', 'action', 'owner_kind as ownerKind', 'owner', 'due_on as dueOn'])
      .where('plan_id', '=', plan.id)
      .orderBy('added_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('plan_core_groups')
      .select(['id', 'held_on as heldOn', 'note'])
      .where('plan_id', '=', plan.id)
      .orderBy('held_on')
      .orderBy('recorded_at')
      .execute(),
    db
      .selectFrom('plan_reviews')
      .select(['id', 'held_on as heldOn', 'next_review_on as nextReviewOn', 'recorded_by_label as recordedBy'])
      .where('plan_id', '=', plan.id)
      .orderBy('held_on')
      .execute(),
    db
      .selectFrom('plan_progress as p')
      .innerJoin('plan_reviews as r', 'r.id', 'p.review_id')
      .select(['p.review_id as reviewId', 'p.action_id as actionId', 'p.mark', 'p.evidence'])
      .where('r.plan_id', '=', plan.id)
      .execute(),
  ]);
  return {
    ...summaryOf(plan),
    outcomes,
    actions,
    coreGroups,
    reviews: reviews.map((review) => ({
      ...review,
      progress: progress.filter((p) => p.reviewId === review.id).map(({ reviewId: _r, ...p }) => p),
    })),
  };
}
