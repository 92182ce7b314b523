import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BANK_HOLIDAYS } from '../../../platform/calendar/bank-holidays.js';
import { lineCalendar, LINE, LINE_BANK_HOLIDAYS } from './line.js';
import { addDays, londonClock, londonTime } from '../../../platform/time.js';
import { describeStatus, describeWeeklyHours, isOpenDay, lineStatus, type LineCalendar } from './service.js';
import { bookableSlots, slotsOn } from '../callbacks/slots.js';

const HOLIDAYS = LINE_BANK_HOLIDAYS;
const CALENDAR = lineCalendar(HOLIDAYS);
const RULES = { slotMinutes: LINE.slotMinutes, leadMinutes: LINE.leadMinutes, bookingDays: LINE.bookingDays };

/** Any instant from 2025 to the end of 2028: every clock change and bank holiday of those years. */
const instants = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-20T00:00:00Z'), noInvalidDate: true });

/** The clock changes of those years, where a naive "add 24 hours" or a fixed offset goes wrong. */
const CLOCK_CHANGES = [
  '2025-03-30',
  '2025-10-26',
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2028-03-26',
  '2028-10-29',
] as const;
const nearClockChanges = fc
  .tuple(fc.constantFrom(...CLOCK_CHANGES), fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }))
  .map(([date, minutes]) => new Date(new Date(`${date}T01:00:00Z`).getTime() + minutes * 60_000));
const anyTime = fc.oneof(instants, nearClockChanges);

