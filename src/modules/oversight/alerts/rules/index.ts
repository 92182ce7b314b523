import { actionsStalled } from './actions-stalled.js';
import { assessmentOverdue } from './assessment-overdue.js';
import { conferenceOverdue } from './conference-overdue.js';
import { coreGroupOverdue } from './core-group-overdue.js';
import { notSeenAlone } from './not-seen-alone.js';
import { planOver18Months } from './plan-over-18-months.js';
import { repeatPlanSameCategory } from './repeat-plan-same-category.js';
import { reviewOverdue } from './review-overdue.js';
import type { Alert, AlertClock, AlertRule, ChildFacts } from './types.js';
import { stateOn } from './wording.js';

export const RULES: readonly AlertRule[] = [
  assessmentOverdue,
  conferenceOverdue,
  coreGroupOverdue,
  reviewOverdue,
  notSeenAlone,
  planOver18Months,
  actionsStalled,
  repeatPlanSameCategory,
];

/** Every alert one child has today: at most one per rule, the most overdue when a rule finds more than one thing. */
export function alertsOf(child: ChildFacts, clock: AlertClock, rules: readonly AlertRule[] = RULES): Alert[] {
  const alerts: Alert[] = [];
  for (const rule of rules) {
    if ((rule.needs === 'assessments' && child.assessments === null) || (rule.needs === 'plans' && child.plans === null)) continue;
    const found = rule.find(child, clock);
    const state = found && (found.state ?? stateOn(found.dueOn, clock));
    if (found && state) alerts.push({ childId: child.childId, rule: rule.id, state, dueOn: found.dueOn, reason: found.reason(state) });
  }
  return alerts;
}
