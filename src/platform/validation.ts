/**
 * The one way Hearth checks what people send. A form is a set of named fields; each field turns the raw value into
 * a typed one or into an error written for the person reading it (what is wrong and how to fix it). Pages show the
 * errors in the GOV.UK error summary with every value kept; the API returns them in a problem+json body.
 */

import { parseDay } from './time.js';

export interface FieldError {
  /** The id the error summary links to: the field's name, or for a date input the first box to correct. */
  field: string;
  text: string;
  /** For a date input, the boxes to mark as wrong when not all of them are. */
  boxes?: readonly DatePart[];
}

/** `parts` names the boxes of a date input to mark as wrong; without it, every box is marked. */
type Parsed<T> = { value: T } | { error: string; parts?: readonly DatePart[] };

export interface Field<T> {
  parse(raw: unknown): Parsed<T>;
  /** Secret fields (passwords, codes) are never sent back to the page after an error. */
  secret?: boolean;
  /** A field typed in several boxes, each posted as `<name>-<part>`, such as a date's day, month and year. */
  parts?: readonly DatePart[];
  schema: Record<string, unknown>;
}

interface TextOptions {
  /** The error when the field is empty. Leave out for an optional field. */
  required?: string;
  maxLength?: number;
  /** Name used in messages such as "Name must be 100 characters or fewer". */
  label: string;
  pattern?: { regex: RegExp; message: string };
}

function firstString(raw: unknown): string {
  if (Array.isArray(raw)) return firstString(raw[0]);
  if (typeof raw === 'string') return raw;
  // A JSON body can carry an object where a form has text; it counts as not filled in, never as "[object Object]".
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
}

export function text(options: TextOptions): Field<string> {
  const maxLength = options.maxLength ?? 500;
  return {
    schema: { type: 'string', maxLength, ...(options.pattern ? { pattern: options.pattern.regex.source } : {}) },
    parse(raw) {
      const value = firstString(raw).trim();
      if (value === '') return options.required ? { error: options.required } : { value: '' };
      if ([...value].length > maxLength) return { error: `${options.label} must be ${maxLength} characters or fewer` };
      if (options.pattern && !options.pattern.regex.test(value)) return { error: options.pattern.message };
      return { value };
    },
  };
}

// Deliberately loose: the confirmation email is the real test of an address.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function email(options: { required?: string } = {}): Field<string> {
  return {
    schema: { type: 'string', format: 'email', maxLength: 254 },
    parse(raw) {
      const value = firstString(raw).trim().toLowerCase();
      if (value === '') return { error: options.required ?? 'Enter your email address' };
      if (value.length > 254 || !EMAIL.test(value)) {
        return { error: 'Enter an email address in the correct format, like name@example.org' };
      }
      return { value };
    },
  };
}

export function secretText(options: { required: string; maxLength?: number; label: string }): Field<string> {
  const maxLength = options.maxLength ?? 1000;
  return {
    secret: true,
    schema: { type: 'string', maxLength },
    parse(raw) {
      const value = firstString(raw);
      if (value === '') return { error: options.required };
      if (value.length > maxLength) return { error: `${options.label} must be ${maxLength} characters or fewer` };
      return { value };
    },
  };
}

/** A whole number typed in a box, such as a number of days: digits only, within a range. */
export function wholeNumber(options: { label: string; min: number; max: number; required: string }): Field<number> {
  return {
    // The range is described, not enforced by the schema, so that the person gets this field's own message.
    schema: { type: 'integer', description: `A whole number from ${options.min} to ${options.max}` },
    parse(raw) {
      const value = firstString(raw).trim();
      if (value === '') return { error: options.required };
      const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
      if (!(number >= options.min && number <= options.max)) {
        return { error: `${options.label} must be a whole number from ${options.min} to ${options.max}` };
      }
      return { value: number };
    },
  };
}

