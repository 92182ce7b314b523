import { type PatternRule, isProtectionPlan } from '../history.js';
import { datesOf, ordinal } from '../wording.js';

/** A second or later child protection plan: the first plan's ending did not keep the child safe. */
export const repeatProtectionPlan: PatternRule = {
  id: 'repeat-protection-plan',
  find(child) {
    const starts = child.events.filter((event) => isProtectionPlan(event, 'plan-start'));
    if (starts.length < 2) return null;
    return { events: starts, explanation: `A ${ordinal(starts.length)} child protection plan: plans began ${datesOf(starts)}.` };
  },
};
