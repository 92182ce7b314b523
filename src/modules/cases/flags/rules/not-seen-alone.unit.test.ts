import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCase, TODAY, checkRuleCase } from '../testing.js';

// TODAY is 5 December 2026: 28 days before it is 7 November.
const table: RuleCase[] = [
  {
    name: 'on a plan and seen alone 28 days ago',
    history: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-11-07')],
    raised: false,
  },
  {
    name: 'on a plan and last seen alone 29 days ago',
    history: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-11-06')],
    raised: true,
    cites: ['2026-06-01', '2026-11-06'],
    explanation: 'On a child protection plan since 1 Jun 2026 and not seen alone in the last 4 weeks: last seen alone on 6 Nov 2026.',
  },
  {
    name: 'seen alone today',
    history: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', TODAY)],
    raised: false,
  },
  {
    name: 'seen, but not alone, last week',
    history: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen', '2026-11-28')],
    raised: true,
    cites: ['2026-06-01'],
    explanation:
      'On a child protection plan since 1 Jun 2026 and not seen alone in the last 4 weeks: no visit records the child seen alone.',
  },
  {
    name: 'seen alone before the plan began, last week',
    history: (event) => [event('home-visit-seen-alone', '2026-11-28'), event('plan-start', '2026-12-01')],
    raised: false,
  },
  {
    name: 'a child in need plan is not a child protection plan',
    history: (event) => [event('plan-start', '2026-06-01', { planType: 'child-in-need' })],
    raised: false,
  },
  {
    name: 'a plan that has ended',
    history: (event) => [event('plan-start', '2026-01-01'), event('plan-end', '2026-06-01')],
    raised: false,
  },
  {
    name: 'a seen-alone visit recorded for a day still to come does not count',
    history: (event) => [event('plan-start', '2026-06-01'), event('home-visit-seen-alone', '2026-12-06')],
    raised: true,
  },
];

describe('not-seen-alone: on a child protection plan and not seen alone in the last 4 weeks', () => {
  for (const row of table) it(row.name, () => checkRuleCase('not-seen-alone', row, assert.deepEqual));
});
