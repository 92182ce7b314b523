import { type FamilyCircumstanceKind, isFamilyCircumstance } from '../../chronology/event-kinds.js';
import { type PatternRule } from '../history.js';
import { atLeast, latestWindow } from '../windows.js';
import { capitalise, datesInList, joinWithAnd, kindName, numberInWords } from '../wording.js';

export const SUPPORT_SUGGESTED = { count: 2, months: 6 } as const;

/** The help each circumstance points to, in the order they are offered. */
export const SUPPORT_FOR: Record<FamilyCircumstanceKind, string> = {
  'eviction-notice': 'housing',
  'benefit-sanction': 'welfare rights',
  debt: 'welfare rights',
  'loss-of-work': 'welfare rights',
  'food-bank-referral': 'food',
};

/**
 * Two or more family circumstances within 6 months suggest support, never concern. Poverty is not neglect: these events
 * are read by this rule alone, and no concern rule counts them (see CONCERN_KINDS).
 */
export const supportSuggested: PatternRule = {
  id: 'support-suggested',
  find(child) {
    const circumstances = child.events.filter((event) => isFamilyCircumstance(event.kind));
    const window = latestWindow(circumstances, SUPPORT_SUGGESTED.months, atLeast(SUPPORT_SUGGESTED.count));
    if (!window) return null;
    const dates = datesInList(window.map((event) => event.occurredOn));
    const what = window.map((event, i) => `${kindName(event.kind)} on ${dates[i]}`);
    const support = [...new Set(window.map((event) => SUPPORT_FOR[event.kind as FamilyCircumstanceKind]))];
    return {
      events: window,
      explanation: `${capitalise(numberInWords(window.length))} family circumstances within 6 months: ${joinWithAnd(what)}. Offer support with ${joinWithAnd(support)}.`,
    };
  },
};