describe('the bank holidays the line closes on', () => {
  it('are the platform calendar’s, which England and Wales share', () => {
    assert.equal(HOLIDAYS, BANK_HOLIDAYS.england);
    assert.deepEqual(BANK_HOLIDAYS.wales, BANK_HOLIDAYS.england);
  });

  it('have the dates GOV.UK publishes for 2026, including the substitute Boxing Day', () => {
    const dates = HOLIDAYS.filter((h) => h.date.startsWith('2026-')).map((h) => h.date);
    assert.deepEqual(dates, [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
  });

  it('close the line on each of them, whatever the weekly hours say', () => {
    for (const holiday of HOLIDAYS.filter((h) => h.date >= '2025-01-01')) {
      assert.equal(isOpenDay(CALENDAR, holiday.date), false, `${holiday.date} ${holiday.title}`);
    }
  });
});

describe('London time', () => {
  it('puts 9.30am at 09:30 UTC in winter and 08:30 UTC in summer', () => {
    assert.equal(londonTime('2026-01-05', '09:30').toISOString(), '2026-01-05T09:30:00.000Z');
    assert.equal(londonTime('2026-07-06', '09:30').toISOString(), '2026-07-06T08:30:00.000Z');
    // The Monday after each clock change.
    assert.equal(londonTime('2026-03-30', '09:30').toISOString(), '2026-03-30T08:30:00.000Z');
    assert.equal(londonTime('2026-10-26', '09:30').toISOString(), '2026-10-26T09:30:00.000Z');
  });

  it('reads back every instant as the wall-clock time it was made from', () => {
    fc.assert(
      fc.property(anyTime, (instant) => {
        const clock = londonClock(instant);
        // Between 1am and 2am on the day the clocks go forward there is no such time, so only daytime is checked.
        fc.pre(clock.minutes >= 3 * 60);
        const time = `${String(Math.floor(clock.minutes / 60)).padStart(2, '0')}:${String(clock.minutes % 60).padStart(2, '0')}`;
        const rebuilt = londonTime(clock.date, time);
        assert.equal(rebuilt.getTime(), Math.floor(instant.getTime() / 60_000) * 60_000);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('open now, or opens next', () => {
  it('says the demo hours in words', () => {
    assert.deepEqual(describeWeeklyHours(LINE.weekly), ['Monday to Friday, 9.30am to 3pm']);
  });

  it('is open exactly when a London clock shows 9.30am to 3pm on a weekday that is not a bank holiday', () => {
    fc.assert(
      fc.property(anyTime, (now) => {
        const clock = londonClock(now);
        const expected = isOpenDay(CALENDAR, clock.date) && clock.minutes >= 9 * 60 + 30 && clock.minutes < 15 * 60;
        const status = lineStatus(CALENDAR, now);
        assert.equal(status.open, expected, `${now.toISOString()} (${clock.date}, minute ${clock.minutes})`);
        if (status.open) {
          assert.equal(londonClock(status.closesAt).date, clock.date);
          assert.equal(londonClock(status.closesAt).minutes, 15 * 60);
          assert.match(describeStatus(status, now), /^Open now until 3pm$/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('when closed, opens next at 9.30am London time on the next open day, with no open day skipped', () => {
    fc.assert(
      fc.property(anyTime, (now) => {
        const status = lineStatus(CALENDAR, now);
        fc.pre(!status.open);
        assert.ok(!status.open && status.opensAt);
        assert.ok(status.opensAt > now);
        const opens = londonClock(status.opensAt);
        assert.equal(opens.minutes, 9 * 60 + 30, `opens at 9.30am, not minute ${opens.minutes} (${status.opensAt.toISOString()})`);
        assert.ok(isOpenDay(CALENDAR, opens.date));
        const today = londonClock(now);
        // Every day between now and then is closed (today only if its opening time has passed).
        for (let date = addDays(today.date, 1); date < opens.date; date = addDays(date, 1)) {
          assert.equal(isOpenDay(CALENDAR, date), false, `${date} was skipped`);
        }
        if (opens.date !== today.date && isOpenDay(CALENDAR, today.date)) assert.ok(today.minutes >= 15 * 60);
        assert.match(describeStatus(status, now), /^Closed now\. Opens at 9\.30am (today|tomorrow \(.+\)|on .+)$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('on the Friday before Easter 2026 says the line opens on Tuesday 7 April', () => {
    const goodFriday = new Date('2026-04-03T10:00:00Z');
    const status = lineStatus(CALENDAR, goodFriday);
    assert.equal(describeStatus(status, goodFriday), 'Closed now. Opens at 9.30am on Tuesday 7 April');
    assert.equal(!status.open && status.opensAt?.toISOString(), '2026-04-07T08:30:00.000Z');
  });

  it('after Christmas 2026 skips the substitute Boxing Day', () => {
    const christmasEveEvening = new Date('2026-12-24T18:00:00Z');
    const status = lineStatus(CALENDAR, christmasEveEvening);
    assert.equal(!status.open && status.opensAt?.toISOString(), '2026-12-29T09:30:00.000Z');
  });

  it('keeps the charity’s own closures too', () => {
    const calendar: LineCalendar = lineCalendar(HOLIDAYS, [{ date: '2026-11-24', title: 'Staff training' }]);
    const mondayEvening = new Date('2026-11-23T18:00:00Z');
    const status = lineStatus(calendar, mondayEvening);
    assert.equal(describeStatus(status, mondayEvening), 'Closed now. Opens at 9.30am on Wednesday 25 November');
  });
});

describe('callback slots', () => {
  it('are half-hour slots within the opening hours of the next five open days, and none is in the past', () => {
    fc.assert(
      fc.property(anyTime, (now) => {
        const slots = bookableSlots(CALENDAR, now, RULES);
        const days = [...new Set(slots.map((s) => s.date))];
        assert.equal(days.length, 5);
        for (const slot of slots) {
          assert.ok(isOpenDay(CALENDAR, slot.date), `${slot.date} is open`);
          const start = londonClock(slot.startsAt);
          assert.equal(start.date, slot.date);
          assert.ok(start.minutes >= 9 * 60 + 30 && start.minutes <= 14 * 60 + 30, `starts at minute ${start.minutes}`);
          assert.equal(slot.endsAt.getTime() - slot.startsAt.getTime(), 30 * 60_000, 'lasts half an hour, even on a clock-change day');
          assert.ok(slot.startsAt.getTime() >= now.getTime() + 60 * 60_000, 'starts at least an hour ahead');
        }
        for (let i = 1; i < slots.length; i++) assert.ok(slots[i]!.startsAt > slots[i - 1]!.startsAt, 'in order');
        // No open day is skipped between the first and the last day offered.
        for (let date = days[0]!; date <= days.at(-1)!; date = addDays(date, 1)) {
          assert.equal(days.includes(date), isOpenDay(CALENDAR, date), `${date}`);
        }
        // Every day but perhaps today offers all 11 of its slots.
        for (const day of days.slice(1)) assert.equal(slots.filter((s) => s.date === day).length, 11);
      }),
      { numRuns: 1000 },
    );
  });

  it('over Easter 2026 offer Thursday, then Tuesday to Friday of the next week', () => {
    const slots = bookableSlots(CALENDAR, new Date('2026-04-01T16:00:00Z'), RULES);
    assert.deepEqual([...new Set(slots.map((s) => s.date))], ['2026-04-02', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10']);
  });

  it('on a day the clocks have changed still start at 9.30am on the wall clock', () => {
    const [first] = slotsOn(CALENDAR, '2026-03-30', 30);
    assert.equal(first?.startsAt.toISOString(), '2026-03-30T08:30:00.000Z');
    const [autumn] = slotsOn(CALENDAR, '2026-10-26', 30);
    assert.equal(autumn?.startsAt.toISOString(), '2026-10-26T09:30:00.000Z');
  });
});
