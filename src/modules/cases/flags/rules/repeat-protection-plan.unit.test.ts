import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCase, checkRuleCase } from '../testing.js';

const table: RuleCase[] = [
  {
    name: 'a first child protection plan',
    history: (event) => [event('plan-start', '2024-02-04'), event('plan-end', '2025-02-04')],
    raised: false,
  },
  {
    name: 'a second child protection plan',
    history: (event) => [event('plan-start', '2024-02-04'), event('plan-end', '2025-02-04'), event('plan-start', '2026-06-11')],
    raised: true,
    cites: ['2024-02-04', '2026-06-11'],
    explanation: 'A second child protection plan: plans began 4 Feb 2024 and 11 Jun 2026.',
  },
  {
    name: 'a third, years later',
    history: (event) => [event('plan-start', '2016-02-04'), event('plan-start', '2020-02-04'), event('plan-start', '2026-06-11')],
    raised: true,
    explanation: 'A third child protection plan: plans began 4 Feb 2016, 4 Feb 2020 and 11 Jun 2026.',
  },
  {
    name: 'two child in need plans are not child protection plans',
    history: (event) => [
      event('plan-start', '2024-02-04', { planType: 'child-in-need' }),
      event('plan-start', '2026-02-04', { planType: 'child-in-need' }),
    ],
    raised: false,
  },
  {
    name: 'an early help plan and then a child protection plan',
    history: (event) => [event('plan-start', '2024-02-04', { planType: 'early-help' }), event('plan-start', '2026-02-04')],
    raised: false,
  },
];

describe('repeat-protection-plan: a second or later child protection plan', () => {
  for (const row of table) it(row.name, () => checkRuleCase('repeat-protection-plan', row, assert.deepEqual));
});
