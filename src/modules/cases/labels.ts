import type { EventKind, FlagRule, PlanType, Significance } from './chronology/event-kinds.js';

/** The controlled words as a social worker reads them on a page. The ids stay the contract; these are only labels. */
export const KIND_LABELS: Record<EventKind, string> = {
  referral: 'Referral',
  'police-domestic-abuse-notification': 'Police notification: domestic abuse',
  'missed-health-appointment': 'Missed health appointment',
  'school-attendance-concern': 'School attendance concern',
  'emergency-department-attendance': 'Emergency department attendance',
  'home-visit-seen': 'Home visit: child seen',
  'home-visit-seen-alone': 'Home visit: child seen alone',
  'home-visit-not-seen': 'Home visit: child not seen',
  'home-visit-no-access': 'Home visit: no access',
  'strategy-discussion': 'Strategy discussion',
  'child-protection-conference': 'Child protection conference',
  'plan-start': 'Plan started',
  'plan-end': 'Plan ended',
  'case-closed': 'Case closed',
  'household-change': 'Change in the household',
  'eviction-notice': 'Eviction notice',
  'benefit-sanction': 'Benefit sanction',
  debt: 'Debt',
  'loss-of-work': 'Loss of work',
  'food-bank-referral': 'Food bank referral',
};

export const RULE_NAMES: Record<FlagRule, string> = {
  'repeated-concern': 'Repeated concern',
  'multi-agency': 'Concerns from several agencies',
  'rising-significance': 'Rising significance',
  're-referral': 'Re-referral after closure',
  'repeat-protection-plan': 'Repeat child protection plan',
  'sibling-on-plan': 'A sibling is on a child protection plan',
  'not-seen': 'Not seen on visits in a row',
  'not-seen-alone': 'Not seen alone in the last 4 weeks',
  'repeated-reopening': 'Closed and re-referred again and again',
  'support-suggested': 'Support suggested for the family',
};

export const PLAN_LABELS: Record<PlanType, string> = {
  'early-help': 'Early help',
  'child-in-need': 'Child in need',
  'child-protection': 'Child protection',
};

export const SIGNIFICANCE_LABELS: Record<Significance, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const label = <K extends string>(labels: Record<K, string>, key: string): string => labels[key as K] ?? key;
