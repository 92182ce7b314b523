import { type PatternRule, isConcern, rank } from '../history.js';
import { withinMonths } from '../windows.js';
import { datesInList, joinWithAnd, kindName } from '../wording.js';

export const RISING_SIGNIFICANCE = { count: 3, months: 6 } as const;

/**
 * Concerns that grow more serious: three or more concerns in a row (of any kind), each at least as significant as the one
 * before, the first below high and the last high, all within 6 months of the last. "Low, medium, high" and "low, low,
 * high" rise; "high, high, high" does not (it is already high, and repeated-concern speaks to repetition); "low, high"
 * is too short to call a trend. The most recent such run is named.
 */
export const risingSignificance: PatternRule = {
  id: 'rising-significance',
  find(child) {
    const concerns = child.events.filter(isConcern);
    for (let end = concerns.length - 1; end >= RISING_SIGNIFICANCE.count - 1; end--) {
      const last = concerns[end]!;
      if (last.significance !== 'high') continue;
      let start = end;
      while (
        start > 0 &&
        rank(concerns[start - 1]!.significance) <= rank(concerns[start]!.significance) &&
        withinMonths(concerns[start - 1]!.occurredOn, last.occurredOn, RISING_SIGNIFICANCE.months)
      ) {
        start--;
      }
      const run = concerns.slice(start, end + 1);
      if (run.length < RISING_SIGNIFICANCE.count || run[0]!.significance === 'high') continue;
      const dates = datesInList(run.map((event) => event.occurredOn));
      const steps = run.map((event, i) => `${kindName(event.kind)} (${event.significance}) on ${dates[i]}`);
      return { events: run, explanation: `Concerns rising to high significance within 6 months: ${joinWithAnd(steps)}.` };
    }
    return null;
  },
};
