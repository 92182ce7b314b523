import { SUBJECTS } from '../../platform/subjects.js';
import {
  checkboxes,
  choice,
  dateInput,
  defineForm,
  email,
  parseField,
  text,
  type Field,
  type FieldError,
} from '../../platform/validation.js';
import { OUTCOMES } from './advisers/service.js';
import { londonDay, londonTime } from '../../platform/time.js';

const firstString = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw) ?? '';

/**
 * A UK number an adviser can ring: 10 or 11 digits starting with 0, or the same after +44. Spaces, dashes and brackets
 * are allowed because people type them; they are dropped before it is stored.
 */
export function ukPhone(): Field<string> {
  return {
    schema: { type: 'string', maxLength: 30 },
    parse(raw) {
      const typed = String(firstString(raw)).trim();
      if (typed === '') return { error: 'Enter a phone number we can call you on' };
      if (typed.length > 30) return { error: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982' };
      const digits = typed.replace(/[\s\-().]/g, '').replace(/^\+44(0)?/, '0');
      if (!/^0\d{9,10}$/.test(digits)) return { error: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982' };
      return { value: digits };
    },
  };
}

/** Optional email: empty is fine; anything typed must look like an address. */
function optionalEmail(): Field<string> {
  const strict = email();
  return {
    schema: strict.schema,
    parse(raw) {
      return String(firstString(raw)).trim() === '' ? { value: '' } : strict.parse(raw);
    },
  };
}

/** A slot is sent as the ISO instant it starts; whether it is still free is the service's question. */
function slotTime(): Field<Date> {
  return {
    schema: { type: 'string', format: 'date-time' },
    parse(raw) {
      const value = String(firstString(raw));
      const date = new Date(value);
      if (value === '' || value.length > 40 || Number.isNaN(date.getTime())) return { error: 'Choose a time for us to call you' };
      return { value: date };
    },
  };
}

const yesNo = (required: string) => choice(['yes', 'no'] as const, { required });

export const callbackForm = defineForm({
  name: text({ required: 'Enter your first name', maxLength: 100, label: 'Your first name' }),
  phone: ukPhone(),
  email: optionalEmail(),
  slot: slotTime(),
  safeToLeaveMessage: yesNo('Select yes if we can leave a message on this number'),
  forSomeoneElse: yesNo('Select yes if you are asking for a call for someone else'),
  needs: text({ maxLength: 500, label: 'What would help you talk to us' }),
  reason: text({
    required: 'Tell us briefly what you would like to talk about',
    maxLength: 1000,
    label: 'What you would like to talk about',
  }),
});

/**
 * Only what a browser's form can send: strings, or lists of them. The advice line's own date and time readers take
 * these, so that anything else a JSON body carries counts as not filled in.
 */
export function formFields(body: unknown): Record<string, string | string[]> {
  const input = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[name] = value as string[];
  }
  return fields;
}

/** Bots fill in every field they find; people never see this one. */
export const HONEYPOT = 'website';

export const FOLLOW_UP_TIMES = ['09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30'];

export const callLogForm = defineForm({
  outcome: choice(
    OUTCOMES.map((o) => o.code),
    { required: 'Select what happened on the call' },
  ),
  topics: checkboxes(
    SUBJECTS.map((s) => s.slug),
    { invalid: 'Select topics from the list' },
  ),
  notes: text({ maxLength: 4000, label: 'Notes' }),
  next: choice(['close', 'follow-up'] as const, { required: 'Select whether to close the request or call again' }),
});

const followUpDate = dateInput({ label: 'The date to call again', required: 'Enter the date to call again' });

/** The follow-up's date and time, when the adviser chose to call again. London time, in the future. */
export function parseFollowUp(body: unknown, now = new Date()): { value: Date } | { error: FieldError } {
  const date = parseField(followUpDate, 'followUp', body);
  if ('error' in date) return date;
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const time = String(firstString(input.followUpTime));
  const fail = (text: string, field = 'followUp-day') => ({ error: { field, text } });
  if (!FOLLOW_UP_TIMES.includes(time)) return fail('Select a time to call again', 'followUpTime');
  const at = londonTime(date.value, time);
  if (at <= now) return fail('The time to call again must be in the future');
  if (date.value > londonDay(new Date(now.getTime() + 90 * 86_400_000)))
    return fail('The date to call again must be within the next 90 days');
  return { value: at };
}

export const closureForm = defineForm({
  date: dateInput({
    label: 'The date the line is closed',
    required: 'Enter the date the line is closed',
    check: (day) => (day < londonDay(new Date()) ? 'The date the line is closed must be today or in the future' : null),
  }),
  reason: text({ required: 'Enter why the line is closed, such as “Staff training”', maxLength: 100, label: 'Reason' }),
});
