import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, checkAlertCase } from './testing.js';

// A strategy discussion on Monday 14 December 2026: 15 working days later, across Christmas Day (Friday), Boxing Day's
// substitute (Monday 28th) and New Year's Day, is Thursday 7 January 2027.
const table: AlertCase[] = [
  {
    name: 'over Christmas: due soon five working days before',
    today: '2026-12-30',
    events: (event) => [event('strategy-discussion', '2026-12-14')],
    expect: {
      state: 'due-soon',
      dueOn: '2027-01-07',
      reason: 'The initial child protection conference after the strategy discussion on 14 December 2026 is due by 7 January 2027.',
    },
  },
  {
    name: 'six working days before: nothing yet',
    today: '2026-12-29',
    events: (event) => [event('strategy-discussion', '2026-12-14')],
    expect: null,
  },
  {
    name: 'the day after: missed',
    today: '2027-01-08',
    events: (event) => [event('strategy-discussion', '2026-12-14')],
    expect: {
      state: 'missed',
      dueOn: '2027-01-07',
      reason:
        'The initial child protection conference after the strategy discussion on 14 December 2026 was due by 7 January 2027 and has not been held.',
    },
  },
  {
    name: 'a conference held: nothing',
    today: '2027-02-01',
    events: (event) => [event('strategy-discussion', '2026-12-14'), event('child-protection-conference', '2027-01-12')],
    expect: null,
  },
  {
    name: 'a second strategy discussion does not restart the clock',
    today: '2027-01-08',
    events: (event) => [event('strategy-discussion', '2026-12-14'), event('strategy-discussion', '2027-01-04')],
    expect: { state: 'missed', dueOn: '2027-01-07' },
  },
  {
    name: 'a strategy discussion after the last conference starts a new clock (Wales counts the same)',
    today: '2026-06-01',
    nation: 'wales',
    events: (event) => [
      event('strategy-discussion', '2025-11-03'),
      event('child-protection-conference', '2025-11-20'),
      event('strategy-discussion', '2026-05-11'),
    ],
    expect: { state: 'due-soon', dueOn: '2026-06-02' },
  },
  {
    name: 'the case closed after the discussion: nothing',
    today: '2026-09-01',
    events: (event) => [event('strategy-discussion', '2026-05-11'), event('case-closed', '2026-05-20')],
    expect: null,
  },
  {
    name: 'a child protection plan started (so a conference was held): nothing',
    today: '2026-09-01',
    events: (event) => [event('strategy-discussion', '2026-05-11'), event('plan-start', '2026-05-28')],
    expect: null,
  },
  {
    name: 'a child in need plan is no conference',
    today: '2026-09-01',
    events: (event) => [event('strategy-discussion', '2026-05-11'), event('plan-start', '2026-05-28', 'child-in-need')],
    expect: { state: 'missed', dueOn: '2026-06-02' },
  },
  {
    name: 'a conference recorded for a day still to come does not count yet',
    today: '2026-06-03',
    events: (event) => [event('strategy-discussion', '2026-05-11'), event('child-protection-conference', '2026-06-10')],
    expect: { state: 'missed', dueOn: '2026-06-02' },
  },
];

describe('conference-overdue: no initial conference within 15 working days of the strategy discussion', () => {
  for (const row of table) it(row.name, () => checkAlertCase('conference-overdue', row, assert.deepEqual));
});
