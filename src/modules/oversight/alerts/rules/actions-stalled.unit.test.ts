import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, aPlan, checkAlertCase } from './testing.js';

const reviewed = aPlan({ startedOn: '2025-10-01', reviewsOn: ['2026-01-05', '2026-07-06'] });

const table: AlertCase[] = [
  {
    name: 'no action moved at the last two reviews: missed on the day of the second',
    today: '2026-08-01',
    plans: [{ ...reviewed, actionsMovedAtReviews: [0, 0] }],
    expect: {
      state: 'missed',
      dueOn: '2026-07-06',
      reason: 'No action of the child protection plan moved at the reviews on 5 January 2026 and 6 July 2026.',
    },
  },
  {
    name: 'something moved at the last review: nothing',
    today: '2026-08-01',
    plans: [{ ...reviewed, actionsMovedAtReviews: [0, 2] }],
    expect: null,
  },
  {
    name: 'something moved at the review before: nothing',
    today: '2026-08-01',
    plans: [{ ...reviewed, actionsMovedAtReviews: [3, 0] }],
    expect: null,
  },
  {
    name: 'nothing moved at the last review and the next is 5 working days away: due soon',
    today: '2026-12-17',
    plans: [{ ...reviewed, actionsMovedAtReviews: [3, 0], nextReviewOn: '2026-12-24' }],
    expect: {
      state: 'due-soon',
      dueOn: '2026-12-24',
      reason:
        'No action of the child protection plan moved at the review on 6 July 2026; unless one moves by the review on 24 December 2026, the plan has stalled.',
    },
  },
  {
    name: 'the next review 6 working days away: nothing yet',
    today: '2026-12-16',
    plans: [{ ...reviewed, actionsMovedAtReviews: [3, 0], nextReviewOn: '2026-12-24' }],
    expect: null,
  },
  {
    name: 'a review recorded for a day still to come does not count yet',
    today: '2026-06-01',
    plans: [{ ...reviewed, actionsMovedAtReviews: [0, 0] }],
    expect: null,
  },
  {
    name: 'only one review held: nothing',
    today: '2026-03-01',
    plans: [aPlan({ reviewsOn: ['2026-01-05'], actionsMovedAtReviews: [0] })],
    expect: null,
  },
  {
    name: 'an ended plan: nothing',
    today: '2026-08-01',
    plans: [{ ...reviewed, actionsMovedAtReviews: [0, 0], endedOn: '2026-07-20' }],
    expect: null,
  },
  { name: 'the plans module is off: the rule does not run', today: '2026-08-01', plans: null, expect: null },
];

describe('actions-stalled: no action of the plan moved across two reviews', () => {
  for (const row of table) it(row.name, () => checkAlertCase('actions-stalled', row, assert.deepEqual));
});
