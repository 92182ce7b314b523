import type { AlertRuleId, AlertState } from './rules/types.js';

/** Each rule's name, as pages, the digest and docs/oversight.md say it. */
export const RULE_NAMES: Record<AlertRuleId, string> = {
  'assessment-overdue': 'Assessment timescale',
  'conference-overdue': 'Initial conference timescale',
  'core-group-overdue': 'First core group timescale',
  'review-overdue': 'Review conference timescale',
  'not-seen-alone': 'Not seen alone',
  'plan-over-18-months': 'Plan over 18 months',
  'actions-stalled': 'Plan actions stalled',
  'repeat-plan-same-category': 'Repeat plan, same category',
};

export const STATE_NAMES: Record<AlertState, string> = { 'due-soon': 'Due soon', missed: 'Missed' };
