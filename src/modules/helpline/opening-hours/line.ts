import type { BankHoliday } from '../../../platform/calendar/announced.js';
import { BANK_HOLIDAYS } from '../../../platform/calendar/bank-holidays.js';
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

/**
 * The bank holidays the line closes on: the platform's calendar (src/platform/calendar), which the practice modules
 * count working days by too. England and Wales share one list, so England's serves a line in either.
 */
export const LINE_BANK_HOLIDAYS: readonly BankHoliday[] = BANK_HOLIDAYS.england;

/** The calendar the line keeps: its weekly pattern, less bank holidays and the charity's own closures. */
export function lineCalendar(bankHolidays: readonly BankHoliday[], closures: readonly BankHoliday[] = []): LineCalendar {
  const closedDays = new Map<string, string>();
  for (const day of [...bankHolidays, ...closures]) if (!closedDays.has(day.date)) closedDays.set(day.date, day.title);
  return { weekly: LINE.weekly, closedDays };
}
