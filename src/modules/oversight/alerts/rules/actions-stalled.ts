import type { AlertRule, Finding } from './types.js';
import { day, openOn, planName, stateOn } from './wording.js';

/**
 * No action of the plan has moved across two reviews: the plan is written but nothing changes for the child (Ofsted,
 * In the child's time, 2014). Missed on the day of the second such review. Due soon when the last review moved
 * nothing and the next one is near, so that there is still time to move something.
 */
export const actionsStalled: AlertRule = {
  id: 'actions-stalled',
  needs: 'plans',
  find(child, clock) {
    let worst: Finding | null = null;
    for (const plan of child.plans ?? []) {
      if (!openOn(plan, clock.today)) continue;
      const held = plan.reviewsOn.filter((review) => review <= clock.today).length;
      const moved = plan.actionsMovedAtReviews.slice(0, held);
      const [before, last] = [moved.at(-2), moved.at(-1)];
      const lastOn = plan.reviewsOn[held - 1];
      if (last !== 0 || lastOn === undefined) continue;
      const name = planName(plan.type);
      let finding: Finding | null = null;
      if (before === 0) {
        const beforeOn = plan.reviewsOn[held - 2]!;
        finding = {
          dueOn: lastOn,
          state: 'missed',
          reason: () => `No action of the ${name} moved at the reviews on ${day(beforeOn)} and ${day(lastOn)}.`,
        };
      } else if (plan.nextReviewOn && stateOn(plan.nextReviewOn, clock) === 'due-soon') {
        const nextOn = plan.nextReviewOn;
        finding = {
          dueOn: nextOn,
          reason: () =>
            `No action of the ${name} moved at the review on ${day(lastOn)}; unless one moves by the review on ${day(nextOn)}, the plan has stalled.`,
        };
      }
      if (finding && (!worst || finding.dueOn < worst.dueOn)) worst = finding;
    }
    return worst;
  },
};
