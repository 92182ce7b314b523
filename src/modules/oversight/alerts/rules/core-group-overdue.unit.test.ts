import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, aPlan, checkAlertCase } from './testing.js';

// An initial conference on Friday 18 December 2026: 10 working days later, across Christmas, is Wednesday 6 January 2027.
const conferenceBeforeChristmas = aPlan({ startedOn: '2026-12-18', initialConferenceOn: '2026-12-18', coreGroupsOn: [] });

const table: AlertCase[] = [
  {
    name: 'over Christmas: due soon',
    today: '2026-12-29',
    plans: [conferenceBeforeChristmas],
    expect: {
      state: 'due-soon',
      dueOn: '2027-01-06',
      reason: 'The first core group meeting after the initial conference on 18 December 2026 is due by 6 January 2027.',
    },
  },
  { name: 'six working days before: nothing', today: '2026-12-24', plans: [conferenceBeforeChristmas], expect: null },
  {
    name: 'missed the day after',
    today: '2027-01-07',
    plans: [conferenceBeforeChristmas],
    expect: {
      state: 'missed',
      dueOn: '2027-01-06',
      reason: 'The first core group meeting after the initial conference on 18 December 2026 was due by 6 January 2027 and has not met.',
    },
  },
  {
    name: 'a core group met, even late: nothing',
    today: '2027-02-01',
    plans: [{ ...conferenceBeforeChristmas, coreGroupsOn: ['2027-01-12'] }],
    expect: null,
  },
  {
    name: 'the plan has ended: nothing',
    today: '2027-02-01',
    plans: [{ ...conferenceBeforeChristmas, endedOn: '2027-01-20' }],
    expect: null,
  },
  {
    name: 'a child in need plan has no core group timescale',
    today: '2027-02-01',
    plans: [{ ...conferenceBeforeChristmas, type: 'child-in-need', category: null }],
    expect: null,
  },
  { name: 'the plans module is off: the rule does not run', today: '2027-02-01', plans: null, expect: null },
  {
    name: 'Wales counts the same 10 working days',
    today: '2027-01-07',
    nation: 'wales',
    plans: [conferenceBeforeChristmas],
    expect: { state: 'missed', dueOn: '2027-01-06' },
  },
];

describe('core-group-overdue: no core group within 10 working days of the initial conference', () => {
  for (const row of table) it(row.name, () => checkAlertCase('core-group-overdue', row, assert.deepEqual));
});
