import { type FlagEvent } from '../../chronology/event-kinds.js';
import { type PatternRule, byDateThenId } from '../history.js';
import { capitalise, datesOf, numberInWords, shortDate } from '../wording.js';

/**
 * A brother or sister is on a child protection plan today: the harm one child meets at home is rarely met by one child
 * alone. Raised on every other child of the family, whether or not that child is on a plan too.
 */
export const siblingOnPlan: PatternRule = {
  id: 'sibling-on-plan',
  find(child, family) {
    const siblingsOnPlans = family.children.filter((other) => other.childId !== child.childId && other.protectionPlanNow);
    if (siblingsOnPlans.length === 0) return null;
    // One plan-start may name several children; cite it once.
    const plans = new Map<string, FlagEvent>(siblingsOnPlans.map((other) => [other.protectionPlanNow!.id, other.protectionPlanNow!]));
    const starts = [...plans.values()].sort(byDateThenId);
    const explanation =
      siblingsOnPlans.length === 1
        ? `A sibling has been on a child protection plan since ${shortDate(starts[0]!.occurredOn)}.`
        : `${capitalise(numberInWords(siblingsOnPlans.length))} siblings are on child protection plans, since ${datesOf(starts)}.`;
    return { events: starts, explanation };
  },
};
