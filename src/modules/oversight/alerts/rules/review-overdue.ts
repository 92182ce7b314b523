import type { AlertRule, Finding } from './types.js';
import { day, dueBy, openOn } from './wording.js';

/**
 * A child protection review conference not held in time: the first within 3 months of the initial conference, then
 * at most 6 months after the one before (Working Together 2023, chapter 3; the same in Wales). A review booked for
 * later than that does not meet the timescale, so the booking is not what is counted.
 */
export const reviewOverdue: AlertRule = {
  id: 'review-overdue',
  needs: 'plans',
  find(child, clock) {
    let worst: Finding | null = null;
    for (const plan of child.plans ?? []) {
      if (plan.type !== 'child-protection' || !openOn(plan, clock.today)) continue;
      const lastReviewOn = plan.reviewsOn.findLast((held) => held <= clock.today) ?? null;
      const conferenceOn = plan.initialConferenceOn ?? plan.startedOn;
      const dueOn = lastReviewOn ? clock.dueDayOf('later-review', lastReviewOn) : clock.dueDayOf('first-review', conferenceOn);
      if (dueOn === null || (worst && worst.dueOn <= dueOn)) continue;
      const which = lastReviewOn
        ? `The next review conference after the review on ${day(lastReviewOn)}`
        : `The first review conference after the initial conference on ${day(conferenceOn)}`;
      worst = { dueOn, reason: (state) => `${which} ${dueBy(state, dueOn)}${state === 'missed' ? ' and has not been held.' : '.'}` };
    }
    return worst;
  },
};
