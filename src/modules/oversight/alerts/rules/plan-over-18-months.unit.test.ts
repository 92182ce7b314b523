import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, aPlan, checkAlertCase } from './testing.js';

// 18 months after 2 June 2025 is 2 December 2026 (a Wednesday); 5 working days before it is 25 November.
const plan = aPlan({ startedOn: '2025-06-02', initialConferenceOn: '2025-06-02' });

const table: AlertCase[] = [
  { name: 'six working days before: nothing', today: '2026-11-24', plans: [plan], expect: null },
  {
    name: 'five working days before: due soon',
    today: '2026-11-25',
    plans: [plan],
    expect: {
      state: 'due-soon',
      dueOn: '2026-12-02',
      reason: 'The child protection plan begun on 2 June 2025 reaches 18 months on 2 December 2026.',
    },
  },
  {
    name: 'past 18 months: missed',
    today: '2026-12-03',
    plans: [plan],
    expect: {
      state: 'missed',
      dueOn: '2026-12-02',
      reason: 'The child protection plan begun on 2 June 2025 has been open for more than 18 months (since 2 December 2026).',
    },
  },
  { name: 'ended before 18 months: nothing', today: '2026-12-03', plans: [{ ...plan, endedOn: '2026-11-01' }], expect: null },
  {
    name: 'a child in need plan counts too',
    today: '2026-12-03',
    plans: [{ ...plan, type: 'child-in-need', category: null }],
    expect: {
      state: 'missed',
      dueOn: '2026-12-02',
      reason: 'The child in need plan begun on 2 June 2025 has been open for more than 18 months (since 2 December 2026).',
    },
  },
  {
    name: 'due soon over Christmas: 18 months after 30 June 2025 is 30 December 2026, 5 working days from 21 December',
    today: '2026-12-21',
    plans: [aPlan({ startedOn: '2025-06-30' })],
    expect: { state: 'due-soon', dueOn: '2026-12-30' },
  },
  { name: 'the same in Wales', today: '2026-12-03', nation: 'wales', plans: [plan], expect: { state: 'missed', dueOn: '2026-12-02' } },
  { name: 'the plans module is off: the rule does not run', today: '2026-12-03', plans: null, expect: null },
];

describe('plan-over-18-months: a plan still open at 18 months', () => {
  for (const row of table) it(row.name, () => checkAlertCase('plan-over-18-months', row, assert.deepEqual));
});
