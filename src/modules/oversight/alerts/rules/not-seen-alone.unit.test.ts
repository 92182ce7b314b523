import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, checkAlertCase } from './testing.js';

const table: AlertCase[] = [
  {
    name: 'seen alone 28 days ago: due today, so due soon',
    today: '2026-12-05',
    events: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-11-07')],
    expect: {
      state: 'due-soon',
      dueOn: '2026-12-05',
      reason:
        'On a child protection plan and last seen alone on 7 November 2026: a visit seeing the child alone is due by 5 December 2026.',
    },
  },
  {
    name: 'seen alone 29 days ago: missed',
    today: '2026-12-05',
    events: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-11-06')],
    expect: { state: 'missed', dueOn: '2026-12-04' },
  },
  {
    name: 'seen alone a week ago: nothing',
    today: '2026-12-05',
    events: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-11-28')],
    expect: null,
  },
  {
    name: 'never seen alone: 28 days from the plan’s start',
    today: '2026-12-05',
    events: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen', '2026-11-28')],
    expect: {
      state: 'missed',
      dueOn: '2026-06-29',
      reason:
        'On a child protection plan and not seen alone since the plan began on 1 June 2026: a visit seeing the child alone was due by 29 June 2026.',
    },
  },
  {
    name: 'seen alone long before a new plan: 28 days from the plan’s start',
    today: '2026-12-18',
    events: (event) => [event('home-visit-seen-alone', '2026-01-10'), event('plan-start', '2026-11-30')],
    expect: { state: 'due-soon', dueOn: '2026-12-28' },
  },
  {
    name: 'over Christmas: due soon counts working days before the day (25 and 28 December are bank holidays)',
    today: '2026-12-21',
    events: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-12-02')],
    expect: { state: 'due-soon', dueOn: '2026-12-30' },
  },
  {
    name: 'six working days before: nothing',
    today: '2026-12-18',
    events: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-12-02')],
    expect: null,
  },
  {
    name: 'a child in need plan: nothing',
    today: '2026-12-05',
    events: (event) => [event('plan-start', '2026-06-01', 'child-in-need')],
    expect: null,
  },
  {
    name: 'the plan has ended: nothing',
    today: '2026-12-05',
    events: (event) => [event('plan-start', '2026-01-05'), event('plan-end', '2026-06-01')],
    expect: null,
  },
  {
    name: 'a visit recorded for a day still to come does not count',
    today: '2026-12-05',
    events: (event) => [
      event('plan-start', '2026-06-01'),
      event('home-visit-seen-alone', '2026-11-01'),
      event('home-visit-seen-alone', '2026-12-06'),
    ],
    expect: { state: 'missed', dueOn: '2026-11-29' },
  },
  {
    name: 'the same in Wales',
    today: '2026-12-05',
    nation: 'wales',
    events: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-11-06')],
    expect: { state: 'missed', dueOn: '2026-12-04' },
  },
];

describe('not-seen-alone: on a child protection plan and not seen alone for 28 days', () => {
  for (const row of table) it(row.name, () => checkAlertCase('not-seen-alone', row, assert.deepEqual));
});
