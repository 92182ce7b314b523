import { calendarOf } from '../../../platform/calendar/calendar.js';
import type { Nation } from '../../../platform/calendar/nations.js';
import { dueDayOf } from '../timescales.js';
import type { AlertClock } from './rules/types.js';

/** The alert rules' clock for a nation: oversight's timescales and working-day calendar, with today and the setting. */
export function alertClock(nation: Nation, today: string, dueSoonDays: number): AlertClock {
  const calendar = calendarOf(nation);
  return {
    today,
    dueSoonDays,
    dueDayOf(milestone, start) {
      const due = dueDayOf(nation, milestone, start);
      return due.ok ? due.date : null;
    },
    workingDaysBetween(from, to) {
      const between = calendar.workingDaysBetween(from, to);
      return between.ok ? between.days : null;
    },
  };
}
