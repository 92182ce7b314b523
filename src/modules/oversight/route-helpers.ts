import type { FastifyReply } from 'fastify';
import { HttpError } from '../../platform/errors.js';
import type { PracticeRecords, RefusedReason } from '../../platform/practice/records.js';
import { isUuid } from '../../platform/validation.js';

/** What every oversight page says for a record that is missing, of another organisation, or closed to this role. */
export const noSuchRecord = () =>
  new HttpError(404, 'Page not found', 'There is no record at this address. Go back to your caseload at /practice.', 'not-found');

/** An id from the page's address, lower-cased, or a 404 before any query. */
export function idFrom(id: string): string {
  if (!isUuid(id)) throw noSuchRecord();
  return id.toLowerCase();
}

/**
 * A record that did not open: someone of the same organisation outside the team is sent to break the glass, as the
 * records' own pages do; anyone else, analysts included, gets the same 404 as for a missing record.
 */
export function refuseRecord(reply: FastifyReply, records: PracticeRecords | null, reason: RefusedReason, childId: string) {
  if (reason === 'break-glass' && records) return reply.redirect(records.breakGlassPath(childId), 303);
  throw noSuchRecord();
}

/** A step a person may not take on this record (not theirs to approve, already answered), said plainly. */
export const cannot = (title: string, detail: string) => new HttpError(409, title, detail, 'conflict');
