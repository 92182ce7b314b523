import type { FieldError } from '../../platform/validation.js';
import type { Category, Mark, PlanType } from './schema.js';

export interface NewPlan {
  type: PlanType;
  category: Category | null;
  startedOn: string;
  initialConferenceOn: string | null;
  nextReviewOn: string | null;
}

export interface ProgressInput {
  actionId: string;
  mark: Mark;
  evidence: string;
}

/**
 * A plan's rules between fields, for the pages and the API alike. Working Together 2023: a child protection plan is
 * made at an initial child protection conference, under a category of abuse; the other plans have neither.
 */
export function planProblems(plan: NewPlan): FieldError[] {
  const problems: FieldError[] = [];
  if (plan.type === 'child-protection') {
    if (!plan.category) problems.push({ field: 'category', text: 'Choose the category of abuse of the child protection plan' });
    if (!plan.initialConferenceOn) {
      problems.push({ field: 'initialConferenceOn-day', text: 'Enter the date of the initial child protection conference' });
    } else if (plan.initialConferenceOn > plan.startedOn) {
      problems.push({ field: 'initialConferenceOn-day', text: 'The initial conference must be on or before the start date' });
    }
  } else {
    if (plan.category) problems.push({ field: 'category', text: 'Leave the category empty: only a child protection plan has one' });
    if (plan.initialConferenceOn) {
      problems.push({ field: 'initialConferenceOn-day', text: 'Leave the initial conference empty: only a child protection plan has one' });
    }
  }
  if (plan.nextReviewOn && plan.nextReviewOn <= plan.startedOn) {
    problems.push({ field: 'nextReviewOn-day', text: 'The first review must be after the start date' });
  }
  return problems;
}

/** The field names of one action's progress on the review form (and in the API's errors). */
export const markName = (actionId: string) => `mark-${actionId}`;
export const evidenceName = (actionId: string) => `evidence-${actionId}`;

/**
 * Progress is recorded for every action of the plan at once, or not at all: a review that leaves an action out would
 * hide the very pattern it is for.
 */
export function progressProblems(actionIds: readonly string[], progress: readonly ProgressInput[]): FieldError[] {
  const problems: FieldError[] = [];
  const given = new Map(progress.map((p) => [p.actionId, p]));
  if (given.size !== progress.length) problems.push({ field: 'progress', text: 'Give each action’s progress once' });
  for (const id of actionIds) {
    if (!given.has(id)) problems.push({ field: markName(id), text: 'Choose whether the action was done, partly done or not done' });
  }
  if ([...given.keys()].some((id) => !actionIds.includes(id))) {
    problems.push({ field: 'progress', text: 'Give progress only for this plan’s actions' });
  }
  return problems;
}
