import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, daysBetween, isoWeekdayOf } from '../time.js';
import { ANNOUNCED_ENGLAND_AND_WALES, ANNOUNCED_UNTIL, ONE_OFF_CHANGES } from './announced.js';
import { BANK_HOLIDAYS, CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY } from './bank-holidays.js';
import { calendarOf } from './calendar.js';
import { NATIONS } from './nations.js';
import { bankHolidaysByRule, easterSunday } from './rules.js';

const SPAN = daysBetween(CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY);
const aDay = fc.integer({ min: 0, max: SPAN }).map((i) => addDays(CALENDAR_FIRST_DAY, i));
const aNation = fc.constantFrom(...NATIONS);
const aCount = fc.integer({ min: -400, max: 400 });

const date = (answer: { ok: true; date: string } | { ok: false; reason: string }) => {
  assert.ok(answer.ok, `expected a date, got ${JSON.stringify(answer)}`);
  return answer.date;
};

describe('calendar: the bank holidays bundled', () => {
  it('are the rules’ days, year by year, but for the one-off changes listed', () => {
    for (let year = 2018; year <= Number(ANNOUNCED_UNTIL.slice(0, 4)); year++) {
      const announced = ANNOUNCED_ENGLAND_AND_WALES.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);
      const byRule = new Set(bankHolidaysByRule(year).map((h) => h.date));
      for (const change of ONE_OFF_CHANGES.filter((c) => c.date.startsWith(`${year}-`))) {
        if (change.change === 'added') byRule.add(change.date);
        else byRule.delete(change.date);
      }
      assert.deepEqual(announced, [...byRule].sort(), `the rules disagree with GOV.UK in ${year}`);
    }
  });

  it('computes Easter as it fell in the announced years and will fall after them', () => {
    const goodFridays = ANNOUNCED_ENGLAND_AND_WALES.filter((h) => h.title === 'Good Friday').map((h) => h.date);
    assert.deepEqual(
      goodFridays,
      goodFridays.map((d) => addDays(easterSunday(Number(d.slice(0, 4))), -2)),
    );
    assert.equal(easterSunday(2028), '2028-04-16');
    assert.equal(easterSunday(2029), '2029-04-01');
    assert.equal(easterSunday(2030), '2030-04-21');
  });

  it('runs to the end of 2030 by rule, with substitute days', () => {
    const y2028 = BANK_HOLIDAYS.england.filter((h) => h.date.startsWith('2028-')).map((h) => h.date);
    assert.deepEqual(y2028, [
      '2028-01-03', // New Year's Day is a Saturday
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-29',
      '2028-08-28',
      '2028-12-25',
      '2028-12-26',
    ]);
    // 2032 is beyond the data; 2033's Christmas is a Sunday: Boxing Day keeps the Monday, Christmas takes the Tuesday.
    assert.deepEqual(
      bankHolidaysByRule(2033)
        .slice(-2)
        .map((h) => [h.date, h.title]),
      [
        ['2033-12-26', 'Boxing Day'],
        ['2033-12-27', 'Christmas Day (substitute day)'],
      ],
    );
    assert.equal(BANK_HOLIDAYS.wales.at(-1)?.date, '2030-12-26');
  });

  it('every bank holiday is a weekday, and none is listed twice', () => {
    for (const nation of NATIONS) {
      const days = BANK_HOLIDAYS[nation].map((h) => h.date);
      assert.equal(new Set(days).size, days.length);
      for (const day of days) assert.ok(isoWeekdayOf(day) <= 5, `${day} is at a weekend`);
      assert.deepEqual(days, [...days].sort());
    }
  });
});

