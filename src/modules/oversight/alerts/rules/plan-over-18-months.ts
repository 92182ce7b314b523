import { addMonths } from '../../../../platform/time.js';
import type { AlertRule, Finding } from './types.js';
import { day, openOn, planName } from './wording.js';

export const PLAN_MONTHS = 18;

/**
 * A plan open for 18 months. Few child protection plans should need to last that long (Ofsted, In the child's time,
 * 2014: plans that drift leave children in neglect); the DfE's outcome measures count plans of 2 years or more. Any
 * type of plan, because a child in need or early help plan can drift as well.
 */
export const planOver18Months: AlertRule = {
  id: 'plan-over-18-months',
  needs: 'plans',
  find(child, clock) {
    let worst: Finding | null = null;
    for (const plan of child.plans ?? []) {
      if (!openOn(plan, clock.today)) continue;
      const dueOn = addMonths(plan.startedOn, PLAN_MONTHS);
      if (worst && worst.dueOn <= dueOn) continue;
      const what = `The ${planName(plan.type)} begun on ${day(plan.startedOn)}`;
      worst = {
        dueOn,
        reason: (state) =>
          state === 'missed'
            ? `${what} has been open for more than 18 months (since ${day(dueOn)}).`
            : `${what} reaches 18 months on ${day(dueOn)}.`,
      };
    }
    return worst;
  },
};
