import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AlertCase, anAssessment, checkAlertCase } from './testing.js';

// A referral on Monday 2 March 2026: 45 working days later, across Good Friday, Easter Monday and the early May bank
// holiday, is Thursday 7 May (England); 42 is Friday 1 May (Wales).
const table: AlertCase[] = [
  {
    name: 'six working days before the day: nothing yet',
    today: '2026-04-28',
    events: (event) => [event('referral', '2026-03-02')],
    assessments: [anAssessment({ startedOn: '2026-03-04' })],
    expect: null,
  },
  {
    name: 'five working days before the day: due soon',
    today: '2026-04-29',
    events: (event) => [event('referral', '2026-03-02')],
    assessments: [anAssessment({ startedOn: '2026-03-04' })],
    expect: {
      state: 'due-soon',
      dueOn: '2026-05-07',
      reason: 'The assessment begun on 4 March 2026, after the referral on 2 March 2026, is due by 7 May 2026 and is not complete.',
    },
  },
  {
    name: 'on the day itself: still due soon',
    today: '2026-05-07',
    events: (event) => [event('referral', '2026-03-02')],
    assessments: [anAssessment()],
    expect: { state: 'due-soon', dueOn: '2026-05-07' },
  },
  {
    name: 'the day after: missed',
    today: '2026-05-08',
    events: (event) => [event('referral', '2026-03-02')],
    assessments: [anAssessment()],
    expect: {
      state: 'missed',
      dueOn: '2026-05-07',
      reason: 'The assessment begun on 2 March 2026, after the referral on 2 March 2026, was due by 7 May 2026 and is not complete.',
    },
  },
  {
    name: 'Wales counts 42 working days',
    today: '2026-05-04',
    nation: 'wales',
    events: (event) => [event('referral', '2026-03-02')],
    assessments: [anAssessment()],
    expect: { state: 'missed', dueOn: '2026-05-01' },
  },
  {
    name: 'completed, however late: nothing',
    today: '2026-06-01',
    events: (event) => [event('referral', '2026-03-02')],
    assessments: [anAssessment({ completedOn: '2026-05-20' })],
    expect: null,
  },
  {
    name: 'no referral: counted from the day the assessment began',
    today: '2026-05-08',
    assessments: [anAssessment({ startedOn: '2026-03-02' })],
    expect: {
      state: 'missed',
      dueOn: '2026-05-07',
      reason: 'The assessment begun on 2 March 2026 was due by 7 May 2026 and is not complete.',
    },
  },
  {
    name: 'a referral before the case was last closed is not the one that led to it',
    today: '2026-05-08',
    events: (event) => [event('referral', '2025-06-02'), event('case-closed', '2025-09-01')],
    assessments: [anAssessment({ startedOn: '2026-03-02' })],
    expect: { state: 'missed', dueOn: '2026-05-07' },
  },
  {
    name: 'a referral over Christmas: 45 working days from Monday 14 December 2026 is Thursday 18 February 2027',
    today: '2027-02-11',
    events: (event) => [event('referral', '2026-12-14')],
    assessments: [anAssessment({ startedOn: '2026-12-15' })],
    expect: { state: 'due-soon', dueOn: '2027-02-18' },
  },
  {
    name: 'of two open assessments, the more overdue',
    today: '2026-09-01',
    assessments: [
      anAssessment({ assessmentId: 'a', startedOn: '2026-06-01' }),
      anAssessment({ assessmentId: 'b', startedOn: '2026-03-02' }),
    ],
    expect: { state: 'missed', dueOn: '2026-05-07' },
  },
  {
    name: 'a re-assessment begun long after the last referral is counted from its own start',
    today: '2026-05-08',
    events: (event) => [event('referral', '2025-03-03')],
    assessments: [anAssessment({ startedOn: '2026-03-02' })],
    expect: {
      state: 'missed',
      dueOn: '2026-05-07',
      reason: 'The assessment begun on 2 March 2026 was due by 7 May 2026 and is not complete.',
    },
  },
  {
    name: 'an assessment begun on the referral’s last day is still counted from the referral',
    today: '2026-05-07',
    events: (event) => [event('referral', '2026-03-02')],
    assessments: [anAssessment({ startedOn: '2026-05-07' })],
    expect: { state: 'due-soon', dueOn: '2026-05-07' },
  },
  { name: 'the assessments module is off: the rule does not run', today: '2026-09-01', assessments: null, expect: null },
  {
    name: 'a start outside the calendar Hearth holds: nothing rather than a guess',
    today: '2026-09-01',
    assessments: [anAssessment({ startedOn: '2024-01-02' })],
    expect: null,
  },
];

describe('assessment-overdue: an assessment not completed within 45 working days (42 in Wales)', () => {
  for (const row of table) it(row.name, () => checkAlertCase('assessment-overdue', row, assert.deepEqual));
});
