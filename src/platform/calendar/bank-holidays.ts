import { ANNOUNCED_ENGLAND_AND_WALES, ANNOUNCED_UNTIL, type BankHoliday } from './announced.js';
import type { Nation } from './nations.js';
import { bankHolidaysByRule } from './rules.js';

/** The days the bundled calendar knows: before the first or after the last, a count of working days is a guess. */
export const CALENDAR_FIRST_DAY = '2018-01-01';
export const CALENDAR_LAST_DAY = '2030-12-31';

const LAST_YEAR = Number(CALENDAR_LAST_DAY.slice(0, 4));

/** Announced days, then the usual ones by rule for the years GOV.UK has not announced yet. */
function bundled(): BankHoliday[] {
  const byRule: BankHoliday[] = [];
  for (let year = Number(ANNOUNCED_UNTIL.slice(0, 4)) + 1; year <= LAST_YEAR; year++) byRule.push(...bankHolidaysByRule(year));
  return [...ANNOUNCED_ENGLAND_AND_WALES, ...byRule];
}

/** Each nation's bank holidays, oldest first. England and Wales share one list today (see announced.ts). */
export const BANK_HOLIDAYS: Record<Nation, readonly BankHoliday[]> = {
  england: bundled(),
  wales: bundled(),
};
