import { addDays, isoWeekdayOf } from '../time.js';
import type { BankHoliday } from './announced.js';

/**
 * The usual bank holidays of England and Wales in a year, by the rules (Banking and Financial Dealings Act 1971 and the
 * royal proclamations that follow it each year): New Year's Day, Good Friday, Easter Monday, the first and last Mondays
 * of May, the last Monday of August, Christmas Day and Boxing Day, with a substitute weekday when one falls at a
 * weekend. One-off days (a jubilee, a funeral) cannot be foreseen: they are added to the announced list when announced.
 */
export function bankHolidaysByRule(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const holidays: BankHoliday[] = [
    weekdayOrSubstitute(`${year}-01-01`, 'New Year’s Day', []),
    { date: addDays(easter, -2), title: 'Good Friday' },
    { date: addDays(easter, 1), title: 'Easter Monday' },
    { date: firstMonday(year, 5), title: 'Early May bank holiday' },
    { date: lastMonday(year, 5), title: 'Spring bank holiday' },
    { date: lastMonday(year, 8), title: 'Summer bank holiday' },
  ];
  const christmas = `${year}-12-25`;
  const boxingDay = `${year}-12-26`;
  // The day that is a weekday keeps its own date; a weekend one takes the first weekday after Boxing Day still free.
  const taken = [christmas, boxingDay].filter((day) => !isWeekend(day));
  const christmasHoliday = weekdayOrSubstitute(christmas, 'Christmas Day', taken);
  taken.push(christmasHoliday.date);
  const boxingHoliday = weekdayOrSubstitute(boxingDay, 'Boxing Day', taken);
  holidays.push(christmasHoliday, boxingHoliday);
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm of 1876, known as Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const isWeekend = (day: string) => isoWeekdayOf(day) >= 6;

function weekdayOrSubstitute(day: string, title: string, taken: readonly string[]): BankHoliday {
  if (!isWeekend(day)) return { date: day, title };
  let substitute = addDays(day, 1);
  while (isWeekend(substitute) || taken.includes(substitute)) substitute = addDays(substitute, 1);
  return { date: substitute, title: `${title} (substitute day)` };
}

function firstMonday(year: number, month: number): string {
  let day = `${year}-${String(month).padStart(2, '0')}-01`;
  while (isoWeekdayOf(day) !== 1) day = addDays(day, 1);
  return day;
}

function lastMonday(year: number, month: number): string {
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  let day = addDays(nextMonth, -1);
  while (isoWeekdayOf(day) !== 1) day = addDays(day, -1);
  return day;
}
