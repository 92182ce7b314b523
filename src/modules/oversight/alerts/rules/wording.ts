import { formatDay } from '../../../../platform/time.js';
import type { PlanFact } from '../../../../platform/practice/drift-facts.js';
import type { AlertClock, AlertState } from './types.js';

/** "5 May 2026": reasons go in emails and on pages, so they say days as people do. */
export const day = formatDay;

/** "is due by 5 May 2026" or "was due by 5 May 2026", for the two states of an alert. */
export const dueBy = (state: AlertState, dueOn: string) => `${state === 'missed' ? 'was' : 'is'} due by ${day(dueOn)}`;

const PLAN_NAMES: Record<PlanFact['type'], string> = {
  'early-help': 'early help plan',
  'child-in-need': 'child in need plan',
  'child-protection': 'child protection plan',
};
export const planName = (type: PlanFact['type']) => PLAN_NAMES[type];

/** The DfE CIN census categories of abuse, as a sentence says them. */
const CATEGORY_NAMES: Record<NonNullable<PlanFact['category']>, string> = {
  NEG: 'neglect',
  PHY: 'physical abuse',
  EMO: 'emotional abuse',
  SAB: 'sexual abuse',
  MUL: 'multiple categories',
};
export const categoryName = (category: NonNullable<PlanFact['category']>) => CATEGORY_NAMES[category];

/**
 * Whether a day is close enough to raise an alert, and which: `missed` once it has passed, `due-soon` from
 * `dueSoonDays` working days before it up to and including the day itself, and nothing before that.
 */
export function stateOn(dueOn: string, clock: AlertClock): AlertState | null {
  if (clock.today > dueOn) return 'missed';
  const left = clock.workingDaysBetween(clock.today, dueOn);
  return left !== null && left <= clock.dueSoonDays ? 'due-soon' : null;
}

/** A plan still open on the day: begun by then, and not ended by then. */
export const openOn = (plan: PlanFact, today: string) => plan.startedOn <= today && (plan.endedOn === null || plan.endedOn > today);
