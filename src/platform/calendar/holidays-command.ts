import { addMonths, londonDay } from '../time.js';
import { BANK_HOLIDAYS } from './bank-holidays.js';
import { NATION_NAMES, NATIONS } from './nations.js';

/** Below this, `npx hearth holidays` fails: a year's notice to add the next year's bank holidays. */
export const MONTHS_OF_NOTICE = 12;

/**
 * For each nation, the last bank holiday the bundled data holds and how many whole months ahead of today it is. Not
 * `ok` when any nation has fewer than MONTHS_OF_NOTICE left, so that a scheduled run fails in time.
 */
export function holidaysReport(today: string): { ok: boolean; lines: string[] } {
  let ok = true;
  const lines = NATIONS.map((nation) => {
    const last = BANK_HOLIDAYS[nation].at(-1)!;
    let months = 0;
    while (addMonths(today, months + 1) <= last.date) months++;
    if (months < MONTHS_OF_NOTICE) ok = false;
    const warning = months < MONTHS_OF_NOTICE ? ` (fewer than ${MONTHS_OF_NOTICE}: add the next years to src/platform/calendar)` : '';
    return `${NATION_NAMES[nation]}: the last bank holiday held is ${last.title}, ${last.date}; ${months} months ahead of ${today}${warning}.`;
  });
  return { ok, lines };
}

export async function reportHolidays(): Promise<number> {
  const { ok, lines } = holidaysReport(londonDay(new Date()));
  for (const line of lines) (ok ? console.log : console.error)(line);
  return ok ? 0 : 1;
}
