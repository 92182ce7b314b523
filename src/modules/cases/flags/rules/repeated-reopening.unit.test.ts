import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MakeEvent, type RuleCase, checkRuleCase } from '../testing.js';

const reopenedEachYear = (years: number[]) => (event: MakeEvent) =>
  years.flatMap((year) => [event('case-closed', `${year}-01-10`), event('referral', `${year}-09-10`)]);

const table: RuleCase[] = [
  { name: 'closed and referred again twice', history: reopenedEachYear([2020, 2022]), raised: false },
  {
    name: 'closed and referred again three times, years apart',
    history: reopenedEachYear([2018, 2021, 2025]),
    raised: true,
    cites: ['2018-01-10', '2018-09-10', '2021-01-10', '2021-09-10', '2025-01-10', '2025-09-10'],
    explanation:
      'Closed and referred again three times: closed 10 Jan and referred again 10 Sep 2018; closed 10 Jan and referred again ' +
      '10 Sep 2021; closed 10 Jan and referred again 10 Sep 2025.',
  },
  {
    name: 'three closures with two referrals after them are two reopenings',
    history: (event) => [
      event('case-closed', '2020-01-10'),
      event('referral', '2020-03-10'),
      event('case-closed', '2021-01-10'),
      event('referral', '2021-03-10'),
      event('case-closed', '2022-01-10'),
    ],
    raised: false,
  },
  {
    name: 'referrals that open a case never closed are not reopenings',
    history: (event) => [event('referral', '2020-01-10'), event('referral', '2021-01-10'), event('referral', '2022-01-10')],
    raised: false,
  },
];

describe('repeated-reopening: closed and referred again three or more times', () => {
  for (const row of table) it(row.name, () => checkRuleCase('repeated-reopening', row, assert.deepEqual));
});
