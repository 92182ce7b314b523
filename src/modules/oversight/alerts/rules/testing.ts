import type { AssessmentFact, PlanFact } from '../../../../platform/practice/drift-facts.js';
import type { PracticeEventFact } from '../../../../platform/practice/records.js';
import { addDays, addMonths, isoWeekdayOf } from '../../../../platform/time.js';
import { alertsOf, RULES } from './index.js';
import type { Alert, AlertClock, AlertRuleId, ChildFacts } from './types.js';

/**
 * Test data for the alert rules: a calendar of England and Wales for 2025 to 2027 written out by hand from the bank
 * holidays announced on GOV.UK, so that the rules are checked against days a person can look up, not against the
 * calendar code they will run on.
 */
const BANK_HOLIDAYS = new Set([
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
]); // prettier-ignore

const working = (day: string) => isoWeekdayOf(day) < 6 && !BANK_HOLIDAYS.has(day);

function addWorkingDays(day: string, n: number): string {
  let result = day;
  for (let left = n; left > 0;) {
    result = addDays(result, 1);
    if (working(result)) left--;
  }
  return result;
}

function workingDaysBetween(from: string, to: string): number {
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (working(day)) count++;
  return count;
}

export function testClock(today: string, nation: 'england' | 'wales' = 'england', dueSoonDays = 5): AlertClock {
  const assessmentDays = nation === 'wales' ? 42 : 45;
  return {
    today,
    dueSoonDays,
    workingDaysBetween,
    dueDayOf(milestone, start) {
      if (start < '2025-01-01') return null; // outside the test calendar, as the real one refuses
      if (milestone === 'assessment') return addWorkingDays(start, assessmentDays);
      if (milestone === 'initial-conference') return addWorkingDays(start, 15);
      if (milestone === 'first-core-group') return addWorkingDays(start, 10);
      return addMonths(start, milestone === 'first-review' ? 3 : 6);
    },
  };
}

export function eventMaker() {
  let next = 0;
  return (kind: string, occurredOn: string, planType: string | null = kind.startsWith('plan-') ? 'child-protection' : null) =>
    ({ id: `event-${++next}`, childId: 'child-a', kind, occurredOn, planType }) satisfies PracticeEventFact;
}

export const anAssessment = (changes: Partial<AssessmentFact> = {}): AssessmentFact => ({
  childId: 'child-a',
  assessmentId: 'assessment-1',
  startedOn: '2026-03-02',
  completedOn: null,
  authorisedOn: null,
  ...changes,
});

export const aPlan = (changes: Partial<PlanFact> = {}): PlanFact => ({
  childId: 'child-a',
  planId: 'plan-1',
  type: 'child-protection',
  category: 'NEG',
  startedOn: '2026-03-02',
  endedOn: null,
  initialConferenceOn: '2026-03-02',
  coreGroupsOn: ['2026-03-09'],
  reviewsOn: [],
  nextReviewOn: null,
  actionsMovedAtReviews: [],
  ...changes,
});

/** One row of a rule's table: the child's facts, the day and nation, and the alert expected (or none). */
export interface AlertCase {
  name: string;
  today: string;
  nation?: 'england' | 'wales';
  events?: (event: ReturnType<typeof eventMaker>) => PracticeEventFact[];
  assessments?: AssessmentFact[] | null;
  plans?: PlanFact[] | null;
  expect: (Pick<Alert, 'state' | 'dueOn'> & { reason?: string }) | null;
}

export function alertBy(rule: AlertRuleId, row: AlertCase): Alert | null {
  const child: ChildFacts = {
    childId: 'child-a',
    events: row.events?.(eventMaker()) ?? [],
    assessments: row.assessments === undefined ? [] : row.assessments,
    plans: row.plans === undefined ? [] : row.plans,
  };
  const alerts = alertsOf(
    child,
    testClock(row.today, row.nation),
    RULES.filter((r) => r.id === rule),
  );
  return alerts[0] ?? null;
}

export function checkAlertCase(rule: AlertRuleId, row: AlertCase, deepEqual: (a: unknown, b: unknown) => void) {
  const alert = alertBy(rule, row);
  if (row.expect === null) return deepEqual(alert, null);
  const { reason, ...expected } = row.expect;
  deepEqual(alert && { state: alert.state, dueOn: alert.dueOn }, expected);
  if (reason !== undefined) deepEqual(alert?.reason, reason);
}
