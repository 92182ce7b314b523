import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, aPlan, checkAlertCase } from './testing.js';

const plan = aPlan({ startedOn: '2026-01-30', initialConferenceOn: '2026-01-30' });

// 3 months after 30 January 2026 is 30 April (a Thursday); 5 working days before it, across no holiday, is 23 April.
const table: AlertCase[] = [
  { name: 'the first review: six working days before, nothing', today: '2026-04-22', plans: [plan], expect: null },
  {
    name: 'the first review: due soon 5 working days before',
    today: '2026-04-23',
    plans: [plan],
    expect: {
      state: 'due-soon',
      dueOn: '2026-04-30',
      reason: 'The first review conference after the initial conference on 30 January 2026 is due by 30 April 2026.',
    },
  },
  {
    name: 'the first review: missed',
    today: '2026-05-01',
    plans: [plan],
    expect: {
      state: 'missed',
      dueOn: '2026-04-30',
      reason: 'The first review conference after the initial conference on 30 January 2026 was due by 30 April 2026 and has not been held.',
    },
  },
  {
    name: 'then every 6 months from the last review',
    today: '2026-10-29',
    plans: [{ ...plan, reviewsOn: ['2026-04-28'] }],
    expect: {
      state: 'missed',
      dueOn: '2026-10-28',
      reason: 'The next review conference after the review on 28 April 2026 was due by 28 October 2026 and has not been held.',
    },
  },
  { name: 'reviewed in time: nothing', today: '2026-06-01', plans: [{ ...plan, reviewsOn: ['2026-04-28'] }], expect: null },
  {
    name: 'a review booked after the due day does not stop the alert',
    today: '2026-05-01',
    plans: [{ ...plan, nextReviewOn: '2026-05-12' }],
    expect: { state: 'missed', dueOn: '2026-04-30' },
  },
  {
    name: 'over Easter: due soon counts working days, so Good Friday and Easter Monday do not count',
    today: '2027-03-22',
    plans: [aPlan({ startedOn: '2026-12-31', initialConferenceOn: '2026-12-31' })],
    expect: { state: 'due-soon', dueOn: '2027-03-31' },
  },
  {
    name: 'a month with fewer days: 3 months after 30 November is 28 February',
    today: '2027-03-01',
    plans: [aPlan({ startedOn: '2026-11-30', initialConferenceOn: '2026-11-30' })],
    expect: { state: 'missed', dueOn: '2027-02-28' },
  },
  { name: 'an ended plan: nothing', today: '2026-06-01', plans: [{ ...plan, endedOn: '2026-04-01' }], expect: null },
  {
    name: 'Wales counts the same months',
    today: '2026-05-01',
    nation: 'wales',
    plans: [plan],
    expect: { state: 'missed', dueOn: '2026-04-30' },
  },
];

describe('review-overdue: the first review within 3 months, then every 6 months', () => {
  for (const row of table) it(row.name, () => checkAlertCase('review-overdue', row, assert.deepEqual));
});
