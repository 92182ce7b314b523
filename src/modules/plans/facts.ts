import type { Db } from '../../platform/db/database.js';
import type { PlanFact } from '../../platform/practice/drift-facts.js';
import { actionsMovedAtReviews, type PatternReview } from './progress/pattern.js';
import type { Mark } from './schema.js';

// Enough children per round of queries to keep each query's list of ids well inside PostgreSQL's limit of parameters.
const CHILDREN_PER_QUERY = 5_000;

/**
 * The plans of these children as oversight counts timescales and drift from them (platform/practice/drift-facts.ts),
 * ended plans too. Four queries per few thousand children, whatever the number of plans.
 */
export async function planFactsOf(db: Db, childIds: readonly string[]): Promise<PlanFact[]> {
  const facts: PlanFact[] = [];
  for (let i = 0; i < childIds.length; i += CHILDREN_PER_QUERY) {
    facts.push(...(await factsOfSome(db, childIds.slice(i, i + CHILDREN_PER_QUERY))));
  }
  return facts;
}

async function factsOfSome(db: Db, childIds: readonly string[]): Promise<PlanFact[]> {
  if (childIds.length === 0) return [];
  const plans = await db
    .selectFrom('plans')
    .select(['id', 'child_id', 'type', 'category', 'started_on', 'ended_on', 'initial_conference_on', 'next_review_on'])
    .where('child_id', 'in', childIds)
    .orderBy('child_id')
    .orderBy('started_on')
    .execute();
  if (plans.length === 0) return [];
  const planIds = plans.map((p) => p.id);
  const [coreGroups, reviews, progress] = await Promise.all([
    db.selectFrom('plan_core_groups').select(['plan_id', 'held_on']).where('plan_id', 'in', planIds).orderBy('held_on').execute(),
    db.selectFrom('plan_reviews').select(['id', 'plan_id', 'held_on']).where('plan_id', 'in', planIds).orderBy('held_on').execute(),
    db
      .selectFrom('plan_progress as p')
      .innerJoin('plan_reviews as r', 'r.id', 'p.review_id')
      .select(['p.review_id', 'p.action_id', 'p.mark'])
      .where('r.plan_id', 'in', planIds)
      .execute(),
  ]);
  const marksByReview = new Map<string, Record<string, Mark>>();
  for (const p of progress) {
    const marks = marksByReview.get(p.review_id) ?? {};
    marks[p.action_id] = p.mark;
    marksByReview.set(p.review_id, marks);
  }
  const byPlan = <T extends { plan_id: string }>(rows: T[]) => {
    const grouped = new Map<string, T[]>();
    for (const row of rows) grouped.set(row.plan_id, [...(grouped.get(row.plan_id) ?? []), row]);
    return grouped;
  };
  const coreGroupsOf = byPlan(coreGroups);
  const reviewsOf = byPlan(reviews);
  return plans.map((plan) => {
    const held = reviewsOf.get(plan.id) ?? [];
    const patternReviews: PatternReview[] = held.map((r) => ({ id: r.id, heldOn: r.held_on, marks: marksByReview.get(r.id) ?? {} }));
    return {
      childId: plan.child_id,
      planId: plan.id,
      type: plan.type,
      category: plan.category,
      startedOn: plan.started_on,
      endedOn: plan.ended_on,
      initialConferenceOn: plan.initial_conference_on,
      coreGroupsOn: (coreGroupsOf.get(plan.id) ?? []).map((c) => c.held_on),
      reviewsOn: held.map((r) => r.held_on),
      nextReviewOn: plan.ended_on ? null : plan.next_review_on,
      actionsMovedAtReviews: actionsMovedAtReviews(patternReviews),
    };
  });
}
