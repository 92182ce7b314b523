import { type FlagEvent, type FlagRule, type Significance, SIGNIFICANCES, isFamilyCircumstance } from '../chronology/event-kinds.js';

/**
 * One child's history as the pattern rules read it: every current event that concerns the child, oldest first, and whether
 * the child is on a child protection plan today (the sibling rule asks that of the other children).
 */
export interface ChildHistory {
  childId: string;
  events: readonly FlagEvent[];
  protectionPlanNow: FlagEvent | null;
}

export interface FamilyHistory {
  today: string;
  children: readonly ChildHistory[];
}

/** What a rule found for one child: the events behind it and a sentence to read aloud. */
export interface Finding {
  events: readonly FlagEvent[];
  explanation: string;
}

export interface PatternRule {
  id: FlagRule;
  find(child: ChildHistory, family: FamilyHistory): Finding | null;
}

/**
 * The care kinds that signal a worry about the care a child gets. Visits where the child was seen, plans, meetings,
 * closures and household changes are what the service did or what changed, not concerns; family circumstances are
 * never concerns (see isFamilyCircumstance): poverty is met with help, not counted as neglect.
 */
export const CONCERN_KINDS = [
  'referral',
  'police-domestic-abuse-notification',
  'missed-health-appointment',
  'school-attendance-concern',
  'emergency-department-attendance',
  'home-visit-not-seen',
  'home-visit-no-access',
] as const;

const concernKinds = new Set<string>(CONCERN_KINDS);

export const isConcern = (event: FlagEvent): boolean => concernKinds.has(event.kind);

export const isHomeVisit = (event: FlagEvent): boolean => event.kind.startsWith('home-visit-');

export const isMissedVisit = (event: FlagEvent): boolean => event.kind === 'home-visit-not-seen' || event.kind === 'home-visit-no-access';

export const isProtectionPlan = (event: FlagEvent, kind: 'plan-start' | 'plan-end'): boolean =>
  event.kind === kind && event.planType === 'child-protection';

export const rank = (significance: Significance): number => SIGNIFICANCES.indexOf(significance);

export const byDateThenId = (a: FlagEvent, b: FlagEvent): number =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The child protection plan a child is on today: the latest child protection `plan-start` with no child protection
 * `plan-end` and no `case-closed` on a later day (a case cannot close with a plan still running, so a closure whose
 * plan-end was never recorded still ends it). An end on the same day as a start ends the plan before it: that is how a
 * plan that is ended and replaced on one day reads.
 */
export function protectionPlanNow(events: readonly FlagEvent[]): FlagEvent | null {
  let open: FlagEvent | null = null;
  for (const event of events) {
    if (isProtectionPlan(event, 'plan-start')) open = event;
    else if (open && event.occurredOn > open.occurredOn && (isProtectionPlan(event, 'plan-end') || event.kind === 'case-closed')) {
      open = null;
    }
  }
  return open;
}

/**
 * Each child's events, oldest first. A family circumstance that names no child concerns the whole family; a care event
 * must name its child. Events dated after today are left out: a mistyped year must not raise a flag about a day to come.
 */
export function familyHistory(childIds: readonly string[], events: readonly FlagEvent[], today: string): FamilyHistory {
  const byChild = new Map<string, FlagEvent[]>(childIds.map((id) => [id, []]));
  const sorted = events.filter((event) => event.occurredOn <= today).sort(byDateThenId);
  for (const event of sorted) {
    const about = event.childIds.length === 0 && isFamilyCircumstance(event.kind) ? childIds : new Set(event.childIds);
    for (const childId of about) byChild.get(childId)?.push(event);
  }
  return {
    today,
    children: childIds.map((childId) => {
      const childEvents = byChild.get(childId) ?? [];
      return { childId, events: childEvents, protectionPlanNow: protectionPlanNow(childEvents) };
    }),
  };
}
