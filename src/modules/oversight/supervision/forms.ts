import { londonDay } from '../../../platform/time.js';
import { dateInput, defineForm, text } from '../../../platform/validation.js';

const notInFuture = (day: string) => (day > londonDay(new Date()) ? 'The date of the supervision must be today or in the past' : null);

/** A supervision session about one child, parsed alike by the page and the API. */
export const supervisionForm = defineForm({
  heldOn: dateInput({ label: 'The date of the supervision', required: 'Enter the date of the supervision', check: notInFuture }),
  attendees: text({ label: 'Who attended', required: 'Enter who attended', maxLength: 500 }),
  discussion: text({ label: 'What was discussed', required: 'Enter what was discussed', maxLength: 8000 }),
  actions: text({ label: 'Actions agreed', required: 'Enter the actions agreed, or “none”', maxLength: 4000 }),
});
