import { londonDay } from '../../platform/time.js';
import { choice, dateInput, defineForm, optionalChoice, text } from '../../platform/validation.js';
import { CATEGORIES, MARKS, OWNER_KINDS, PLAN_TYPES } from './schema.js';

/**
 * The one definition of each plan form's fields: the pages and the API parse with them, so that a rule holds for both
 * in the same words. Rules between fields (a child protection plan's category) are in rules.ts, for the service.
 */
const today = () => londonDay(new Date());
const notAfterToday = (what: string) => (day: string) => (day > today() ? `${what} must be today or in the past` : null);

export const planForm = defineForm({
  type: choice(PLAN_TYPES, { required: 'Choose the type of plan' }),
  category: optionalChoice(CATEGORIES, { invalid: 'Choose the category of abuse from the list' }),
  startedOn: dateInput({ label: 'The start date', required: 'Enter the date the plan started', check: notAfterToday('The start date') }),
  initialConferenceOn: dateInput({
    label: 'The date of the initial conference',
    check: notAfterToday('The date of the initial conference'),
  }),
  nextReviewOn: dateInput({ label: 'The date of the first review' }),
});

export const outcomeForm = defineForm({
  outcome: text({ label: 'The outcome', required: 'Enter what should be different for the child', maxLength: 1000 }),
});

export const actionForm = defineForm({
  action: text({ label: 'The action', required: 'Enter what will be done', maxLength: 1000 }),
  ownerKind: choice(OWNER_KINDS, { required: 'Choose whether a professional or someone in the family will do it' }),
  owner: text({ label: 'Who will do it', required: 'Enter who will do it, by name or role', maxLength: 200 }),
  dueOn: dateInput({ label: 'The date it is due', required: 'Enter the date it is due' }),
});

export const coreGroupForm = defineForm({
  heldOn: dateInput({
    label: 'The date of the meeting',
    required: 'Enter the date of the meeting',
    check: notAfterToday('The date of the meeting'),
  }),
  note: text({ label: 'The note', required: 'Enter what the meeting decided or noticed', maxLength: 4000 }),
});

/** A review's own fields. Each action's mark and evidence are read field by field (`markField`, `evidenceField`). */
export const reviewForm = defineForm({
  heldOn: dateInput({
    label: 'The date of the review',
    required: 'Enter the date of the review',
    check: notAfterToday('The date of the review'),
  }),
  nextReviewOn: dateInput({ label: 'The date of the next review' }),
});

export const markField = choice(MARKS, { required: 'Choose whether the action was done, partly done or not done' });
export const evidenceField = text({ label: 'The evidence', required: 'Enter what shows the progress', maxLength: 2000 });

export const endForm = defineForm({
  endedOn: dateInput({ label: 'The end date', required: 'Enter the date the plan ended', check: notAfterToday('The end date') }),
  reason: text({ label: 'The reason', required: 'Enter why the plan ended', maxLength: 1000 }),
});
