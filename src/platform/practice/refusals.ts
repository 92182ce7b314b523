import type { FastifyReply } from 'fastify';
import { HttpError, sendProblem } from '../errors.js';
import { isUuid } from '../validation.js';
import type { RefusedReason } from './records.js';

/**
 * What every practice page says for a record that is missing, of another organisation or closed to this person: one
 * 404, so that an address never tells whether the child or their plan exists. `what` names it: "plan", "assessment".
 */
export const noSuchPracticeRecord = (what = 'record') =>
  new HttpError(404, 'Page not found', `There is no ${what} at this address. Go back to your caseload at /practice.`, 'not-found');

/** An id from a practice page's address, lower-cased, or that 404 before any query. */
export function practiceIdFrom(id: string, what = 'record'): string {
  if (!isUuid(id)) throw noSuchPracticeRecord(what);
  return id.toLowerCase();
}

/**
 * A child's record that did not open, as every practice page answers it: someone of the same organisation outside
 * the team is sent to break the glass, as the records' own pages do; anyone else, analysts included, gets the 404.
 */
export function refuseRecordPage(reply: FastifyReply, reason: RefusedReason, childId: string, what = 'record') {
  const records = reply.server.practiceRecords;
  if (reason === 'break-glass' && records) return reply.redirect(records.breakGlassPath(childId), 303);
  throw noSuchPracticeRecord(what);
}

/**
 * Why a child's record could not be opened, as every practice API says it. Another organisation's child is answered
 * exactly as a missing one, so that an id never tells whether the child exists; the glass can be broken only in Hearth.
 */
export function sendRecordRefusal(reply: FastifyReply, reason: RefusedReason, notFoundDetail = 'There is no child with this id.') {
  if (reason === 'break-glass') {
    return sendProblem(reply, {
      status: 403,
      title: 'Break the glass first',
      detail:
        'This child is not in your caseload or team. Open their record in Hearth and give a reason to break the glass; the API cannot.',
      kind: 'break-glass-needed',
    });
  }
  if (reason === 'counts-only') {
    return sendProblem(reply, {
      status: 403,
      title: 'Counts only',
      detail: 'Analysts see counts, never a child’s record.',
      kind: 'forbidden',
    });
  }
  return sendProblem(reply, { status: 404, title: 'Not found', detail: notFoundDetail, kind: 'not-found' });
}
