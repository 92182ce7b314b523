import { checkboxes, choice, defineForm, text } from '../../../platform/validation.js';
import { GRANTEES } from './rules.js';

export const TITLE_MAX = 80;
export const DESCRIPTION_MAX = 500;
export const SLUG_MAX = 60;

/**
 * Addresses the boards already use for pages of their own: a board with one of these slugs could never be reached
 * (`/boards/search`, `/api/v1/boards/moderation/...`, `/api/v1/boards/admin/...`).
 */
export const RESERVED_SLUGS: readonly string[] = ['admin', 'join', 'moderation', 'new', 'pseudonym', 'search', 'unsubscribe'];

const title = text({ required: 'Enter the board’s name', maxLength: TITLE_MAX, label: 'Name' });
const description = text({
  required: 'Enter a short description, so people know what the board is for',
  maxLength: DESCRIPTION_MAX,
  label: 'Description',
});
const restricted = choice(['yes', 'no'] as const, { required: 'Select whether the board is restricted' });
const grantees = (action: string) => checkboxes(GRANTEES, { invalid: `Select who may ${action} from the table` });

export const newBoardForm = defineForm({
  title,
  slug: text({
    required: 'Enter the board’s web address',
    maxLength: SLUG_MAX,
    label: 'Web address',
    pattern: {
      regex: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      message: 'The web address must use only lower-case letters, numbers and single hyphens, like kinship-carers-wales',
    },
  }),
  description,
  restricted,
});

export const boardDetailsForm = defineForm({
  title,
  description,
  position: text({
    required: 'Enter the board’s place in the list',
    maxLength: 20,
    label: 'Place in the list',
    pattern: { regex: /^\d{1,3}$/, message: 'Enter the place in the list as a whole number from 0 to 999' },
  }),
});

export const boardRulesForm = defineForm({
  restricted,
  read: grantees('read'),
  reply: grantees('reply'),
  start: grantees('start threads'),
});
