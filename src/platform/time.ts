/**
 * Time as people in England and Wales read it: every date and time Hearth shows or reads is London time, GMT in
 * winter and BST in summer. Only Intl is used for the zone, because it carries the rules for the clock changes; no
 * module formats or parses a London time any other way.
 *
 * Three kinds of value meet here:
 * - an instant (`Date`), which is what the database stores;
 * - a day ("2026-12-04"), which is what a date field sends and what a review date or bank holiday is;
 * - a clock time ("09:30", 24-hour), which is what an opening hour or a time field is.
 */

export const LONDON_TIME_ZONE = 'Europe/London';

const clockParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function partsOf(instant: Date) {
  const parts = Object.fromEntries(clockParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far London's clocks are ahead of UTC at an instant, in milliseconds: 0 in winter, one hour in summer. */
function londonOffsetMs(instant: Date): number {
  const p = partsOf(instant);
  const asIfUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asIfUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The day, ISO weekday (1 is Monday) and minutes past midnight that a clock in London shows at an instant. */
export function londonClock(instant: Date): { date: string; isoWeekday: number; minutes: number } {
  const p = partsOf(instant);
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return { date, isoWeekday: isoWeekdayOf(date), minutes: p.hour * 60 + p.minute };
}

/** The day it is in London at an instant, as YYYY-MM-DD. */
export function londonDay(instant: Date): string {
  return londonClock(instant).date;
}

/** 1 is Monday, 7 is Sunday. */
export function isoWeekdayOf(day: string): number {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The day `days` after (or before, if negative) a day. */
export function addDays(day: string, days: number): string {
  return dayOfNumber(numberOfDay(day) + days);
}

/**
 * The same day `months` calendar months later (or earlier, if negative), held back to the last day of a shorter month:
 * 31 March less one month is 28 February (29 in a leap year), and 29 February 2024 plus twelve months is 28 February
 * 2025. Windows such as "within 12 months" are counted this way, as people count them, not as 365 days.
 */
export function addMonths(day: string, months: number): string {
  // Plain arithmetic rather than Date: the pattern rules call this for every event of a long chronology.
  const monthIndex = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const date = Math.min(Number(day.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(date)}`;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whole days from one day to another: 1 from a day to the next, negative if `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return numberOfDay(to) - numberOfDay(from);
}

// Days counted from 1 January 1970 by plain arithmetic on the civil calendar (H. Hinnant's days_from_civil and
// civil_from_days), not through Date: the pattern rules and the synthetic authority add days millions of times.
function numberOfDay(day: string): number {
  const month = Number(day.slice(5, 7));
  const year = Number(day.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + Number(day.slice(8, 10)) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function dayOfNumber(number: number): string {
  const shifted = number + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthShifted = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * monthShifted + 2) / 5) + 1;
  const month = monthShifted < 10 ? monthShifted + 3 : monthShifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(date)}`;
}

/** "09:30" → 570. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/**
 * The instant when clocks in London show `time` on `day`. The offset is guessed from the same wall-clock time read as
 * UTC, then checked once more at the answer, which settles the hours either side of a clock change.
 */
export function londonTime(day: string, time: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const asIfUtc = Date.UTC(year!, month! - 1, date!, 0, minutesOf(time));
  const first = asIfUtc - londonOffsetMs(new Date(asIfUtc));
  return new Date(asIfUtc - londonOffsetMs(new Date(first)));
}

/** The instant a day begins in London: midnight on its wall clock. */
export function startOfLondonDay(day: string): Date {
  return londonTime(day, '00:00');
}

/** A day typed as YYYY-MM-DD, if it is a real one ("2026-02-30" is not). */
export function parseDay(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : null;
}

/** A day and a 24-hour time as an editor typed them ("2026-11-23", "14:30"), or null if either is not real. */
export function parseLondonDateTime(day: string, time: string): Date | null {
  if (!parseDay(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return londonTime(day, time);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long' });
const dayOnlyFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});
const fullDateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

// GOV.UK style writes "2:30pm", with no space before am or pm.
const closeUpMeridiem = (text: string) => text.replace(' am', 'am').replace(' pm', 'pm');

/** "4 December 2026" */
export function formatDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** "4 December 2026" for a day held as YYYY-MM-DD, with no time zone to shift it. */
export function formatDay(day: string): string {
  return dayOnlyFormat.format(new Date(`${day}T00:00:00Z`));
}

/** "Tuesday 24 November" */
export function formatWeekday(instant: Date): string {
  return dayFormat.format(instant).replace(',', '');
}

/** "4 December 2026 at 2:30pm" */
export function formatDateTime(instant: Date): string {
  return closeUpMeridiem(dateTimeFormat.format(instant));
}

/** "Friday, 4 December 2026 at 2:30pm": for an event, where the weekday helps people plan. */
export function formatEventTime(instant: Date): string {
  return closeUpMeridiem(fullDateTimeFormat.format(instant));
}

/** A clock time in words, as the advice line's hours read: "9.30am", "3pm", "midday". */
export function formatClock(instant: Date): string {
  const { minutes } = londonClock(instant);
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  if (hour === 12 && minute === 0) return 'midday';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}${minute === 0 ? '' : `.${pad(minute)}`}${hour < 12 ? 'am' : 'pm'}`;
}
