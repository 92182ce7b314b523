import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCase, checkRuleCase } from '../testing.js';

const table: RuleCase[] = [
  {
    name: 'concerns from three agencies within 6 months',
    history: (event) => [
      event('police-domestic-abuse-notification', '2026-02-04', { agency: 'police' }),
      event('missed-health-appointment', '2026-03-11', { agency: 'health' }),
      event('emergency-department-attendance', '2026-04-02', { agency: 'health' }),
      event('school-attendance-concern', '2026-05-02', { agency: 'school' }),
    ],
    raised: true,
    cites: ['2026-02-04', '2026-03-11', '2026-04-02', '2026-05-02'],
    explanation:
      'Concerns from three agencies within 6 months: police (4 Feb 2026), health (11 Mar and 2 Apr 2026) and school (2 May 2026).',
  },
  {
    name: 'the third agency on the last day of the 6 months counts',
    history: (event) => [
      event('referral', '2026-01-31', { agency: 'police' }),
      event('referral', '2026-03-15', { agency: 'health' }),
      event('referral', '2026-07-31', { agency: 'school' }),
    ],
    raised: true,
  },
  {
    name: 'the third agency a day later does not',
    history: (event) => [
      event('referral', '2026-01-31', { agency: 'police' }),
      event('referral', '2026-03-15', { agency: 'health' }),
      event('referral', '2026-08-01', { agency: 'school' }),
    ],
    raised: false,
  },
  {
    name: 'many concerns from two agencies are two agencies',
    history: (event) =>
      ['2026-01-04', '2026-02-04', '2026-03-04', '2026-04-04'].flatMap((day) => [
        event('referral', day, { agency: 'police' }),
        event('missed-health-appointment', day, { agency: 'health' }),
      ]),
    raised: false,
  },
  {
    name: 'an agency is the same however it is typed',
    history: (event) => [
      event('referral', '2026-01-04', { agency: 'Police' }),
      event('referral', '2026-02-04', { agency: 'police ' }),
      event('referral', '2026-03-04', { agency: 'health' }),
    ],
    raised: false,
  },
  {
    name: 'a family circumstance from a third agency is not a concern',
    history: (event) => [
      event('referral', '2026-01-04', { agency: 'police' }),
      event('referral', '2026-02-04', { agency: 'health' }),
      event('eviction-notice', '2026-03-04', { agency: 'housing' }),
    ],
    raised: false,
  },
  {
    name: 'nor is a visit where the child was seen',
    history: (event) => [
      event('referral', '2026-01-04', { agency: 'police' }),
      event('referral', '2026-02-04', { agency: 'health' }),
      event('home-visit-seen', '2026-03-04', { agency: 'school' }),
    ],
    raised: false,
  },
  {
    name: 'nor is a visit where the child was not seen: it is the social worker’s own finding',
    history: (event) => [
      event('referral', '2026-01-04', { agency: 'police' }),
      event('referral', '2026-02-04', { agency: 'health' }),
      event('home-visit-no-access', '2026-03-04', { agency: "children's social care" }),
      event('home-visit-not-seen', '2026-03-11', { agency: "children's social care" }),
    ],
    raised: false,
  },
  {
    name: 'a concern with no agency recorded is not one more agency',
    history: (event) => [
      event('referral', '2026-01-04', { agency: 'police' }),
      event('referral', '2026-02-04', { agency: 'health' }),
      event('referral', '2026-03-04', { agency: ' ' }),
    ],
    raised: false,
  },
];

describe('multi-agency: concerns from three or more agencies within 6 months', () => {
  for (const row of table) it(row.name, () => checkRuleCase('multi-agency', row, assert.deepEqual));
});
