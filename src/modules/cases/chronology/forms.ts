import { londonDay } from '../../../platform/time.js';
import { choice, dateInput, defineForm, optionalChoice, text } from '../../../platform/validation.js';
import { EVENT_KINDS, PLAN_TYPES, SIGNIFICANCES } from './event-kinds.js';

const notInFuture = (day: string) => (day > londonDay(new Date()) ? 'The date it happened must be today or in the past' : null);

function eventFields() {
  return {
    kind: choice(EVENT_KINDS, { required: 'Choose what happened from the list' }),
    occurredOn: dateInput({ label: 'The date it happened', required: 'Enter the date it happened', check: notInFuture }),
    agency: text({ label: 'Agency', required: 'Enter the agency that told you', maxLength: 80 }),
    significance: choice(SIGNIFICANCES, { required: 'Choose how significant it was' }),
    planType: optionalChoice(PLAN_TYPES, { invalid: 'Choose the type of plan from the list' }),
    summary: text({ label: 'Summary', required: 'Enter a summary of what happened', maxLength: 4000 }),
  };
}

/** One definition of an event's fields, parsed alike by the page's quick form and the API. */
export const eventForm = defineForm(eventFields());

/** A correction is the whole event again, with the reason the first was wrong. */
export const correctionForm = defineForm({
  ...eventFields(),
  reason: text({ label: 'Reason', required: 'Enter why the entry needs correcting', maxLength: 1000 }),
});

export const noteForm = defineForm({
  note: text({ label: 'Analysis note', required: 'Enter your analysis of this entry', maxLength: 2000 }),
});

/** The chronology's filters, read from the query string: a wrong value is named, and the list is shown unfiltered. */
export const filterForm = defineForm({
  kind: optionalChoice(EVENT_KINDS, { invalid: 'Choose a kind of event from the list' }),
  agency: text({ label: 'Agency', maxLength: 80 }),
  significance: optionalChoice(SIGNIFICANCES, { invalid: 'Choose a significance from the list' }),
  from: dateInput({ label: 'The start of the period' }),
  to: dateInput({ label: 'The end of the period' }),
});
