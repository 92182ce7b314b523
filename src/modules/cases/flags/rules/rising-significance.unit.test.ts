import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Significance } from '../../chronology/event-kinds.js';
import { type MakeEvent, type RuleCase, checkRuleCase } from '../testing.js';

const concerns = (steps: [day: string, significance: Significance][]) => (event: MakeEvent) =>
  steps.map(([day, significance]) => event('referral', day, { significance }));

const table: RuleCase[] = [
  {
    name: 'low, medium, high within 6 months',
    history: (event) => [
      event('referral', '2026-02-04', { significance: 'low' }),
      event('missed-health-appointment', '2026-03-11', { significance: 'medium' }),
      event('emergency-department-attendance', '2026-05-02', { significance: 'high' }),
    ],
    raised: true,
    cites: ['2026-02-04', '2026-03-11', '2026-05-02'],
    explanation:
      'Concerns rising to high significance within 6 months: referral (low) on 4 Feb, ' +
      'missed health appointment (medium) on 11 Mar and emergency department attendance (high) on 2 May 2026.',
  },
  {
    name: 'low, low, high rises too',
    history: concerns([
      ['2026-02-04', 'low'],
      ['2026-03-04', 'low'],
      ['2026-04-04', 'high'],
    ]),
    raised: true,
  },
  {
    name: 'a run that starts high has not risen',
    history: concerns([
      ['2026-02-04', 'high'],
      ['2026-03-04', 'high'],
      ['2026-04-04', 'high'],
    ]),
    raised: false,
  },
  {
    name: 'two concerns are too few to call a trend',
    history: concerns([
      ['2026-02-04', 'low'],
      ['2026-04-04', 'high'],
    ]),
    raised: false,
  },
  {
    name: 'a step down breaks the run',
    history: concerns([
      ['2026-02-04', 'medium'],
      ['2026-03-04', 'low'],
      ['2026-04-04', 'high'],
    ]),
    raised: false,
  },
  {
    name: 'a run that does not reach high has not risen far enough',
    history: concerns([
      ['2026-02-04', 'low'],
      ['2026-03-04', 'medium'],
      ['2026-04-04', 'medium'],
    ]),
    raised: false,
  },
  {
    name: 'the first concern on the last day of the 6 months counts',
    history: concerns([
      ['2026-01-31', 'low'],
      ['2026-03-01', 'medium'],
      ['2026-07-31', 'high'],
    ]),
    raised: true,
  },
  {
    name: 'a day earlier it does not',
    history: concerns([
      ['2026-01-30', 'low'],
      ['2026-03-01', 'medium'],
      ['2026-07-31', 'high'],
    ]),
    raised: false,
  },
  {
    name: 'family circumstances neither join nor break a run',
    history: (event) => [
      event('referral', '2026-02-04', { significance: 'low' }),
      event('debt', '2026-02-10', { significance: 'high' }),
      event('referral', '2026-03-04', { significance: 'medium' }),
      event('eviction-notice', '2026-03-10', { significance: 'low' }),
      event('referral', '2026-04-04', { significance: 'high' }),
    ],
    raised: true,
    cites: ['2026-02-04', '2026-03-04', '2026-04-04'],
  },
  {
    name: 'a high family circumstance is no rise',
    history: (event) => [
      event('referral', '2026-02-04', { significance: 'low' }),
      event('referral', '2026-03-04', { significance: 'medium' }),
      event('eviction-notice', '2026-04-04', { significance: 'high' }),
    ],
    raised: false,
  },
  {
    name: 'the longest rising run to the latest high is named',
    history: concerns([
      ['2026-01-04', 'high'],
      ['2026-02-04', 'low'],
      ['2026-03-04', 'low'],
      ['2026-04-04', 'medium'],
      ['2026-05-04', 'high'],
      ['2026-06-04', 'high'],
    ]),
    raised: true,
    cites: ['2026-02-04', '2026-03-04', '2026-04-04', '2026-05-04', '2026-06-04'],
  },
];

describe('rising-significance: concerns in a row growing to high within 6 months', () => {
  for (const row of table) it(row.name, () => checkRuleCase('rising-significance', row, assert.deepEqual));
});
