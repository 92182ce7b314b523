import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCase, checkRuleCase } from '../testing.js';

const table: RuleCase[] = [
  { name: 'one visit without seeing the child', history: (event) => [event('home-visit-not-seen', '2026-02-04')], raised: false },
  {
    name: 'two in a row, not seen then no access',
    history: (event) => [
      event('home-visit-seen', '2026-01-04'),
      event('home-visit-not-seen', '2026-02-04'),
      event('home-visit-no-access', '2026-02-11'),
    ],
    raised: true,
    cites: ['2026-02-04', '2026-02-11'],
    explanation: 'Two home visits in a row without seeing the child: not seen on 4 Feb and no access on 11 Feb 2026.',
  },
  {
    name: 'a visit where the child was seen breaks the run',
    history: (event) => [
      event('home-visit-not-seen', '2026-02-04'),
      event('home-visit-seen', '2026-02-08'),
      event('home-visit-no-access', '2026-02-11'),
    ],
    raised: false,
  },
  {
    name: 'so does a visit where the child was seen alone',
    history: (event) => [
      event('home-visit-no-access', '2026-02-04'),
      event('home-visit-seen-alone', '2026-02-08'),
      event('home-visit-no-access', '2026-02-11'),
    ],
    raised: false,
  },
  {
    name: 'other events between the visits do not break it',
    history: (event) => [
      event('home-visit-no-access', '2026-02-04'),
      event('school-attendance-concern', '2026-02-06'),
      event('home-visit-no-access', '2026-02-11'),
      event('home-visit-not-seen', '2026-02-18'),
    ],
    raised: true,
    explanation:
      'Three home visits in a row without seeing the child: no access on 4 Feb, no access on 11 Feb and not seen on 18 Feb 2026.',
  },
  {
    name: 'the most recent run is named',
    history: (event) => [
      event('home-visit-no-access', '2025-02-04'),
      event('home-visit-no-access', '2025-02-11'),
      event('home-visit-seen', '2025-03-11'),
      event('home-visit-not-seen', '2026-02-04'),
      event('home-visit-not-seen', '2026-02-11'),
    ],
    raised: true,
    cites: ['2026-02-04', '2026-02-11'],
  },
];

describe('not-seen: two or more home visits in a row without seeing the child', () => {
  for (const row of table) it(row.name, () => checkRuleCase('not-seen', row, assert.deepEqual));
});
