import type { FastifyReply } from 'fastify';
import { HttpError } from '../../platform/errors.js';
import { formatDate } from '../../platform/time.js';
import { isUuid } from '../../platform/validation.js';
import type { StoredFlag } from './flag-store.js';
import { RULE_NAMES } from './labels.js';

/** What every page says for a record that is missing, of another organisation, or closed to this person's role. */
export const noSuchRecord = () =>
  new HttpError(404, 'Page not found', 'There is no record at this address. Go back to your caseload at /practice.', 'not-found');

/** The id in a page's address, lower-cased, or a 404 before any query. */
export function recordId(id: string): string {
  if (!isUuid(id)) throw noSuchRecord();
  return id.toLowerCase();
}

/**
 * A record that did not open: someone of the same organisation outside the team is sent to break the glass; anyone
 * else gets the same 404 as for a missing record.
 */
export function refuseRecord(reply: FastifyReply, reason: 'hidden' | 'break-glass' | 'counts-only', childId?: string) {
  if (reason === 'break-glass' && childId) return reply.redirect(`/practice/children/${childId}/break-glass`, 303);
  if (reason === 'break-glass') {
    throw new HttpError(
      403,
      'Break the glass for each child first',
      'This family is not in your caseload or team. Open each child’s record and give your reason first.',
      'forbidden',
    );
  }
  throw noSuchRecord();
}

/** A flag as pages show it: its rule's name, its id, its explanation and the anchors of its events. */
export const flagView = (flag: StoredFlag) => ({
  rule: flag.rule,
  name: RULE_NAMES[flag.rule] ?? flag.rule,
  explanation: flag.explanation,
  raised: formatDate(flag.raisedAt),
  eventIds: flag.eventIds,
});

/** The first text of a raw form or query value (a repeated name gives a list), or '' when there is none. */
export function textOf(value: unknown): string {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : '';
}
