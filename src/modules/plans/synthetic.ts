import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { addDays, londonDay } from '../../platform/time.js';
import { CATEGORIES, MARKS, type Mark, type PlanType } from './schema.js';
import type {
  PlanActionsTable,
  PlanCoreGroupsTable,
  PlanOutcomesTable,
  PlanProgressTable,
  PlanReviewsTable,
  PlansTable,
} from './schema.js';

/** Any source of numbers in [0, 1): the cases generator's seeded one, so that the same seed gives the same plans. */
export interface RandomSource {
  next(): number;
}

const ROWS_PER_INSERT = 1_000;
const SYNTHETIC_LABEL = 'synthetic@example.org';

const OUTCOMES = [
  'Sam goes to school every day and on time.',
  'Sam has enough to eat every day and a warm, clean bed.',
  'Sam sees the dentist and the doctor when they should.',
  'Sam feels safe at home and can tell someone when they do not.',
];
const ACTIONS: readonly [string, 'professional' | 'family-member', string][] = [
  ['Take Sam to the dentist and keep the next check-up', 'family-member', 'Parent'],
  ['Walk Sam to school by 8.50am every day', 'family-member', 'Parent'],
  ['Help the family apply for the housing grant', 'professional', 'Social worker'],
  ['Visit at home every two weeks and see Sam on their own', 'professional', 'Social worker'],
  ['Arrange a health check for Sam', 'professional', 'Health visitor'],
  ['Go to the parenting group on Tuesdays', 'family-member', 'Parent'],
];

/**
 * Plainly synthetic plans, with outcomes, actions, core groups, reviews and progress, for some of these children: for
 * the benchmark of a 50,000-child authority. Plain inserts in batches; no chronology events (the cases generator
 * writes those of its own authority). Returns how many plans it wrote.
 */
export async function generateSyntheticPlans(db: Db, childIds: readonly string[], random: RandomSource): Promise<number> {
  const int = (min: number, max: number) => min + Math.floor(random.next() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random.next() * items.length)]!;
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random.next() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const today = londonDay(new Date());

  const rows = {
    plans: [] as Insertable<PlansTable>[],
    outcomes: [] as Insertable<PlanOutcomesTable>[],
    actions: [] as Insertable<PlanActionsTable>[],
    coreGroups: [] as Insertable<PlanCoreGroupsTable>[],
    reviews: [] as Insertable<PlanReviewsTable>[],
    progress: [] as Insertable<PlanProgressTable>[],
  };
  for (const childId of childIds) {
    // About one child in four has a plan, as in an authority's open caseload.
    if (random.next() >= 0.25) continue;
    const roll = random.next();
    const type: PlanType = roll < 0.4 ? 'early-help' : roll < 0.8 ? 'child-in-need' : 'child-protection';
    const age = int(20, 500);
    const startedOn = addDays(today, -age);
    const endedOn = random.next() < 0.3 ? addDays(startedOn, int(1, age)) : null;
    const lastDay = endedOn ?? today;
    const planId = uuid();
    // Working Together 2023: a first review within 3 months of the conference, then at most every 6 months.
    const reviewDays: string[] = [];
    for (let next = addDays(startedOn, 90); next <= lastDay; next = addDays(next, int(90, 180))) reviewDays.push(next);
    const nextReview = endedOn ? null : addDays(reviewDays.at(-1) ?? startedOn, reviewDays.length === 0 ? 90 : 180);
    rows.plans.push({
      id: planId,
      child_id: childId,
      type,
      category: type === 'child-protection' ? pick(CATEGORIES) : null,
      started_on: startedOn,
      initial_conference_on: type === 'child-protection' ? startedOn : null,
      next_review_on: nextReview,
      ended_on: endedOn,
      end_reason: endedOn ? 'Synthetic: the plan’s outcomes were met.' : null,
      started_by_label: SYNTHETIC_LABEL,
    });
    for (let i = int(1, 3); i > 0; i--) rows.outcomes.push({ plan_id: planId, outcome: pick(OUTCOMES) });
    const actionIds = Array.from({ length: int(2, 5) }, () => {
      const [action, ownerKind, owner] = pick(ACTIONS);
      const id = uuid();
      rows.actions.push({ id, plan_id: planId, action, owner_kind: ownerKind, owner, due_on: addDays(startedOn, int(14, 120)) });
      return id;
    });
    for (let day = addDays(startedOn, 10); day <= lastDay && type !== 'early-help'; day = addDays(day, int(28, 56))) {
      rows.coreGroups.push({ plan_id: planId, held_on: day, note: 'Synthetic core group meeting.' });
    }
    reviewDays.forEach((heldOn, i) => {
      const reviewId = uuid();
      rows.reviews.push({
        id: reviewId,
        plan_id: planId,
        held_on: heldOn,
        next_review_on: reviewDays[i + 1] ?? nextReview,
        recorded_by_label: SYNTHETIC_LABEL,
      });
      for (const actionId of actionIds) {
        const mark: Mark = pick(MARKS);
        rows.progress.push({ review_id: reviewId, action_id: actionId, mark, evidence: `Synthetic evidence: ${mark}.` });
      }
    });
  }
  await inBatches(rows.plans, (chunk) => db.insertInto('plans').values(chunk).execute());
  await inBatches(rows.outcomes, (chunk) => db.insertInto('plan_outcomes').values(chunk).execute());
  await inBatches(rows.actions, (chunk) => db.insertInto('plan_actions').values(chunk).execute());
  await inBatches(rows.coreGroups, (chunk) => db.insertInto('plan_core_groups').values(chunk).execute());
  await inBatches(rows.reviews, (chunk) => db.insertInto('plan_reviews').values(chunk).execute());
  await inBatches(rows.progress, (chunk) => db.insertInto('plan_progress').values(chunk).execute());
  return rows.plans.length;
}

async function inBatches<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}
