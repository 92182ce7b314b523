import type { Services } from '../../platform/services.js';
import { createAdviserWork } from './advisers/service.js';
import { createCallbacks } from './callbacks/service.js';
import { createClosures } from './advisers/closures.js';
import type { BankHoliday } from '../../platform/calendar/announced.js';
import { lineCalendar, LINE, LINE_BANK_HOLIDAYS } from './opening-hours/line.js';
import { addDays, londonClock } from '../../platform/time.js';
import { describeStatus, describeWeeklyHours, lineStatus, type LineCalendar } from './opening-hours/service.js';
import { purgeExpiredCallbacks } from './callbacks/retention.js';
import type { HelplineSettings } from './settings.js';

/** What any page needs to show the number: other modules call `app.helpline.status()` and include `helpline/_status.njk`. */
export interface LineStatusView {
  number: string;
  dial: string;
  open: boolean;
  /** "Open now until 3pm", or "Closed now. Opens at 9.30am on Monday 30 November". */
  statusText: string;
  hours: string[];
  /** When it next closes (while open) or next opens (while closed), as an ISO instant; null if not in sight. */
  changesAt: string | null;
}

/** The advice line, built once per process from the platform's services and the line's settings. */
export function createHelpline(
  services: Pick<Services, 'db' | 'audit' | 'mailer' | 'config'>,
  settings: HelplineSettings,
  bankHolidays: readonly BankHoliday[] = LINE_BANK_HOLIDAYS,
) {
  const { db, audit, mailer, config } = services;
  const closures = createClosures({ db, audit });
  const callbacks = createCallbacks({ db, audit, mailer, capacity: settings.slotCapacity, baseUrl: config.baseUrl });
  const work = createAdviserWork({ db, audit });

  /** The calendar as it stands: the bank holidays plus the closures staff have added (from a week ago on). */
  async function calendar(now = new Date()): Promise<LineCalendar> {
    const closed = await closures.list(addDays(londonClock(now).date, -7));
    return lineCalendar(
      bankHolidays,
      closed.map((c) => ({ date: c.date, title: c.reason })),
    );
  }

  async function status(now = new Date()): Promise<LineStatusView> {
    const state = lineStatus(await calendar(now), now);
    return {
      number: LINE.number,
      dial: LINE.dial,
      open: state.open,
      statusText: describeStatus(state, now),
      hours: describeWeeklyHours(LINE.weekly),
      changesAt: (state.open ? state.closesAt : state.opensAt)?.toISOString() ?? null,
    };
  }

  return {
    settings,
    calendar,
    status,
    bankHolidays: () => bankHolidays,
    closures,
    freeSlots: async (now = new Date()) => callbacks.freeSlots(await calendar(now), now),
    requestCallback: async (input: Parameters<typeof callbacks.requestCallback>[1], now = new Date()) =>
      callbacks.requestCallback(await calendar(now), input, now),
    ...work,
    purgeExpired: (now = new Date()) => purgeExpiredCallbacks({ db, audit, mailer }, settings.retentionMonths, now),
  };
}

export type Helpline = ReturnType<typeof createHelpline>;
