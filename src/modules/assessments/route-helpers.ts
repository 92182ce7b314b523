import type { FastifyReply } from 'fastify';
import { HttpError } from '../../platform/errors.js';
import type { RefusedReason } from '../../platform/practice/records.js';
import { formatDay } from '../../platform/time.js';
import { isUuid } from '../../platform/validation.js';
import type { AssessmentState } from './schema.js';

/** What every page says for an assessment or child that is missing, of another organisation, or closed to this person. */
export const noSuchRecord = () =>
  new HttpError(404, 'Page not found', 'There is no assessment at this address. Go back to your caseload at /practice.', 'not-found');

/** An id in a page's address, lower-cased, or a 404 before any query. */
export function idFrom(id: string): string {
  if (!isUuid(id)) throw noSuchRecord();
  return id.toLowerCase();
}

/**
 * A child's record that did not open: someone of the same organisation outside the team is sent to break the glass
 * (the practice records say where); anyone else gets the same 404 as for a missing record.
 */
export function refuseRecord(reply: FastifyReply, reason: RefusedReason, childId: string) {
  const records = reply.server.practiceRecords;
  if (reason === 'break-glass' && records) return reply.redirect(records.breakGlassPath(childId), 303);
  throw noSuchRecord();
}

export const STATE_LABELS: Record<AssessmentState, string> = {
  'in-progress': 'In progress',
  completed: 'Waiting for authorisation',
  authorised: 'Authorised',
};

export const STATE_TAGS: Record<AssessmentState, string> = {
  'in-progress': 'govuk-tag--blue',
  completed: 'govuk-tag--yellow',
  authorised: 'govuk-tag--green',
};

/** The days of an assessment as people read them. */
export const datesOf = (a: { startedOn: string; completedOn: string | null; authorisedOn: string | null }) => ({
  started: formatDay(a.startedOn),
  completed: a.completedOn ? formatDay(a.completedOn) : null,
  authorised: a.authorisedOn ? formatDay(a.authorisedOn) : null,
});
