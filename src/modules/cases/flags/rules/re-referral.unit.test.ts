import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MakeEvent, type RuleCase, checkRuleCase } from '../testing.js';

const closedThenReferred = (closed: string, referred: string) => (event: MakeEvent) => [
  event('referral', '2023-06-01'),
  event('case-closed', closed),
  event('referral', referred),
];

const table: RuleCase[] = [
  {
    name: 'a referral 12 months to the day after the case closed',
    history: closedThenReferred('2025-03-31', '2026-03-31'),
    raised: true,
    cites: ['2025-03-31', '2026-03-31'],
    explanation: 'A referral within 12 months of the case closing: closed 31 Mar 2025 and referred again 31 Mar 2026.',
  },
  { name: 'a day later is not a re-referral', history: closedThenReferred('2025-03-31', '2026-04-01'), raised: false },
  { name: 'from 29 February, the 12 months end on 28 February', history: closedThenReferred('2024-02-29', '2025-02-28'), raised: true },
  { name: 'and not on 1 March', history: closedThenReferred('2024-02-29', '2025-03-01'), raised: false },
  { name: 'a referral the day the case closed is not a return', history: closedThenReferred('2025-03-31', '2025-03-31'), raised: false },
  {
    name: 'a first referral with no closure before it is not a re-referral',
    history: (event) => [event('referral', '2026-01-04'), event('case-closed', '2026-03-04')],
    raised: false,
  },
  {
    name: 'two referrals after one closure are one return',
    history: (event) => [event('case-closed', '2026-01-04'), event('referral', '2026-02-04'), event('referral', '2026-03-04')],
    raised: true,
    cites: ['2026-01-04', '2026-02-04'],
  },
  {
    name: 'every return is named',
    history: (event) => [
      event('case-closed', '2024-01-04'),
      event('referral', '2024-05-04'),
      event('case-closed', '2024-09-04'),
      event('referral', '2026-05-04'),
      event('case-closed', '2026-06-04'),
      event('referral', '2026-07-04'),
    ],
    raised: true,
    explanation:
      'Two referrals within 12 months of the case closing: closed 4 Jan and referred again 4 May 2024; ' +
      'closed 4 Jun and referred again 4 Jul 2026.',
  },
  {
    name: 'a closure and a family circumstance are not a re-referral',
    history: (event) => [event('case-closed', '2026-01-04'), event('food-bank-referral', '2026-02-04')],
    raised: false,
  },
];

describe('re-referral: a referral within 12 months after the case closed', () => {
  for (const row of table) it(row.name, () => checkRuleCase('re-referral', row, assert.deepEqual));
});
