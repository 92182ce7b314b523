import type { FastifyReply } from 'fastify';
import { HttpError } from '../../platform/errors.js';
import type { RefusedReason } from '../../platform/practice/records.js';
import { noSuchPracticeRecord, practiceIdFrom, refuseRecordPage } from '../../platform/practice/refusals.js';

// The practice door's one way of refusing a page (platform/practice/refusals.ts).
export const noSuchRecord = () => noSuchPracticeRecord();
export const idFrom = (id: string) => practiceIdFrom(id);
export const refuseRecord = (reply: FastifyReply, reason: RefusedReason, childId: string) => refuseRecordPage(reply, reason, childId);

/** A step a person may not take on this record (not theirs to approve, already answered), said plainly. */
export const cannot = (title: string, detail: string) => new HttpError(409, title, detail, 'conflict');
