import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, aPlan, checkAlertCase } from './testing.js';

const first = aPlan({ planId: 'first', startedOn: '2024-02-01', endedOn: '2024-11-15', category: 'NEG' });
const second = aPlan({ planId: 'second', startedOn: '2026-03-02', category: 'NEG' });

const table: AlertCase[] = [
  {
    name: 'a second neglect plan: missed from the day it began',
    today: '2026-03-03',
    plans: [first, second],
    expect: {
      state: 'missed',
      dueOn: '2026-03-02',
      reason:
        'A repeat child protection plan under neglect, begun on 2 March 2026: an earlier plan under neglect began on 1 February 2024.',
    },
  },
  { name: 'a different category: nothing', today: '2026-03-03', plans: [first, { ...second, category: 'EMO' }], expect: null },
  { name: 'the repeat plan has ended: nothing', today: '2026-12-01', plans: [first, { ...second, endedOn: '2026-11-01' }], expect: null },
  { name: 'one plan only: nothing', today: '2026-03-03', plans: [second], expect: null },
  {
    name: 'an earlier child in need plan is not a child protection plan',
    today: '2026-03-03',
    plans: [{ ...first, type: 'child-in-need', category: null }, second],
    expect: null,
  },
  { name: 'a plan starting on a day still to come: nothing yet', today: '2026-03-01', plans: [first, second], expect: null },
  { name: 'the plans module is off: the rule does not run', today: '2026-03-03', plans: null, expect: null },
];

describe('repeat-plan-same-category: a child protection plan under the same category as an earlier one', () => {
  for (const row of table) it(row.name, () => checkAlertCase('repeat-plan-same-category', row, assert.deepEqual));
});
