import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { sendProblem } from '../../platform/errors.js';
import type { RefusedReason } from '../../platform/practice/records.js';
import { Nullable, OneOf } from '../../platform/schemas.js';
import type { FieldError } from '../../platform/validation.js';
import { POINTER_RULES } from './progress/pattern.js';
import type { CompliancePattern } from './lifecycle/service.js';
import type { PlanDetail } from './queries.js';
import { CATEGORIES, MARKS, OWNER_KINDS, PLAN_TYPES } from './schema.js';
import type { Changed } from './store.js';
import { sendRecordRefusal } from '../../platform/practice/refusals.js';

export const TAGS = ['practice'];
export const ChildParams = Type.Object({ id: Type.String({ description: 'The child’s id' }) });
export const PlanParams = Type.Object({
  id: Type.String({ description: 'The child’s id' }),
  planId: Type.String({ description: 'The plan’s id' }),
});
export const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });

const Day = (description: string) => Type.String({ format: 'date', description });
const Summary = {
  id: Type.String({ format: 'uuid' }),
  childId: Type.String({ format: 'uuid' }),
  type: OneOf(PLAN_TYPES),
  category: Nullable(OneOf(CATEGORIES, { description: 'Child protection plans only' })),
  startedOn: Day('The day the plan started'),
  initialConferenceOn: Nullable(Day('The initial child protection conference; child protection plans only')),
  nextReviewOn: Nullable(Day('The next review booked')),
  endedOn: Nullable(Day('The day the plan ended')),
  endReason: Nullable(Type.String()),
  startedBy: Type.String(),
};
export const PlanSummaryJson = Type.Object(Summary);
export const PlanJson = Type.Object({
  ...Summary,
  outcomes: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), outcome: Type.String() })),
  actions: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      action: Type.String(),
      ownerKind: OneOf(OWNER_KINDS),
      owner: Type.String(),
      dueOn: Day('The day it is due'),
    }),
  ),
  coreGroups: Type.Array(
    Type.Object({ id: Type.String({ format: 'uuid' }), heldOn: Type.String({ format: 'date' }), note: Type.String() }),
  ),
  reviews: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      heldOn: Type.String({ format: 'date' }),
      nextReviewOn: Nullable(Type.String({ format: 'date' })),
      recordedBy: Type.String(),
      progress: Type.Array(Type.Object({ actionId: Type.String({ format: 'uuid' }), mark: OneOf(MARKS), evidence: Type.String() })),
    }),
    { description: 'Oldest first. A review’s progress is never changed: each review adds its own' },
  ),
  pointers: Type.Array(
    Type.Object({ rule: OneOf(POINTER_RULES), text: Type.String(), actionIds: Type.Array(Type.String({ format: 'uuid' })) }),
    { description: 'What the reviews’ marks show together, in plain words' },
  ),
});

export const planJson = (plan: PlanDetail, pattern: CompliancePattern) => ({ ...plan, pointers: pattern.pointers });

/** Why a child's record or plan could not be opened, as the practice APIs say it (a missing plan is a missing record). */
export const refuse = (reply: FastifyReply, reason: RefusedReason) =>
  sendRecordRefusal(reply, reason, 'There is no child or plan with this id.');

export const invalid = (reply: FastifyReply, title: string, errors: FieldError[]) =>
  sendProblem(reply, { status: 400, title, detail: errors.map((e) => e.text).join('. '), kind: 'validation', errors });

/** A change's result as the API answers it: 201 with the new id, or the problem. */
export function answer(reply: FastifyReply, result: Changed<{ id: string }>, title: string) {
  if (result.ok) return reply.code(201).send({ id: result.id });
  if (result.reason === 'invalid') return invalid(reply, title, result.errors);
  if (result.reason === 'conflict') {
    const detail = result.errors.map((e) => e.text).join('. ');
    return sendProblem(reply, { status: 409, title, detail, kind: 'conflict', errors: result.errors });
  }
  return refuse(reply, result.reason);
}
