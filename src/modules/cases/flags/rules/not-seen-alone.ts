import { addDays } from '../../../../platform/time.js';
import { type PatternRule } from '../history.js';
import { shortDate } from '../wording.js';

export const NOT_SEEN_ALONE = { days: 28 } as const;

/**
 * On a child protection plan today and not seen alone in the last 4 weeks (a seen-alone visit on any of the 28 days
 * before today, or today, is enough). Working Together asks that a child on a plan is seen, and seen alone; a visit
 * before the plan began still counts, because what matters is how long since the child last spoke for themselves.
 */
export const notSeenAlone: PatternRule = {
  id: 'not-seen-alone',
  find(child, family) {
    const plan = child.protectionPlanNow;
    if (!plan) return null;
    const lastSeenAlone = child.events.findLast((event) => event.kind === 'home-visit-seen-alone');
    if (lastSeenAlone && lastSeenAlone.occurredOn >= addDays(family.today, -NOT_SEEN_ALONE.days)) return null;
    const since = lastSeenAlone ? `last seen alone on ${shortDate(lastSeenAlone.occurredOn)}` : 'no visit records the child seen alone';
    return {
      events: lastSeenAlone ? [plan, lastSeenAlone] : [plan],
      explanation: `On a child protection plan since ${shortDate(plan.occurredOn)} and not seen alone in the last 4 weeks: ${since}.`,
    };
  },
};
