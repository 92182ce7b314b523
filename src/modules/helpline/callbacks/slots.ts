import { addDays, londonClock, londonTime, minutesOf } from '../../../platform/time.js';
import { hoursOn, type LineCalendar } from '../opening-hours/service.js';

export interface SlotRules {
  slotMinutes: number;
  leadMinutes: number;
  bookingDays: number;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  /** The London date the slot falls on, "YYYY-MM-DD". */
  date: string;
}

/** However long the charity closes for, slots are never looked for further ahead than this. */
const LOOK_AHEAD_DAYS = 60;

/** Every slot of an open day, from opening until the last one that ends by closing time. */
export function slotsOn(calendar: LineCalendar, date: string, slotMinutes: number): Slot[] {
  const hours = hoursOn(calendar, date);
  if (!hours) return [];
  const slots: Slot[] = [];
  for (let start = minutesOf(hours.opens); start + slotMinutes <= minutesOf(hours.closes); start += slotMinutes) {
    const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    slots.push({ date, startsAt: londonTime(date, clock(start)), endsAt: londonTime(date, clock(start + slotMinutes)) });
  }
  return slots;
}

/**
 * The slots a caller may choose from: those of the next `bookingDays` open days that still have a slot starting far
 * enough ahead. Today counts only while it has such a slot, so a request after lunch still sees five days to choose from.
 */
export function bookableSlots(calendar: LineCalendar, now: Date, rules: SlotRules): Slot[] {
  const earliest = new Date(now.getTime() + rules.leadMinutes * 60_000);
  const today = londonClock(now).date;
  const slots: Slot[] = [];
  let days = 0;
  for (let offset = 0; days < rules.bookingDays && offset <= LOOK_AHEAD_DAYS; offset++) {
    const upcoming = slotsOn(calendar, addDays(today, offset), rules.slotMinutes).filter((slot) => slot.startsAt >= earliest);
    if (upcoming.length === 0) continue;
    slots.push(...upcoming);
    days += 1;
  }
  return slots;
}
