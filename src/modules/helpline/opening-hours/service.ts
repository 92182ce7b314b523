/**
 * When the advice line is open, worked out in London's local time. Opening hours are data (a weekly pattern, the bank
 * holidays of England and Wales, and the charity's own closures); everything here is a pure function of that data
 * and an instant, so it can be tested across every clock change and bank holiday.
 *
 * Only Intl is used for the time zone: it carries the rules for Europe/London (GMT in winter, BST in summer), so the
 * line opens at 9.30am on the wall clock on both sides of a clock change.
 */

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

const ZONE = 'Europe/London';
/** However long the charity closes for, a status never searches further ahead than this. */
const LOOK_AHEAD_DAYS = 120;

const clockParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
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

/** The date, weekday and minutes past midnight that a clock in London shows at an instant. */
export function londonClock(instant: Date): { date: string; isoWeekday: number; minutes: number } {
  const p = partsOf(instant);
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return { date, isoWeekday: isoWeekdayOf(date), minutes: p.hour * 60 + p.minute };
}

export function isoWeekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

export function minutesOf(time: ClockTime): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/**
 * The instant when clocks in London show `time` on `date`. The offset is guessed from the same wall-clock time read as
 * UTC, then checked once more at the answer, which settles the hours either side of a clock change.
 */
export function londonTime(date: string, time: ClockTime): Date {
  const [year, month, day] = date.split('-').map(Number);
  const asIfUtc = Date.UTC(year!, month! - 1, day!, 0, minutesOf(time));
  const first = asIfUtc - londonOffsetMs(new Date(asIfUtc));
  return new Date(asIfUtc - londonOffsetMs(new Date(first)));
}

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

/** The first `count` open days on or after `from`. */
export function openDaysFrom(calendar: LineCalendar, from: string, count: number): string[] {
  const days: string[] = [];
  for (let offset = 0; days.length < count && offset <= LOOK_AHEAD_DAYS; offset++) {
    const date = addDays(from, offset);
    if (isOpenDay(calendar, date)) days.push(date);
  }
  return days;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long' });

/** GOV.UK style: "9.30am", "3pm", "midday". */
export function formatClock(instant: Date): string {
  const { minutes } = londonClock(instant);
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  if (hour === 12 && minute === 0) return 'midday';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}${minute === 0 ? '' : `.${pad(minute)}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** "Tuesday 24 November" */
export function formatDay(instant: Date): string {
  return dayFormat.format(instant).replace(',', '');
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
        ? `tomorrow (${formatDay(status.opensAt)})`
        : `on ${formatDay(status.opensAt)}`;
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
