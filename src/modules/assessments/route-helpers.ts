import type { FastifyReply } from 'fastify';
import type { RefusedReason } from '../../platform/practice/records.js';
import { formatDay } from '../../platform/time.js';
import { noSuchPracticeRecord, practiceIdFrom, refuseRecordPage } from '../../platform/practice/refusals.js';
import type { AssessmentState } from './schema.js';

// The practice door's one way of refusing a page (platform/practice/refusals.ts), in this module's words.
export const noSuchRecord = () => noSuchPracticeRecord('assessment');
export const idFrom = (id: string) => practiceIdFrom(id, 'assessment');
export const refuseRecord = (reply: FastifyReply, reason: RefusedReason, childId: string) =>
  refuseRecordPage(reply, reason, childId, 'assessment');

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
