import { addMonths, parseDay } from '../../platform/time.js';
import { calendarOf, type CalendarRefusal } from '../../platform/calendar/calendar.js';
import type { Nation } from '../../platform/calendar/nations.js';

/** The statutory milestones of a child's journey that oversight counts, each from the event named in `from`. */
export const MILESTONES = [
  'referral-decision',
  'assessment',
  'initial-conference',
  'first-core-group',
  'first-review',
  'later-review',
] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface Timescale {
  milestone: Milestone;
  /** What it is, in a manager's words. */
  title: string;
  /** The event the count starts from (day 0, never counted itself). */
  from: string;
  amount: number;
  unit: 'working-days' | 'months';
  /** The guidance that sets it. docs/oversight.md says which figures were checked against the published text. */
  source: string;
}

const WT2023 = 'Working Together to Safeguard Children 2023 (England)';
const WSP = 'Wales Safeguarding Procedures (2019, updated since)';

type Figures = Record<Milestone, Pick<Timescale, 'amount' | 'unit'>>;

const COMMON: Omit<Figures, 'assessment'> = {
  'referral-decision': { amount: 1, unit: 'working-days' },
  'initial-conference': { amount: 15, unit: 'working-days' },
  'first-core-group': { amount: 10, unit: 'working-days' },
  'first-review': { amount: 3, unit: 'months' },
  'later-review': { amount: 6, unit: 'months' },
};

const FIGURES: Record<Nation, Figures> = {
  // WT2023, chapter 3: a decision on a referral within one working day; an assessment within 45 working days of the
  // referral; the initial conference within 15 working days of the strategy discussion (or the last of them); the
  // core group within 10 working days of the conference; the first review within 3 months, then every 6 months at most.
  england: { ...COMMON, assessment: { amount: 45, unit: 'working-days' } },
  // The Wales Safeguarding Procedures count an assessment in 42 working days (the Welsh Government's performance
  // measure counts it "from the point of referral"); the other figures are the same as England's.
  wales: { ...COMMON, assessment: { amount: 42, unit: 'working-days' } },
};

const WORDS: Record<Milestone, Pick<Timescale, 'title' | 'from'>> = {
  'referral-decision': { title: 'Decision on a referral', from: 'the referral' },
  assessment: { title: 'Assessment completed', from: 'the referral' },
  'initial-conference': { title: 'Initial child protection conference', from: 'the strategy discussion' },
  'first-core-group': { title: 'First core group meeting', from: 'the initial child protection conference' },
  'first-review': { title: 'First review conference', from: 'the initial child protection conference' },
  'later-review': { title: 'Next review conference', from: 'the previous review conference' },
};

/** The nation's timescale for a milestone, with where it comes from. */
export function timescaleOf(nation: Nation, milestone: Milestone): Timescale {
  return { milestone, ...WORDS[milestone], ...FIGURES[nation][milestone], source: nation === 'england' ? WT2023 : WSP };
}

/** Every timescale of a nation, in the order a child's journey meets them. */
export function timescalesOf(nation: Nation): Timescale[] {
  return MILESTONES.map((milestone) => timescaleOf(nation, milestone));
}

export type DueDay = { ok: true; date: string } | CalendarRefusal;

/**
 * The last day on which a milestone is in time, counted from `start` (the day of the event it runs from) by the
 * nation's working days or in calendar months. "Within 3 months" of 31 January is 30 April (addMonths holds the day
 * back to the end of a shorter month); a month count is not moved off a weekend or a bank holiday, as the guidance
 * counts months and not working days.
 */
export function dueDayOf(nation: Nation, milestone: Milestone, start: string): DueDay {
  const { amount, unit } = FIGURES[nation][milestone];
  if (unit === 'working-days') return calendarOf(nation).addWorkingDays(start, amount);
  return parseDay(start) ? { ok: true, date: addMonths(start, amount) } : { ok: false, reason: 'not-a-day' };
}
