import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineCalendar, WeeklyHours } from './service.js';

/**
 * The advice line itself, as data. The number is fictional: Ofcom keeps 0808 157 0000 to 0808 157 0999 for drama, so
 * it can never ring a real person.
 */
export const LINE = {
  number: '0808 157 0123',
  /** For tel: links: the same number with no spaces. */
  dial: '08081570123',
  weekly: {
    1: { opens: '09:30', closes: '15:00' },
    2: { opens: '09:30', closes: '15:00' },
    3: { opens: '09:30', closes: '15:00' },
    4: { opens: '09:30', closes: '15:00' },
    5: { opens: '09:30', closes: '15:00' },
  } satisfies WeeklyHours as WeeklyHours,
  /** Callbacks are booked in slots of this length within the opening hours. */
  slotMinutes: 30,
  /** A slot is offered only if it starts at least this long after the request, so an adviser can prepare. */
  leadMinutes: 60,
  /** How many open days ahead a caller may choose from. */
  bookingDays: 5,
} as const;

export interface BankHoliday {
  date: string;
  title: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const BANK_HOLIDAYS_FILE = path.join(here, '..', 'data', 'bank-holidays-england-and-wales.json');

/** The bundled bank holidays of England and Wales. To update them, edit the file (see docs/advice-line.md). */
export function bundledBankHolidays(file = BANK_HOLIDAYS_FILE): BankHoliday[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { dates: BankHoliday[] };
  return parsed.dates;
}

/** The calendar the line keeps: its weekly pattern, less bank holidays and the charity's own closures. */
export function lineCalendar(bankHolidays: readonly BankHoliday[], closures: readonly BankHoliday[] = []): LineCalendar {
  const closedDays = new Map<string, string>();
  for (const day of [...bankHolidays, ...closures]) if (!closedDays.has(day.date)) closedDays.set(day.date, day.title);
  return { weekly: LINE.weekly, closedDays };
}

/**
 * What `hearth helpline bank-holidays` reports: mistakes in the bundled file (a date that is not real, a weekend, out of
 * order, twice), and whether it runs far enough ahead. Callbacks are booked days ahead and the status looks months ahead,
 * so a file that ends within a year needs the next year added.
 */
export function checkBankHolidays(holidays: readonly BankHoliday[], today: string): { problems: string[]; lastDate: string | null } {
  const problems: string[] = [];
  let previous = '';
  const seen = new Set<string>();
  for (const { date, title } of holidays) {
    const parsed = new Date(`${date}T12:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      problems.push(`"${date}" (${title}) is not a real date written as YYYY-MM-DD.`);
      continue;
    }
    if ([0, 6].includes(parsed.getUTCDay())) problems.push(`${date} (${title}) is a weekend: give the substitute weekday instead.`);
    if (seen.has(date)) problems.push(`${date} (${title}) is listed twice.`);
    else if (date < previous) problems.push(`${date} (${title}) is out of order: keep the dates in order.`);
    seen.add(date);
    previous = date > previous ? date : previous;
  }
  const lastDate = holidays.length > 0 ? previous : null;
  const yearAhead = new Date(`${today}T12:00:00Z`);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  if (!lastDate || lastDate < yearAhead.toISOString().slice(0, 10)) {
    problems.push(
      `The bank holidays end ${lastDate ? `on ${lastDate}` : 'before they begin'}: add the next year's from https://www.gov.uk/bank-holidays.json.`,
    );
  }
  return { problems, lastDate };
}
