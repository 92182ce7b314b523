import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineCalendar, WeeklyHours } from './opening-hours.js';

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
export const BANK_HOLIDAYS_FILE = path.join(here, 'data', 'bank-holidays-england-and-wales.json');

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
