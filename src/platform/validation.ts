/**
 * The one way Hearth checks what people send. A form is a set of named fields; each field turns the raw value into
 * a typed one or into an error written for the person reading it (what is wrong and how to fix it). Pages show the
 * errors in the GOV.UK error summary with every value kept; the API returns them in a problem+json body.
 */

export interface FieldError {
  field: string;
  text: string;
}

type Parsed<T> = { value: T } | { error: string };

export interface Field<T> {
  parse(raw: unknown): Parsed<T>;
  /** Secret fields (passwords, codes) are never sent back to the page after an error. */
  secret?: boolean;
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
      const raw = input[name];
      if (!field.secret) {
        values[name] = Array.isArray(raw) ? raw.map(firstString) : firstString(raw);
      }
      const parsed = field.parse(raw);
      if ('error' in parsed) errors.push({ field: name, text: parsed.error });
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

/** For a field's errorMessage parameter; undefined (no error) renders nothing. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string) {
  const error = errors?.find((e) => e.field === field);
  return error ? { text: error.text } : undefined;
}
