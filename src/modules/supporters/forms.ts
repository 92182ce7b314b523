import { londonDay } from '../../platform/time.js';
import { checkboxes, choice, dateInput, defineForm, email, text, type Field } from '../../platform/validation.js';
import { normalisePostcode } from './pledges/gift-aid.js';

export const newsletterForm = defineForm({ email: email({ required: 'Enter your email address' }) });

function firstString(raw: unknown): string {
  if (Array.isArray(raw)) return firstString(raw[0]);
  return typeof raw === 'string' ? raw.trim() : '';
}

/** An amount in pounds, as people type it: "10", "10.50" or "£10". */
export function pounds(options: { required: string; label: string; min: number; max: number }): Field<number> {
  return {
    schema: { type: 'string', pattern: '^£?[0-9]+(\\.[0-9]{1,2})?$' },
    parse(raw) {
      const value = firstString(raw).replace(/,/g, '');
      if (value === '') return { error: options.required };
      const match = /^£?(\d{1,7})(?:\.(\d{1,2}))?$/.exec(value);
      if (!match) return { error: `${options.label} must be an amount in pounds, like 10 or 10.50` };
      const pence = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
      if (pence < options.min * 100) return { error: `${options.label} must be £${options.min} or more` };
      if (pence > options.max * 100) return { error: `${options.label} must be £${options.max.toLocaleString('en-GB')} or less` };
      return { value: pence };
    },
  };
}

export function postcode(): Field<string> {
  return {
    schema: { type: 'string', maxLength: 10 },
    parse(raw) {
      const value = firstString(raw);
      if (value === '') return { error: 'Enter your postcode' };
      const normal = normalisePostcode(value);
      return normal ? { value: normal } : { error: 'Enter a real UK postcode, like SW1A 1AA' };
    },
  };
}

export const pledgeForm = defineForm({
  amount: pounds({ required: 'Enter how much you would like to give', label: 'The amount', min: 1, max: 10_000 }),
  frequency: choice(['one-off', 'monthly'] as const, { required: 'Choose whether to give once or every month' }),
  giftAid: choice(['yes', 'no'] as const, { required: 'Choose whether to add Gift Aid' }),
});

/** Only asked when the supporter chooses Gift Aid: what HMRC needs on a declaration. */
export const giftAidForm = defineForm({
  title: text({ label: 'Title', maxLength: 4 }),
  firstName: text({ label: 'First name', required: 'Enter your first name', maxLength: 35 }),
  lastName: text({ label: 'Last name', required: 'Enter your last name', maxLength: 35 }),
  houseNameOrNumber: text({ label: 'House name or number', required: 'Enter your house name or number', maxLength: 40 }),
  address: text({ label: 'Street and town', required: 'Enter your street and town', maxLength: 200 }),
  postcode: postcode(),
  confirm: checkboxes(['uk-taxpayer', 'shortfall'] as const, {
    invalid: 'Confirm both statements to add Gift Aid',
  }),
});

export const paymentForm = defineForm({
  reference: text({
    label: 'Reference',
    required: 'Enter the pledge reference',
    maxLength: 20,
    pattern: { regex: /^HP-[A-Z0-9]{8}$/, message: 'Enter a pledge reference like HP-ABCD2345' },
  }),
  amount: pounds({ required: 'Enter the amount received', label: 'The amount received', min: 1, max: 100_000 }),
  received: dateInput({
    label: 'The date it was received',
    required: 'Enter the date it was received',
    check: (day) => (day > londonDay(new Date()) ? 'The date it was received must be today or in the past' : null),
  }),
});

export const issueForm = defineForm({
  subject: text({ label: 'Subject', required: 'Enter a subject', maxLength: 150 }),
  intro: text({ label: 'Introduction', required: 'Write an introduction', maxLength: 20_000 }),
});

export const problemForm = defineForm({
  kind: choice(['bounce', 'complaint'] as const, { required: 'Choose bounce or complaint' }),
  emails: text({ label: 'Email addresses', required: 'Enter at least one email address', maxLength: 20_000 }),
});

export const eventForm = defineForm({
  title: text({ label: 'Title', required: 'Enter a title', maxLength: 150 }),
  summary: text({ label: 'Summary', required: 'Enter a one-sentence summary', maxLength: 300 }),
  description: text({ label: 'Description', required: 'Enter a description', maxLength: 20_000 }),
  location: text({ label: 'Location', required: 'Enter where it happens, or how to join online', maxLength: 300 }),
  online: choice(['yes', 'no'] as const, { required: 'Choose whether the event is online' }),
  date: dateInput({
    label: 'The date',
    required: 'Enter the date',
    check: (day) => (day < londonDay(new Date()) ? 'The date must be today or in the future' : null),
  }),
  startTime: text({
    label: 'Start time',
    required: 'Enter a start time',
    pattern: { regex: /^([01]?\d|2[0-3]):[0-5]\d$/, message: 'Enter the start time in 24-hour form, like 10:30' },
  }),
  hours: text({
    label: 'Length',
    required: 'Enter how many hours it lasts',
    pattern: { regex: /^(\d{1,2})(\.5)?$/, message: 'Enter the length in hours, like 2 or 1.5' },
  }),
  capacity: text({
    label: 'Places',
    required: 'Enter how many places there are',
    pattern: { regex: /^[1-9]\d{0,4}$/, message: 'Enter the number of places as a whole number from 1 to 99999' },
  }),
});
