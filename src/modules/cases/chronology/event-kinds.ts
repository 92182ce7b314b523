/**
 * The controlled list of chronology events. The kind names are contracts: the API takes them, CSV imports carry them, and
 * the pattern rules (flags.ts) read them. Family circumstances are a list of their own so that poverty can never be counted
 * as neglect: they may only ever suggest support.
 */
export const CARE_EVENT_KINDS = [
  'referral',
  'police-domestic-abuse-notification',
  'missed-health-appointment',
  'school-attendance-concern',
  'emergency-department-attendance',
  'home-visit-seen',
  'home-visit-seen-alone',
  'home-visit-not-seen',
  'home-visit-no-access',
  'strategy-discussion',
  'child-protection-conference',
  'plan-start',
  'plan-end',
  'case-closed',
  'household-change',
] as const;

export const FAMILY_CIRCUMSTANCE_KINDS = ['eviction-notice', 'benefit-sanction', 'debt', 'loss-of-work', 'food-bank-referral'] as const;

export const EVENT_KINDS = [...CARE_EVENT_KINDS, ...FAMILY_CIRCUMSTANCE_KINDS] as const;

/** Only `plan-start` and `plan-end` carry a plan type. */
export const PLAN_TYPES = ['early-help', 'child-in-need', 'child-protection'] as const;

export const SIGNIFICANCES = ['low', 'medium', 'high'] as const;

export type CareEventKind = (typeof CARE_EVENT_KINDS)[number];
export type FamilyCircumstanceKind = (typeof FAMILY_CIRCUMSTANCE_KINDS)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type PlanType = (typeof PLAN_TYPES)[number];
export type Significance = (typeof SIGNIFICANCES)[number];

export const isFamilyCircumstance = (kind: EventKind): kind is FamilyCircumstanceKind =>
  (FAMILY_CIRCUMSTANCE_KINDS as readonly string[]).includes(kind);

/** What the pattern rules need to know of one event: its current version, never the text a worker wrote. */
export interface FlagEvent {
  id: string;
  kind: EventKind;
  /** YYYY-MM-DD, the day it happened (not the day it was recorded). */
  occurredOn: string;
  /** The agency that told us, e.g. `police`, `health`, `school`, `children's social care`. */
  agency: string;
  significance: Significance;
  planType: PlanType | null;
  /** The children of the family it concerns (at least one for care events; family circumstances may concern them all). */
  childIds: string[];
}

/** The rule ids are contracts: the API returns them and people learn what each one means. */
export const FLAG_RULES = [
  'repeated-concern',
  'multi-agency',
  'rising-significance',
  're-referral',
  'repeat-protection-plan',
  'sibling-on-plan',
  'not-seen',
  'not-seen-alone',
  'repeated-reopening',
  'support-suggested',
] as const;

export type FlagRule = (typeof FLAG_RULES)[number];

/** A pattern found in one child's history, with the events behind it and a sentence a worker can read aloud. */
export interface Flag {
  rule: FlagRule;
  childId: string;
  eventIds: string[];
  explanation: string;
}
