import { londonDay } from '../../../platform/time.js';
import { dateInput, defineForm, text } from '../../../platform/validation.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A new child: the API's fields (and a page's, should one come), checked once. */
export const childForm = defineForm({
  givenName: text({ label: 'Given name', required: 'Enter the child’s given name', maxLength: 100 }),
  familyName: text({ label: 'Family name', required: 'Enter the child’s family name', maxLength: 100 }),
  dateOfBirth: dateInput({
    label: 'Date of birth',
    required: 'Enter the child’s date of birth',
    check: (day) => (day > londonDay(new Date()) ? 'Date of birth must be today or in the past' : null),
  }),
  familyId: text({ label: 'Family', maxLength: 36, pattern: { regex: UUID, message: 'The family must be given by its id' } }),
});
