import { type PatternRule } from '../history.js';
import { reopenings } from '../reopenings.js';
import { withinMonths } from '../windows.js';
import { capitalise, datesInList, numberInWords } from '../wording.js';

export const RE_REFERRAL = { months: 12 } as const;

/**
 * A referral within 12 months after the case closed: the DfE counts these as re-referrals, a sign that the help given
 * did not hold. Every such return is named, oldest first.
 */
export const reReferral: PatternRule = {
  id: 're-referral',
  find(child) {
    const returns = reopenings(child.events).filter(({ closed, referral }) =>
      withinMonths(closed.occurredOn, referral.occurredOn, RE_REFERRAL.months),
    );
    if (returns.length === 0) return null;
    const count = returns.length === 1 ? 'A referral' : `${capitalise(numberInWords(returns.length))} referrals`;
    const pairs = returns.map(({ closed, referral }) => {
      const [closedOn, referredOn] = datesInList([closed.occurredOn, referral.occurredOn]);
      return `closed ${closedOn} and referred again ${referredOn}`;
    });
    return {
      events: returns.flatMap(({ closed, referral }) => [closed, referral]),
      explanation: `${count} within 12 months of the case closing: ${pairs.join('; ')}.`,
    };
  },
};
