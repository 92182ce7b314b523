import type { FastifyReply } from 'fastify';
import { sendProblem } from '../errors.js';
import type { RefusedReason } from './records.js';

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
