import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const PLAN_TYPES = ['early-help', 'child-in-need', 'child-protection'] as const;
/** The DfE census categories of abuse, which only a child protection plan has. */
export const CATEGORIES = ['NEG', 'PHY', 'EMO', 'SAB', 'MUL'] as const;
export const OWNER_KINDS = ['professional', 'family-member'] as const;
export const MARKS = ['done', 'partly', 'not-done'] as const;

export type PlanType = (typeof PLAN_TYPES)[number];
export type Category = (typeof CATEGORIES)[number];
export type OwnerKind = (typeof OWNER_KINDS)[number];
export type Mark = (typeof MARKS)[number];

/** An early help, child in need or child protection plan for one child. At most one current plan of a type per child. */
export interface PlansTable {
  id: Generated<string>;
  child_id: string;
  type: PlanType;
  category: Category | null;
  started_on: string;
  initial_conference_on: string | null;
  /** The next review conference booked (moved on by each review); null once the plan ends or none is booked. */
  next_review_on: string | null;
  ended_on: string | null;
  end_reason: string | null;
  started_by: string | null;
  /** Who started it, kept when their account is deleted: a plan must still say who made it. */
  started_by_label: string;
  ended_by: string | null;
  created_at: CreatedAt;
}

/** What should be different for the child, in words a parent understands. */
export interface PlanOutcomesTable {
  id: Generated<string>;
  plan_id: string;
  outcome: string;
  added_by: string | null;
  added_at: CreatedAt;
}

/** Something someone will do, by a day: a professional, or a member of the family. */
export interface PlanActionsTable {
  id: Generated<string>;
  plan_id: string;
  action: string;
  owner_kind: OwnerKind;
  /** The owner's name or role, such as "Mum (Jo)" or "Health visitor". */
  owner: string;
  due_on: string;
  added_by: string | null;
  added_at: CreatedAt;
}

export interface PlanCoreGroupsTable {
  id: Generated<string>;
  plan_id: string;
  held_on: string;
  note: string;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface PlanReviewsTable {
  id: Generated<string>;
  plan_id: string;
  held_on: string;
  next_review_on: string | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: CreatedAt;
}

/** One action's progress at one review, with what shows it. Never updated: the next review adds its own. */
export interface PlanProgressTable {
  review_id: string;
  action_id: string;
  mark: Mark;
  evidence: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    plans: PlansTable;
    plan_outcomes: PlanOutcomesTable;
    plan_actions: PlanActionsTable;
    plan_core_groups: PlanCoreGroupsTable;
    plan_reviews: PlanReviewsTable;
    plan_progress: PlanProgressTable;
  }
}
