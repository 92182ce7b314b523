import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILY_CIRCUMSTANCE_KINDS } from '../../chronology/event-kinds.js';
import { familyFlags } from '../flags.js';
import { type RuleCase, TODAY, checkRuleCase, eventMaker } from '../testing.js';

const table: RuleCase[] = [
  { name: 'one circumstance', history: (event) => [event('debt', '2026-02-04')], raised: false },
  {
    name: 'two within 6 months',
    history: (event) => [event('eviction-notice', '2026-02-04'), event('debt', '2026-03-11')],
    raised: true,
    cites: ['2026-02-04', '2026-03-11'],
    explanation:
      'Two family circumstances within 6 months: an eviction notice on 4 Feb and debt on 11 Mar 2026. Offer support with housing and welfare rights.',
  },
  {
    name: 'the second on the last day of the 6 months',
    history: (event) => [event('benefit-sanction', '2026-03-31'), event('food-bank-referral', '2026-09-30')],
    raised: true,
    explanation:
      'Two family circumstances within 6 months: a benefit sanction on 31 Mar and a food bank referral on 30 Sep 2026. Offer support with welfare rights and food.',
  },
  {
    name: 'the second a day later',
    history: (event) => [event('benefit-sanction', '2026-03-31'), event('food-bank-referral', '2026-10-01')],
    raised: false,
  },
  {
    name: 'each kind of help is named once',
    history: (event) => [event('debt', '2026-02-04'), event('loss-of-work', '2026-03-11'), event('benefit-sanction', '2026-04-11')],
    raised: true,
    explanation:
      'Three family circumstances within 6 months: debt on 4 Feb, loss of work on 11 Mar and a benefit sanction on 11 Apr 2026. Offer support with welfare rights.',
  },
  {
    name: 'concerns are not circumstances',
    history: (event) => [event('referral', '2026-02-04'), event('missed-health-appointment', '2026-03-11')],
    raised: false,
  },
];

describe('support-suggested: two or more family circumstances within 6 months', () => {
  for (const row of table) it(row.name, () => checkRuleCase('support-suggested', row, assert.deepEqual));

  it('is all a family with only circumstances is ever flagged for, however many and however serious', () => {
    const event = eventMaker([]);
    const events = Array.from({ length: 60 }, (_, i) =>
      event(FAMILY_CIRCUMSTANCE_KINDS[i % FAMILY_CIRCUMSTANCE_KINDS.length]!, `20${20 + Math.floor(i / 10)}-0${1 + (i % 9)}-1${i % 10}`, {
        significance: 'high',
        agency: ['housing', 'jobcentre', 'food bank', 'police', 'school'][i % 5]!,
      }),
    );
    const flags = familyFlags({ childIds: ['child-a', 'child-b', 'child-c'], events, today: TODAY });
    assert.deepEqual(
      flags.map((flag) => `${flag.rule} ${flag.childId}`),
      ['support-suggested child-a', 'support-suggested child-b', 'support-suggested child-c'],
    );
  });
});