describe('calendar: working days, known dates', () => {
  const england = calendarOf('england');
  const wales = calendarOf('wales');

  it('steps over Christmas, Boxing Day and New Year', () => {
    // Wednesday 23 December 2026: Thu 24 is day 1; Fri 25, the weekend and Mon 28 (Boxing Day's substitute) are not.
    assert.equal(date(england.addWorkingDays('2026-12-23', 1)), '2026-12-24');
    assert.equal(date(england.addWorkingDays('2026-12-24', 1)), '2026-12-29');
    assert.equal(date(england.addWorkingDays('2026-12-24', 5)), '2027-01-05'); // 29, 30, 31, (1 Jan off), 4, 5
    assert.equal(date(wales.addWorkingDays('2021-12-24', 1)), '2021-12-29'); // both substitutes: 27 and 28
    assert.equal(date(england.addWorkingDays('2022-12-23', 1)), '2022-12-28');
    assert.equal(date(england.addWorkingDays('2022-12-30', 1)), '2023-01-03'); // 2 January 2023 is New Year's substitute
  });

  it('steps over Easter', () => {
    // Thursday 2 April 2026; Good Friday 3 and Easter Monday 6 April are bank holidays.
    assert.equal(date(england.addWorkingDays('2026-04-02', 1)), '2026-04-07');
    assert.equal(date(england.addWorkingDays('2026-04-07', -1)), '2026-04-02');
    assert.deepEqual(england.workingDaysBetween('2026-04-02', '2026-04-07'), { ok: true, days: 1 });
    assert.deepEqual(england.isWorkingDay('2029-03-30'), { ok: true, working: false }); // Good Friday 2029, by rule
  });

  it('knows the one-off days and the moved ones', () => {
    assert.deepEqual(england.isWorkingDay('2022-09-19'), { ok: true, working: false });
    assert.deepEqual(wales.isWorkingDay('2023-05-08'), { ok: true, working: false });
    assert.deepEqual(england.isWorkingDay('2022-05-30'), { ok: true, working: true }); // spring bank holiday moved away
    assert.equal(date(england.addWorkingDays('2022-06-01', 1)), '2022-06-06');
    assert.deepEqual(england.isWorkingDay('2020-05-04'), { ok: true, working: true });
  });

  it('counts the statutory 45 working days across Christmas', () => {
    // A referral on Monday 1 December 2025: 20 working days left in December (25 and 26 off), 21 in January (1 off),
    // so the 45th is the 4th working day of February.
    assert.equal(date(england.addWorkingDays('2025-12-01', 45)), '2026-02-05');
  });

  it('treats day 0 as the day itself, working or not', () => {
    assert.deepEqual(england.addWorkingDays('2026-12-26', 0), { ok: true, date: '2026-12-26' });
    assert.equal(date(england.addWorkingDays('2026-12-26', 1)), '2026-12-29'); // a Saturday's next working day
  });

  it('says outside-calendar beyond the data, and not-a-day for text that is no day', () => {
    assert.deepEqual(england.isWorkingDay('2031-01-02'), { ok: false, reason: 'outside-calendar' });
    assert.deepEqual(england.isWorkingDay('2017-12-29'), { ok: false, reason: 'outside-calendar' });
    assert.deepEqual(england.addWorkingDays('2030-12-30', 3), { ok: false, reason: 'outside-calendar' });
    assert.deepEqual(england.addWorkingDays('2018-01-02', -1), { ok: false, reason: 'outside-calendar' });
    assert.deepEqual(england.addWorkingDays('2026-02-30', 1), { ok: false, reason: 'not-a-day' });
    assert.deepEqual(england.workingDaysBetween('2026-01-01', '2031-01-01'), { ok: false, reason: 'outside-calendar' });
  });
});

describe('calendar: working days, by property', () => {
  it('n working days on is a working day, and n working days from the start', () => {
    fc.assert(
      fc.property(aNation, aDay, aCount, (nation, day, n) => {
        const calendar = calendarOf(nation);
        const moved = calendar.addWorkingDays(day, n);
        if (!moved.ok) return moved.reason === 'outside-calendar';
        if (n !== 0) assert.deepEqual(calendar.isWorkingDay(moved.date), { ok: true, working: true });
        const startWorks = calendar.isWorkingDay(day);
        // Counting back from a day off, that day is not counted: Friday is one working day before Saturday and Monday.
        const expected = n < 0 && startWorks.ok && !startWorks.working ? n + 1 : n;
        assert.deepEqual(calendar.workingDaysBetween(day, moved.date), { ok: true, days: expected });
        assert.ok(n > 0 ? moved.date > day : n < 0 ? moved.date < day : moved.date === day);
        return true;
      }),
    );
  });

  it('going on and coming back lands on the start, when the start is a working day', () => {
    fc.assert(
      fc.property(aNation, aDay, aCount, (nation, day, n) => {
        const calendar = calendarOf(nation);
        const working = calendar.isWorkingDay(day);
        const there = calendar.addWorkingDays(day, n);
        fc.pre(working.ok && working.working && there.ok);
        assert.deepEqual(calendar.addWorkingDays(there.ok ? there.date : day, -n), { ok: true, date: day });
      }),
    );
  });

  it('counting is additive and antisymmetric', () => {
    fc.assert(
      fc.property(aNation, aDay, aDay, aDay, (nation, a, b, c) => {
        const calendar = calendarOf(nation);
        const days = (x: string, y: string) => {
          const answer = calendar.workingDaysBetween(x, y);
          assert.ok(answer.ok);
          return answer.days;
        };
        assert.equal(days(a, b) + days(b, c), days(a, c));
        assert.equal(days(a, b) + days(b, a), 0);
      }),
    );
  });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(aNation, aDay, fc.integer({ min: 0, max: 60 }), (nation, day, span) => {
        const calendar = calendarOf(nation);
        const holidays = new Set(calendar.bankHolidays.map((h) => h.date));
        const end = addDays(day, span);
        fc.pre(end <= CALENDAR_LAST_DAY);
        let counted = 0;
        for (let d = addDays(day, 1); d <= end; d = addDays(d, 1)) if (isoWeekdayOf(d) <= 5 && !holidays.has(d)) counted++;
        assert.deepEqual(calendar.workingDaysBetween(day, end), { ok: true, days: counted });
      }),
    );
  });

  it('a weekend day or bank holiday is never a working day, and a plain weekday always is', () => {
    fc.assert(
      fc.property(aNation, aDay, (nation, day) => {
        const calendar = calendarOf(nation);
        const holiday = calendar.bankHolidays.some((h) => h.date === day);
        assert.deepEqual(calendar.isWorkingDay(day), { ok: true, working: isoWeekdayOf(day) <= 5 && !holiday });
      }),
    );
  });
});
