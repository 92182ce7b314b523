import { isRole, type Role } from '../roles.js';
import { defineForm, text, type Field, type FieldError, type FormValues } from '../validation.js';
import { cursorFrom } from '../pagination.js';
import { parseDay } from '../time.js';

/*
 * Query strings arrive from anywhere (a bookmark, a crafted link), so each filter is read as carefully as a form.
 * A malformed cursor is ignored and the list starts from the top; a malformed filter the person typed is shown as an error.
 */

/** Query strings with a NUL character were already refused (400) by the body-parsing hook. */
function asRecord(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
}

function first(raw: unknown): string {
  if (Array.isArray(raw)) return first(raw[0]);
  return typeof raw === 'string' ? raw : '';
}

const searchForm = defineForm({ q: text({ maxLength: 200, label: 'Search' }) });

export interface UsersFilter {
  search: string;
  role: Role | null;
  after: string | undefined;
}

export function parseUsersFilter(query: unknown): { filter: UsersFilter; values: FormValues } {
  const input = asRecord(query);
  const search = searchForm.parse(input);
  const role = first(input.role);
  return {
    filter: {
      search: search.ok ? search.data.q : '',
      role: isRole(role) ? role : null,
      after: cursorFrom(input, 'after', 'text') ?? undefined,
    },
    values: { ...search.values, role },
  };
}

/** A day as YYYY-MM-DD, the format a date field sends; the audit query turns it into a London day. */
function isoDate(label: string): Field<string | null> {
  return {
    schema: { type: 'string', format: 'date' },
    parse(raw) {
      const value = first(raw).trim();
      if (value === '') return { value: null };
      const day = parseDay(value);
      if (!day || day < '2000-01-01') {
        return { error: `${label} must be a real date, like 2026-11-23` };
      }
      return { value };
    },
  };
}

const auditFilterForm = defineForm({
  actor: text({ maxLength: 254, label: 'Who' }),
  action: text({ maxLength: 100, label: 'Action' }),
  subject: text({ maxLength: 100, label: 'Subject' }),
  from: isoDate('The ‘from’ date'),
  to: isoDate('The ‘to’ date'),
});

export interface AuditFilter {
  actor: string;
  action: string;
  subject: string;
  from: string | null;
  to: string | null;
  /** Show entries older than this id: the keyset cursor. */
  before: number | null;
}

export function parseAuditFilter(query: unknown): { filter: AuditFilter | null; errors: FieldError[]; values: FormValues } {
  const input = asRecord(query);
  const form = auditFilterForm.parse(input);
  if (!form.ok) return { filter: null, errors: form.errors, values: form.values };
  const { from, to } = form.data;
  if (from && to && from > to) {
    return {
      filter: null,
      errors: [{ field: 'to', text: 'The ‘to’ date must be the same as or after the ‘from’ date' }],
      values: form.values,
    };
  }
  return { filter: { ...form.data, before: cursorFrom(input, 'before', 'id') }, errors: [], values: form.values };
}
