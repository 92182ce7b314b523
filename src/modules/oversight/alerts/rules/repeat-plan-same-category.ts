import type { AlertRule, Finding } from './types.js';
import { categoryName, day, openOn } from './wording.js';

/**
 * A child protection plan under the same category of abuse as an earlier plan of the same child: a repeat plan, which
 * the DfE counts in its CIN census outcomes and Ofsted reads as help that did not last (In the child's time, 2014). There
 * is nothing to wait for, so it is raised as missed from the day the repeat plan began.
 */
export const repeatPlanSameCategory: AlertRule = {
  id: 'repeat-plan-same-category',
  needs: 'plans',
  find(child, clock) {
    const protection = (child.plans ?? []).filter((plan) => plan.type === 'child-protection' && plan.category !== null);
    let worst: Finding | null = null;
    for (const plan of protection) {
      if (!openOn(plan, clock.today)) continue;
      const earlier = protection.findLast(
        (other) => other.planId !== plan.planId && other.category === plan.category && other.startedOn < plan.startedOn,
      );
      if (!earlier || (worst && worst.dueOn <= plan.startedOn)) continue;
      const category = categoryName(plan.category!);
      worst = {
        dueOn: plan.startedOn,
        state: 'missed',
        reason: () =>
          `A repeat child protection plan under ${category}, begun on ${day(plan.startedOn)}: an earlier plan under ${category} began on ${day(earlier.startedOn)}.`,
      };
    }
    return worst;
  },
};
