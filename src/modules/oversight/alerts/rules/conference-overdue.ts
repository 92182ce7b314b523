import type { AlertRule } from './types.js';
import { day, dueBy } from './wording.js';

/**
 * An initial child protection conference not held within 15 working days of the strategy discussion that began the
 * section 47 enquiries (Working Together 2023, chapter 3; the same in the Wales Safeguarding Procedures). The clock
 * starts at the first strategy discussion since the last conference, child protection plan or closure, and stops
 * when a conference is held, a child protection plan starts, or the case is closed.
 */
export const conferenceOverdue: AlertRule = {
  id: 'conference-overdue',
  needs: 'events',
  find(child, clock) {
    let discussedOn: string | null = null;
    for (const event of child.events) {
      if (event.occurredOn > clock.today) break;
      if (event.kind === 'strategy-discussion') discussedOn ??= event.occurredOn;
      const stops =
        event.kind === 'child-protection-conference' ||
        event.kind === 'case-closed' ||
        (event.kind === 'plan-start' && event.planType === 'child-protection');
      if (stops) discussedOn = null;
    }
    if (discussedOn === null) return null;
    const dueOn = clock.dueDayOf('initial-conference', discussedOn);
    if (dueOn === null) return null;
    return {
      dueOn,
      reason: (state) =>
        `The initial child protection conference after the strategy discussion on ${day(discussedOn)} ${dueBy(state, dueOn)}` +
        (state === 'missed' ? ' and has not been held.' : '.'),
    };
  },
};
