import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MakeEvent, type RuleCase, checkRuleCase, eventMaker, flagsBy } from '../testing.js';

const missed = (days: string[]) => (event: MakeEvent) => days.map((day) => event('missed-health-appointment', day));

const table: RuleCase[] = [
  { name: 'two missed appointments are not yet a pattern', history: missed(['2026-02-04', '2026-06-11']), raised: false },
  {
    name: 'three missed appointments within 12 months are',
    history: missed(['2026-02-04', '2026-06-11', '2026-11-02']),
    raised: true,
    cites: ['2026-02-04', '2026-06-11', '2026-11-02'],
    explanation: 'Three missed health appointments within 12 months: 4 Feb, 11 Jun and 2 Nov 2026.',
  },
  { name: 'the third on day 365 counts', history: missed(['2025-01-01', '2025-06-01', '2026-01-01']), raised: true },
  { name: 'the third on day 366 does not', history: missed(['2025-01-01', '2025-06-01', '2026-01-02']), raised: false },
  { name: 'over a leap day, 12 calendar months are 366 days', history: missed(['2023-03-01', '2023-09-01', '2024-03-01']), raised: true },
  { name: 'from 29 February, 12 months end on 28 February', history: missed(['2024-02-29', '2024-08-01', '2025-02-28']), raised: true },
  { name: 'and not on 1 March', history: missed(['2024-02-29', '2024-08-01', '2025-03-01']), raised: false },
  {
    name: 'three concerns of different kinds are not one kind repeated',
    history: (event) => [
      event('missed-health-appointment', '2026-01-04'),
      event('school-attendance-concern', '2026-02-04'),
      event('referral', '2026-03-04'),
    ],
    raised: false,
  },
  {
    name: 'visits where the child was seen are not concerns',
    history: (event) => ['2026-01-04', '2026-02-04', '2026-03-04'].map((day) => event('home-visit-seen', day)),
    raised: false,
  },
  {
    name: 'three debts are a family circumstance, never a concern',
    history: (event) => ['2026-01-04', '2026-02-04', '2026-03-04'].map((day) => event('debt', day, { significance: 'high' })),
    raised: false,
  },
  {
    name: 'the most recent run is the one named',
    history: missed(['2019-01-04', '2019-02-04', '2019-03-04', '2026-04-04', '2026-05-04', '2026-06-04', '2026-07-04']),
    raised: true,
    cites: ['2026-04-04', '2026-05-04', '2026-06-04', '2026-07-04'],
    explanation: 'Four missed health appointments within 12 months: 4 Apr, 4 May, 4 Jun and 4 Jul 2026.',
  },
  {
    name: 'every kind that repeats is named, in one flag',
    history: (event) => [
      ...['2026-01-04', '2026-02-04', '2026-03-04'].map((day) => event('police-domestic-abuse-notification', day)),
      ...['2025-12-31', '2026-01-05', '2026-02-05'].map((day) => event('school-attendance-concern', day)),
    ],
    raised: true,
    cites: ['2025-12-31', '2026-01-04', '2026-01-05', '2026-02-04', '2026-02-05', '2026-03-04'],
    explanation:
      'Three police notifications of domestic abuse within 12 months: 4 Jan, 4 Feb and 4 Mar 2026. ' +
      'Three school attendance concerns within 12 months: 31 Dec 2025, 5 Jan and 5 Feb 2026.',
  },
];

describe('repeated-concern: three or more care concerns of one kind within 12 months', () => {
  for (const row of table) it(row.name, () => checkRuleCase('repeated-concern', row, assert.deepEqual));

  it('is raised on each child the concerns name, and only on them', () => {
    const event = eventMaker(['child-a', 'child-b']);
    const events = ['2026-01-04', '2026-02-04', '2026-03-04'].map((day) => event('emergency-department-attendance', day));
    events.push(event('emergency-department-attendance', '2026-03-05', { childIds: ['child-c'] }));
    const flags = flagsBy('repeated-concern', events, { childIds: ['child-a', 'child-b', 'child-c'] });
    assert.deepEqual(
      flags.map((flag) => flag.childId),
      ['child-a', 'child-b'],
    );
  });
});