export function choice<T extends string>(options: readonly T[], messages: { required: string }): Field<T> {
  return {
    schema: { type: 'string', enum: options },
    parse(raw) {
      const value = firstString(raw);
      if (value === '') return { error: messages.required };
      return (options as readonly string[]).includes(value) ? { value: value as T } : { error: messages.required };
    },
  };
}

export function optionalChoice<T extends string>(options: readonly T[], messages: { invalid: string }): Field<T | null> {
  return {
    schema: { type: 'string', enum: options },
    parse(raw) {
      const value = firstString(raw);
      if (value === '') return { value: null };
      return (options as readonly string[]).includes(value) ? { value: value as T } : { error: messages.invalid };
    },
  };
}

export function checkboxes<T extends string>(options: readonly T[], messages: { required?: string; invalid: string }): Field<T[]> {
  return {
    schema: { type: 'array', items: { type: 'string', enum: options } },
    parse(raw) {
      const values = (Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw]).map(firstString).filter((v) => v !== '');
      if (values.length === 0 && messages.required) return { error: messages.required };
      if (values.some((v) => !(options as readonly string[]).includes(v))) return { error: messages.invalid };
      return { value: [...new Set(values)] as T[] };
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id in a URL or a form can be a row's id at all; anything else is "not found", never a database error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An id chosen from a list (a team, a message): a UUID, or the error given. */
export function uuid(messages: { required: string }): Field<string> {
  return {
    schema: { type: 'string', format: 'uuid' },
    parse(raw) {
      const value = firstString(raw).trim().toLowerCase();
      return isUuid(value) ? { value } : { error: messages.required };
    },
  };
}

export type DatePart = 'day' | 'month' | 'year';
const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

interface DateInputOptions {
  /** The date as a sentence would start with it: "The date to call again", "Date of birth". */
  label: string;
  /** The error when all three boxes are empty, such as "Enter the date to call again". Leave out for an optional date. */
  required?: string;
  /** A rule beyond being a real date, given the day as YYYY-MM-DD: the error, or null. */
  check?: (day: string) => string | null;
}

function listed(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The GOV.UK date input: three boxes, posted as `<name>-day`, `<name>-month` and `<name>-year`, with the design
 * system's error messages ("… must include a month", "… must be a real date"). The value is the day as YYYY-MM-DD,
 * or null when an optional date is left empty. An API client may send the day as one YYYY-MM-DD string instead.
 */
export function dateInput(options: DateInputOptions & { required: string }): Field<string>;
export function dateInput(options: DateInputOptions): Field<string | null>;
export function dateInput(options: DateInputOptions): Field<string | null> {
  const { label } = options;
  const finish = (day: string): Parsed<string | null> => {
    const problem = options.check?.(day);
    return problem ? { error: problem } : { value: day };
  };
  return {
    parts: DATE_PARTS,
    schema: { type: 'string', format: 'date' },
    parse(raw) {
      if (typeof raw === 'string') {
        if (raw.trim() === '') return options.required ? { error: options.required } : { value: null };
        const day = parseDay(raw.trim());
        return day ? finish(day) : { error: `${label} must be a real date` };
      }
      const boxes = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<DatePart, string>>;
      const typed = Object.fromEntries(DATE_PARTS.map((part) => [part, (boxes[part] ?? '').trim()])) as Record<DatePart, string>;
      const missing = DATE_PARTS.filter((part) => typed[part] === '');
      if (missing.length === 3) return options.required ? { error: options.required } : { value: null };
      if (missing.length > 0) return { error: `${label} must include a ${listed(missing)}`, parts: missing };
      if (!/^\d{4}$/.test(typed.year)) return { error: 'Year must include 4 numbers', parts: ['year'] };
      if (!/^\d{1,2}$/.test(typed.day) || !/^\d{1,2}$/.test(typed.month)) return { error: `${label} must be a real date` };
      const day = parseDay(`${typed.year}-${typed.month.padStart(2, '0')}-${typed.day.padStart(2, '0')}`);
      return day ? finish(day) : { error: `${label} must be a real date` };
    },
  };
}

/** Reads a field's raw value from a body: one value, or for a field in several boxes, each box by its own name. */
function rawValue(input: Record<string, unknown>, name: string, field: Field<unknown>): unknown {
  if (!field.parts || typeof input[name] === 'string') return input[name];
  return Object.fromEntries(field.parts.map((part) => [part, firstString(input[`${name}-${part}`])]));
}

/** Reads one field on its own, for forms whose fields depend on each other: the same errors as `defineForm` gives. */
export function parseField<T>(field: Field<T>, name: string, body: unknown): { value: T } | { error: FieldError } {
  const input = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const parsed = field.parse(rawValue(input, name, field));
  return 'error' in parsed ? { error: fieldError(name, field, parsed) } : parsed;
}

function fieldError(name: string, field: Field<unknown>, parsed: { error: string; parts?: readonly DatePart[] }): FieldError {
  if (!field.parts) return { field: name, text: parsed.error };
  const boxes = parsed.parts ?? field.parts;
  return { field: `${name}-${boxes[0]}`, text: parsed.error, ...(parsed.parts ? { boxes } : {}) };
}

export type FormSpec = Record<string, Field<unknown>>;
export type FormData<S extends FormSpec> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };
export type FormValues = Record<string, string | string[]>;

export type FormResult<S extends FormSpec> =
  { ok: true; data: FormData<S>; values: FormValues } | { ok: false; errors: FieldError[]; values: FormValues };

export function defineForm<S extends FormSpec>(spec: S) {
  function parse(body: unknown): FormResult<S> {
    const input = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const errors: FieldError[] = [];
    const data: Record<string, unknown> = {};
    const values: FormValues = {};
    for (const [name, field] of Object.entries(spec)) {
      const raw = rawValue(input, name, field);
      if (field.parts) {
        for (const part of field.parts) values[`${name}-${part}`] = firstString(input[`${name}-${part}`]);
      } else if (!field.secret) {
        values[name] = Array.isArray(raw) ? raw.map(firstString) : firstString(raw);
      }
      const parsed = field.parse(raw);
      if ('error' in parsed) errors.push(fieldError(name, field, parsed));
      else data[name] = parsed.value;
    }
    return errors.length > 0 ? { ok: false, errors, values } : { ok: true, data: data as FormData<S>, values };
  }

  const jsonSchema = {
    type: 'object',
    properties: Object.fromEntries(Object.entries(spec).map(([name, field]) => [name, field.schema])),
  };

  return { parse, jsonSchema, fields: Object.keys(spec) };
}

/** For the govukErrorSummary macro. */
export function errorSummaryList(errors: readonly FieldError[]) {
  return errors.map((error) => ({ text: error.text, href: `#${error.field}` }));
}

/** For a field's errorMessage parameter; undefined (no error) renders nothing. A date input's error is on one of its boxes. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string) {
  const error = errors?.find((e) => e.field === field || DATE_PARTS.some((part) => e.field === `${field}-${part}`));
  return error ? { text: error.text } : undefined;
}

const BOX_WIDTHS: Record<DatePart, string> = { day: 'govuk-input--width-2', month: 'govuk-input--width-2', year: 'govuk-input--width-4' };

/** The `items` of a govukDateInput for a `dateInput` field: the boxes, what was typed in them, and which are wrong. */
export function dateInputItems(name: string, values: FormValues | undefined, errors: readonly FieldError[] | undefined) {
  const error = errors?.find((e) => DATE_PARTS.some((part) => e.field === `${name}-${part}`));
  return DATE_PARTS.map((part) => ({
    name: part,
    label: part.charAt(0).toUpperCase() + part.slice(1),
    classes: BOX_WIDTHS[part] + (error && (error.boxes ?? DATE_PARTS).includes(part) ? ' govuk-input--error' : ''),
    value: values?.[`${name}-${part}`],
  }));
}
