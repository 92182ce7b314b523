import { parseDay } from '../../../platform/time.js';
import type { FieldError } from '../../../platform/validation.js';
import { EVENT_KINDS, PLAN_TYPES, SIGNIFICANCES, type EventKind, type PlanType, type Significance } from './event-kinds.js';

/** One event as a worker or another system tells it: the same for a first version and for a correction. */
export interface EventInput {
  kind: EventKind;
  occurredOn: string;
  agency: string;
  significance: Significance;
  planType: PlanType | null;
  summary: string;
}

const PLAN_KINDS: readonly string[] = ['plan-start', 'plan-end'];
export const takesPlanType = (kind: string) => PLAN_KINDS.includes(kind);

/**
 * The rules an event must keep whoever sends it, written once for the form, the API and the service. The form has
 * already turned the text into typed values; these are the rules between fields and against the calendar.
 */
export function eventProblems(input: EventInput, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (!(EVENT_KINDS as readonly string[]).includes(input.kind))
    problems.push({ field: 'kind', text: 'Choose what happened from the list' });
  if (parseDay(input.occurredOn) !== input.occurredOn) {
    problems.push({ field: 'occurredOn-day', text: 'The date it happened must be a real date' });
  } else if (input.occurredOn > today) {
    // A chronology records what has happened; a planned visit belongs in a plan, not here.
    problems.push({ field: 'occurredOn-day', text: 'The date it happened must be today or in the past' });
  }
  if (!(SIGNIFICANCES as readonly string[]).includes(input.significance)) {
    problems.push({ field: 'significance', text: 'Choose how significant it was' });
  }
  if (takesPlanType(input.kind)) {
    if (!input.planType || !(PLAN_TYPES as readonly string[]).includes(input.planType)) {
      problems.push({ field: 'planType', text: 'Choose the type of plan that started or ended' });
    }
  } else if (input.planType) {
    problems.push({ field: 'planType', text: 'Leave the type of plan empty: only a plan starting or ending has one' });
  }
  if (input.agency.trim() === '') problems.push({ field: 'agency', text: 'Enter the agency that told you' });
  if (input.summary.trim() === '') problems.push({ field: 'summary', text: 'Enter a summary of what happened' });
  return problems;
}
