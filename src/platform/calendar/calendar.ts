import { addDays, daysBetween, parseDay } from '../time.js';
import type { BankHoliday } from './announced.js';
import { BANK_HOLIDAYS, CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY } from './bank-holidays.js';
import type { Nation } from './nations.js';
import { isWeekend } from './rules.js';

/** Why a calendar could not answer: a day it holds no bank holidays for, or text that is not a real YYYY-MM-DD day. */
export type CalendarRefusal = { ok: false; reason: 'outside-calendar' | 'not-a-day' };

/**
 * Working days (Monday to Friday, bank holidays of the nation aside) between CALENDAR_FIRST_DAY and CALENDAR_LAST_DAY.
 *
 * Counting follows the statutory guidance's "within N working days of X": X itself is day 0 and is never counted, so
 * one working day after a referral on a Friday is the Monday. `addWorkingDays(day, 0)` is the day itself, whether or
 * not it is a working day; a negative `n` counts back to the n-th working day before the day.
 */
export interface WorkingCalendar {
  nation: Nation;
  firstDay: string;
  lastDay: string;
  bankHolidays: readonly BankHoliday[];
  isWorkingDay(day: string): { ok: true; working: boolean } | CalendarRefusal;
  addWorkingDays(day: string, n: number): { ok: true; date: string } | CalendarRefusal;
  /**
   * How many working days on from `from` `to` is: the working days after `from` up to and including `to`; when `to`
   * comes first, minus the working days after `to` up to and including `from`. So it adds up
   * (`between(a, b) + between(b, c) === between(a, c)`), and `workingDaysBetween(d, addWorkingDays(d, n)) === n` for
   * every n ≥ 0, and for a negative n when d is a working day.
   */
  workingDaysBetween(from: string, to: string): { ok: true; days: number } | CalendarRefusal;
}

const calendars = new Map<Nation, WorkingCalendar>();

/** The nation's working-day calendar, built once per process from the bundled bank holidays. */
export function calendarOf(nation: Nation): WorkingCalendar {
  let calendar = calendars.get(nation);
  if (!calendar) {
    calendar = buildCalendar(nation, BANK_HOLIDAYS[nation]);
    calendars.set(nation, calendar);
  }
  return calendar;
}

function buildCalendar(nation: Nation, bankHolidays: readonly BankHoliday[]): WorkingCalendar {
  const holidays = new Set(bankHolidays.map((h) => h.date));
  const length = daysBetween(CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY) + 1;
  // For every day: whether it is a working day, and how many working days there are up to and including it. Then each
  // answer is a lookup or two, however far apart the days are.
  const working = new Uint8Array(length);
  const countTo = new Int32Array(length);
  const workingDays: number[] = [];
  let count = 0;
  for (let i = 0, day = CALENDAR_FIRST_DAY; i < length; i++, day = addDays(day, 1)) {
    if (!isWeekend(day) && !holidays.has(day)) {
      working[i] = 1;
      workingDays.push(i);
      count++;
    }
    countTo[i] = count;
  }
  const countBefore = (i: number) => countTo[i]! - working[i]!;

  const indexOf = (text: string): number | CalendarRefusal => {
    const day = parseDay(text);
    if (!day) return { ok: false, reason: 'not-a-day' };
    const index = daysBetween(CALENDAR_FIRST_DAY, day);
    return index < 0 || index >= length ? { ok: false, reason: 'outside-calendar' } : index;
  };
  const outside: CalendarRefusal = { ok: false, reason: 'outside-calendar' };

  return {
    nation,
    firstDay: CALENDAR_FIRST_DAY,
    lastDay: CALENDAR_LAST_DAY,
    bankHolidays,
    isWorkingDay(day) {
      const i = indexOf(day);
      return typeof i === 'number' ? { ok: true, working: working[i] === 1 } : i;
    },
    addWorkingDays(day, n) {
      const i = indexOf(day);
      if (typeof i !== 'number') return i;
      if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, not ${n}`);
      if (n === 0) return { ok: true, date: day };
      // workingDays[k] is the (k+1)-th working day of the calendar.
      const k = n > 0 ? countTo[i]! + n - 1 : countBefore(i) + n;
      const target = workingDays[k];
      return k < 0 || target === undefined ? outside : { ok: true, date: addDays(CALENDAR_FIRST_DAY, target) };
    },
    workingDaysBetween(from, to) {
      const a = indexOf(from);
      if (typeof a !== 'number') return a;
      const b = indexOf(to);
      if (typeof b !== 'number') return b;
      return { ok: true, days: countTo[b]! - countTo[a]! };
    },
  };
}
