import type { AlertRule, Finding } from './types.js';
import { day, dueBy } from './wording.js';

/**
 * An assessment not completed within 45 working days of the referral (Working Together to Safeguard Children 2023,
 * chapter 3; 42 working days in Wales, the Social Services and Well-being (Wales) Act 2014 Part 3 code of practice).
 * The clock starts at the referral that led to it: the last referral on or before the assessment began and after any
 * closure before then; with no such referral, the day the assessment began.
 */
export const assessmentOverdue: AlertRule = {
  id: 'assessment-overdue',
  needs: 'assessments',
  find(child, clock) {
    let worst: Finding | null = null;
    for (const assessment of child.assessments ?? []) {
      if (assessment.completedOn !== null || assessment.startedOn > clock.today) continue;
      const before = child.events.filter((e) => e.occurredOn <= assessment.startedOn);
      const closedOn = before.findLast((e) => e.kind === 'case-closed')?.occurredOn ?? '';
      const referral = before.findLast((e) => e.kind === 'referral' && e.occurredOn >= closedOn);
      const dueOn = clock.dueDayOf('assessment', referral?.occurredOn ?? assessment.startedOn);
      if (dueOn === null || (worst && worst.dueOn <= dueOn)) continue;
      const after = referral ? `, after the referral on ${day(referral.occurredOn)},` : '';
      worst = {
        dueOn,
        reason: (state) => `The assessment begun on ${day(assessment.startedOn)}${after} ${dueBy(state, dueOn)} and is not complete.`,
      };
    }
    return worst;
  },
};
