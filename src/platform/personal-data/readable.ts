/**
 * Turns a personal-data export into plain HTML for the readable page: objects become summary lists, arrays become
 * numbered items, dates are London dates. Every value is escaped; nothing from the data is ever markup.
 */
import { formatDateTime } from '../time.js';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "consentWordingVersion" → "Consent wording version". */
export function labelFor(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined || value === '') return '<span class="govuk-hint">None</span>';
  if (value instanceof Date) return escapeHtml(formatDateTime(value));
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return escapeHtml(formatDateTime(date));
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return escapeHtml(String(value));
}

export function readableHtml(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '<p class="govuk-body">None.</p>';
    return `<ol class="govuk-list govuk-list--number">${value.map((item) => `<li>${readableHtml(item)}</li>`).join('')}</ol>`;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '<p class="govuk-body">None.</p>';
    return `<dl class="govuk-summary-list">${entries
      .map(
        ([key, inner]) =>
          `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${escapeHtml(labelFor(key))}</dt><dd class="govuk-summary-list__value">${readableHtml(inner)}</dd></div>`,
      )
      .join('')}</dl>`;
  }
  return scalar(value);
}
