import { addDays } from '../../../../platform/time.js';
import type { AlertRule } from './types.js';
import { day, dueBy } from './wording.js';

export const SEEN_ALONE_WITHIN_DAYS = 28;

/**
 * A child on a child protection plan not seen alone for 28 days (Working Together 2023, chapter 3: the child is seen,
 * and seen alone, as the plan says and at least every 4 weeks in most local procedures). The 28 days run from the
 * later of the plan's start and the last visit that saw the child alone, so a new plan gives 28 days of its own.
 * Read from the chronology (plan-start and plan-end of type child-protection), like the chronology's own pattern.
 */
export const notSeenAlone: AlertRule = {
  id: 'not-seen-alone',
  needs: 'events',
  find(child, clock) {
    let planSince: string | null = null;
    let seenAloneOn: string | null = null;
    for (const event of child.events) {
      if (event.occurredOn > clock.today) break;
      if (event.kind === 'home-visit-seen-alone') seenAloneOn = event.occurredOn;
      if (event.planType !== 'child-protection') continue;
      if (event.kind === 'plan-start') planSince ??= event.occurredOn;
      if (event.kind === 'plan-end') planSince = null;
    }
    if (planSince === null) return null;
    const from = seenAloneOn !== null && seenAloneOn > planSince ? seenAloneOn : planSince;
    const dueOn = addDays(from, SEEN_ALONE_WITHIN_DAYS);
    const since = seenAloneOn ? `last seen alone on ${day(seenAloneOn)}` : `not seen alone since the plan began on ${day(planSince)}`;
    return { dueOn, reason: (state) => `On a child protection plan and ${since}: a visit seeing the child alone ${dueBy(state, dueOn)}.` };
  },
};
