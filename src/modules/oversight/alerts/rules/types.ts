import type { AssessmentFact, PlanFact } from '../../../../platform/practice/drift-facts.js';
import type { PracticeEventFact } from '../../../../platform/practice/records.js';

/** The rule ids are contracts: the API returns them, the `?rule=` filter takes them, and people learn what each means. */
export const ALERT_RULES = [
  'assessment-overdue',
  'conference-overdue',
  'core-group-overdue',
  'review-overdue',
  'not-seen-alone',
  'plan-over-18-months',
  'actions-stalled',
  'repeat-plan-same-category',
] as const;

export type AlertRuleId = (typeof ALERT_RULES)[number];

export const isAlertRule = (value: string): value is AlertRuleId => (ALERT_RULES as readonly string[]).includes(value);

/** Raised before the day (`due-soon`), and again once the day has passed (`missed`). */
export const ALERT_STATES = ['due-soon', 'missed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface Alert {
  childId: string;
  rule: AlertRuleId;
  state: AlertState;
  /** The London day it falls or fell due, YYYY-MM-DD. */
  dueOn: string;
  /** A plain-English sentence that names no one, so that it may go in a digest email. */
  reason: string;
}

/** What the rules read about one child. Facts from a module that is switched off are null, and its rules do not run. */
export interface ChildFacts {
  childId: string;
  /** The chronology events the rules read (DRIFT_EVENT_KINDS), oldest first. */
  events: readonly PracticeEventFact[];
  assessments: readonly AssessmentFact[] | null;
  plans: readonly PlanFact[] | null;
}

/** Statutory milestones counted from a start day, in the child's nation's working days or in months. */
export type Milestone = 'assessment' | 'initial-conference' | 'first-core-group' | 'first-review' | 'later-review';

/**
 * Today and the calendar of the child's nation, as the rules count by them. Injected, so that the rules stay pure and
 * are tested on any day; null from a function means the day falls outside the calendar Hearth holds.
 */
export interface AlertClock {
  today: string;
  dueDayOf(milestone: Milestone, start: string): string | null;
  /** Working days after `from` up to and including `to`; negative when `to` comes first. */
  workingDaysBetween(from: string, to: string): number | null;
  /** How many working days before the due day an alert is raised as due soon (the module setting). */
  dueSoonDays: number;
}

/** What a rule found: the day it falls due and the reason for each state. `state` is set by rules that need no waiting. */
export interface Finding {
  dueOn: string;
  reason(state: AlertState): string;
  state?: AlertState;
}

export interface AlertRule {
  id: AlertRuleId;
  /** The facts the rule reads: a rule whose facts are missing (the module is off) is not run. */
  needs: 'events' | 'assessments' | 'plans';
  find(child: ChildFacts, clock: AlertClock): Finding | null;
}

/** The chronology event kinds the rules read (docs/practice.md lists them all). */
export const DRIFT_EVENT_KINDS = [
  'referral',
  'strategy-discussion',
  'child-protection-conference',
  'home-visit-seen-alone',
  'plan-start',
  'plan-end',
  'case-closed',
] as const;
