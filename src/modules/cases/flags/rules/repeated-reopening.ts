import { type PatternRule } from '../history.js';
import { reopenings } from '../reopenings.js';
import { datesInList, numberInWords } from '../wording.js';

export const REPEATED_REOPENING = { count: 3 } as const;

/**
 * Closed and referred again three or more times, however far apart: the revolving door that each single referral,
 * looked at alone, hides. No window, because the length of the history is the point.
 */
export const repeatedReopening: PatternRule = {
  id: 'repeated-reopening',
  find(child) {
    const returns = reopenings(child.events);
    if (returns.length < REPEATED_REOPENING.count) return null;
    const pairs = returns.map(({ closed, referral }) => {
      const [closedOn, referredOn] = datesInList([closed.occurredOn, referral.occurredOn]);
      return `closed ${closedOn} and referred again ${referredOn}`;
    });
    return {
      events: returns.flatMap(({ closed, referral }) => [closed, referral]),
      explanation: `Closed and referred again ${numberInWords(returns.length)} times: ${pairs.join('; ')}.`,
    };
  },
};
