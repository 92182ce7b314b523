import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../../../platform/time.js';
import { alertClock } from './clock.js';
import { testClock } from './rules/testing.js';
import type { Milestone } from './rules/types.js';

const MILESTONES: Milestone[] = ['assessment', 'initial-conference', 'first-core-group', 'first-review', 'later-review'];

// The rules' tables count by a calendar written out by hand (rules/testing.ts); the alerts count by oversight's
// timescales and bank holidays. They must agree on every day the tables use, or the tables prove nothing.
describe('the alerts’ clock: oversight’s timescales and calendar, as the rules’ tables count them', () => {
  for (const nation of ['england', 'wales'] as const) {
    it(`agrees with the hand-written calendar on every day of 2025 to September 2027 (${nation})`, () => {
      const real = alertClock(nation, '2026-01-01', 5);
      const hand = testClock('2026-01-01', nation);
      for (let day = '2025-01-01'; day <= '2027-09-30'; day = addDays(day, 1)) {
        for (const milestone of MILESTONES)
          assert.equal(real.dueDayOf(milestone, day), hand.dueDayOf(milestone, day), `${milestone} from ${day}`);
        assert.equal(real.workingDaysBetween(day, addDays(day, 9)), hand.workingDaysBetween(day, addDays(day, 9)), day);
      }
    });
  }

  it('answers null outside the calendar rather than a guess', () => {
    const real = alertClock('england', '2026-01-01', 5);
    assert.equal(real.dueDayOf('assessment', '2017-06-01'), null);
    assert.equal(real.workingDaysBetween('2026-01-01', '2031-06-01'), null);
  });
});
