import type { AlertRule, Finding } from './types.js';
import { day, dueBy } from './wording.js';

/**
 * An assessment not completed within 45 working days of the referral (Working Together to Safeguard Children 2023,
 * chapter 3; 42 working days in Wales, the Social Services and Well-being (Wales) Act 2014 Part 3 code of practice).
 * The clock starts at the referral that led to it: the last referral on or before the assessment began, after any
 * closure before then, and recent enough that the assessment began within its timescale; otherwise (a re-assessment
 * long after the referral, or none recorded) the day the assessment began. Without that bound a re-assessment would
 * be missed on the day it began, counted from a referral years before.
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
      const last = before.findLast((e) => e.kind === 'referral' && e.occurredOn >= closedOn);
      const referralDue = last ? clock.dueDayOf('assessment', last.occurredOn) : null;
      const referral = referralDue !== null && referralDue >= assessment.startedOn ? last : undefined;
      const dueOn = referral ? referralDue : clock.dueDayOf('assessment', assessment.startedOn);
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
