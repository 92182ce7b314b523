/**
 * When the advice line is open, worked out in London's local time. Opening hours are data (a weekly pattern, the bank
 * holidays of England and Wales, and the charity's own closures); everything here is a pure function of that data
 * and an instant, so it can be tested across every clock change and bank holiday.
 *
 * London's clock comes from src/platform/time.ts, so the line opens at 9.30am on the wall clock on both sides of a
 * clock change.
 */

import { addDays, formatClock, formatWeekday, isoWeekdayOf, londonClock, londonTime } from '../../../platform/time.js';

/** "HH:MM" on the 24-hour clock, London time. */
export type ClockTime = string;

export interface DayHours {
  opens: ClockTime;
  closes: ClockTime;
}

/** Keyed by ISO weekday: 1 is Monday, 7 is Sunday. A missing day is closed. */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, DayHours>>;

export interface LineCalendar {
  weekly: WeeklyHours;
  /** Whole days the line is closed although the pattern says open ("YYYY-MM-DD" to the reason, such as "Good Friday"). */
  closedDays: ReadonlyMap<string, string>;
}

export type LineStatus = { open: true; closesAt: Date } | { open: false; opensAt: Date | null };

/** However long the charity closes for, a status never searches further ahead than this. */
const LOOK_AHEAD_DAYS = 120;

/** The hours the line keeps on a date, or null if it is closed all day. */
export function hoursOn(calendar: LineCalendar, date: string): DayHours | null {
  if (calendar.closedDays.has(date)) return null;
  return calendar.weekly[isoWeekdayOf(date) as 1] ?? null;
}

export function isOpenDay(calendar: LineCalendar, date: string): boolean {
  return hoursOn(calendar, date) !== null;
}

/** Open now and until when, or closed and when it next opens (null if not within the next four months). */
export function lineStatus(calendar: LineCalendar, now: Date): LineStatus {
  const today = londonClock(now).date;
  for (let offset = 0; offset <= LOOK_AHEAD_DAYS; offset++) {
    const date = addDays(today, offset);
    const hours = hoursOn(calendar, date);
    if (!hours) continue;
    const opensAt = londonTime(date, hours.opens);
    const closesAt = londonTime(date, hours.closes);
    if (now < opensAt) return { open: false, opensAt };
    if (now < closesAt) return { open: true, closesAt };
  }
  return { open: false, opensAt: null };
}

/** The sentence shown next to the number: "Open now until 3pm" or "Closed now. Opens at 9.30am on Monday 30 November". */
export function describeStatus(status: LineStatus, now: Date): string {
  if (status.open) return `Open now until ${formatClock(status.closesAt)}`;
  if (!status.opensAt) return 'Closed now';
  const today = londonClock(now).date;
  const opensOn = londonClock(status.opensAt).date;
  const when =
    opensOn === today
      ? 'today'
      : opensOn === addDays(today, 1)
        ? `tomorrow (${formatWeekday(status.opensAt)})`
        : `on ${formatWeekday(status.opensAt)}`;
  return `Closed now. Opens at ${formatClock(status.opensAt)} ${when}`;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Monday to Friday, 9.30am to 3pm" for a pattern whose open days keep the same hours; otherwise one line per day. */
export function describeWeeklyHours(weekly: WeeklyHours): string[] {
  const days = ([1, 2, 3, 4, 5, 6, 7] as const).filter((d) => weekly[d]);
  const clock = (time: ClockTime) => formatClock(londonTime('2026-01-05', time));
  const range = (hours: DayHours) => `${clock(hours.opens)} to ${clock(hours.closes)}`;
  const same = days.every((d) => range(weekly[d]!) === range(weekly[days[0]!]!));
  const consecutive = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  if (days.length > 1 && same && consecutive) {
    return [`${WEEKDAY_NAMES[days[0]! - 1]} to ${WEEKDAY_NAMES[days.at(-1)! - 1]}, ${range(weekly[days[0]!]!)}`];
  }
  return days.map((d) => `${WEEKDAY_NAMES[d - 1]}, ${range(weekly[d]!)}`);
}
