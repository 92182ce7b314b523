import { type EventKind, type FlagEvent } from '../chronology/event-kinds.js';

/**
 * The words of every flag, in one place, so that they read alike: short dates ("4 Feb 2026"), the year said once for a
 * run of dates in the same year ("4 Feb, 11 Jun and 2 Nov 2026"), lists joined with "and", small numbers in words.
 */

// Our own month names rather than Intl's: its en-GB short September is "Sept", which no one writes in a chronology.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-02-04" → "4 Feb 2026". */
export function shortDate(day: string, withYear = true): string {
  const [year, month, date] = day.split('-');
  return `${Number(date)} ${MONTHS[Number(month) - 1]}${withYear ? ` ${year}` : ''}`;
}

/** Each date as it reads in a list: its year only where the next date is in another year, or at the end. */
export function datesInList(days: readonly string[]): string[] {
  return days.map((day, i) => shortDate(day, i === days.length - 1 || days[i + 1]!.slice(0, 4) !== day.slice(0, 4)));
}

/** ["a", "b", "c"] → "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "4 Feb, 11 Jun and 2 Nov 2026" for the days of some events. */
export function datesOf(events: readonly FlagEvent[]): string {
  return joinWithAnd(datesInList(events.map((event) => event.occurredOn)));
}

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** 3 → "three", 14 → "14". */
export const numberInWords = (n: number): string => NUMBERS[n] ?? String(n);

/** 2 → "second", 14 → "14th". */
export function ordinal(n: number): string {
  if (ORDINALS[n]) return ORDINALS[n];
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const KIND_NAMES: Record<EventKind, [one: string, many: string]> = {
  referral: ['referral', 'referrals'],
  'police-domestic-abuse-notification': ['police notification of domestic abuse', 'police notifications of domestic abuse'],
  'missed-health-appointment': ['missed health appointment', 'missed health appointments'],
  'school-attendance-concern': ['school attendance concern', 'school attendance concerns'],
  'emergency-department-attendance': ['emergency department attendance', 'emergency department attendances'],
  'home-visit-seen': ['home visit, child seen', 'home visits, child seen'],
  'home-visit-seen-alone': ['home visit, child seen alone', 'home visits, child seen alone'],
  'home-visit-not-seen': ['home visit where the child was not seen', 'home visits where the child was not seen'],
  'home-visit-no-access': ['home visit with no access', 'home visits with no access'],
  'strategy-discussion': ['strategy discussion', 'strategy discussions'],
  'child-protection-conference': ['child protection conference', 'child protection conferences'],
  'plan-start': ['plan started', 'plans started'],
  'plan-end': ['plan ended', 'plans ended'],
  'case-closed': ['case closed', 'cases closed'],
  'household-change': ['change in the household', 'changes in the household'],
  'eviction-notice': ['an eviction notice', 'eviction notices'],
  'benefit-sanction': ['a benefit sanction', 'benefit sanctions'],
  debt: ['debt', 'debts'],
  'loss-of-work': ['loss of work', 'losses of work'],
  'food-bank-referral': ['a food bank referral', 'food bank referrals'],
};

/** "missed health appointment" or, for any number but one, "missed health appointments". */
export const kindName = (kind: EventKind, count = 1): string => KIND_NAMES[kind][count === 1 ? 0 : 1];
