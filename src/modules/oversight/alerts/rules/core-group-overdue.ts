import type { AlertRule, Finding } from './types.js';
import { day, dueBy, openOn } from './wording.js';

/**
 * No core group meeting within 10 working days of the initial child protection conference (Working Together 2023,
 * chapter 3; the same in Wales), on a child protection plan that is still open.
 */
export const coreGroupOverdue: AlertRule = {
  id: 'core-group-overdue',
  needs: 'plans',
  find(child, clock) {
    let worst: Finding | null = null;
    for (const plan of child.plans ?? []) {
      const conferenceOn = plan.initialConferenceOn;
      if (plan.type !== 'child-protection' || conferenceOn === null || !openOn(plan, clock.today)) continue;
      if (plan.coreGroupsOn.some((met) => met >= conferenceOn && met <= clock.today)) continue;
      const dueOn = clock.dueDayOf('first-core-group', conferenceOn);
      if (dueOn === null || (worst && worst.dueOn <= dueOn)) continue;
      worst = {
        dueOn,
        reason: (state) =>
          `The first core group meeting after the initial conference on ${day(conferenceOn)} ${dueBy(state, dueOn)}` +
          (state === 'missed' ? ' and has not met.' : '.'),
      };
    }
    return worst;
  },
};
