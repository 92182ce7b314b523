import { londonDay } from '../../platform/time.js';
import { dateInput, defineForm, text } from '../../platform/validation.js';

/**
 * The one definition of a notice's fields: the page and the API both parse with it, so a rule written here holds for
 * both, and the messages are the same words.
 */
export const noticeForm = defineForm({
  title: text({ label: 'Title', required: 'Enter a title for the notice', maxLength: 120 }),
  body: text({ label: 'Notice', required: 'Enter what the notice says', maxLength: 2000 }),
  reviewBy: dateInput({
    label: 'The review date',
    required: 'Enter the date to review the notice',
    check: (day) => (day < londonDay(new Date()) ? 'The review date must be today or in the future' : null),
  }),
});
