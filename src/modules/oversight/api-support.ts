import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { sendProblem } from '../../platform/errors.js';
import { Nullable, OneOf } from '../../platform/schemas.js';
import type { FieldError } from '../../platform/validation.js';
import type { ChildOversight } from './child/service.js';
import { sendRecordRefusal } from '../../platform/practice/refusals.js';

export const ChildParams = Type.Object({ id: Type.String({ description: 'The child’s id' }) });
export const ItemParams = Type.Object({
  id: Type.String({ description: 'The child’s id' }),
  item: Type.String({ description: 'The decision’s or the challenge’s id' }),
});
export const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });

const Step = Type.Object({
  id: Type.String({ format: 'uuid' }),
  level: Type.Integer({ minimum: 1, maximum: 3 }),
  concern: Type.String(),
  raisedBy: Type.String(),
  raisedAt: Type.String({ format: 'date-time' }),
  answer: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
});

export const OversightJson = Type.Object({
  supervision: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      heldOn: Type.String({ format: 'date' }),
      attendees: Type.String(),
      discussion: Type.String(),
      actions: Type.String(),
      recordedBy: Type.String(),
      recordedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  decisions: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      decision: Type.String(),
      rationale: Type.String(),
      status: OneOf(['recorded', 'awaiting-approval', 'approved', 'not-approved'] as const),
      proposedBy: Type.String(),
      proposedAt: Type.String({ format: 'date-time' }),
      approver: Nullable(Type.String()),
      approverNote: Nullable(Type.String()),
      approvedAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  challenges: Type.Array(
    Type.Object({
      decisionId: Nullable(Type.String({ format: 'uuid', description: 'The decision challenged; null for the child’s plan' })),
      open: Type.Boolean({ description: 'Whether its last step waits for an answer' }),
      steps: Type.Array(Step, { description: 'The challenge and each escalation, first to last: the whole chain' }),
    }),
  ),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function oversightJson(read: Extract<ChildOversight, { ok: true }>) {
  return {
    supervision: read.supervision.map((s) => ({ ...s, recordedAt: s.recordedAt.toISOString() })),
    decisions: read.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      rationale: d.rationale,
      status: d.status,
      proposedBy: d.proposedBy,
      proposedAt: d.proposedAt.toISOString(),
      approver: d.approver,
      approverNote: d.approverNote,
      approvedAt: iso(d.approvedAt),
    })),
    challenges: read.challenges.map((c) => ({
      decisionId: c.decisionId,
      open: c.open !== null,
      steps: c.steps.map((s) => ({
        id: s.id,
        level: s.level,
        concern: s.concern,
        raisedBy: s.raisedBy,
        raisedAt: s.raisedAt.toISOString(),
        answer: s.answer,
        answeredBy: s.answeredBy,
        answeredAt: iso(s.answeredAt),
      })),
    })),
  };
}

const CONFLICTS: Record<string, string> = {
  'own-decision': 'A decision is never approved by the person who proposed it: another manager must approve it.',
  'not-awaiting': 'This decision is not waiting for approval.',
  'own-challenge': 'Whoever raised a challenge does not answer it.',
  'answered-earlier': 'You answered an earlier level of this challenge: another manager must answer this one.',
  'already-answered': 'This challenge has been answered already.',
  'not-answered': 'A challenge can be taken further only once it has been answered.',
  'already-escalated': 'This answer has been taken further already.',
  'top-level': 'This challenge is at the highest level.',
  'own-answer': 'You gave this answer: someone else may take it further.',
};

/** Every reason a service can refuse, as the API says it. Another organisation's child is answered like a missing one. */
export function refuse(reply: FastifyReply, reason: string) {
  if (reason === 'break-glass' || reason === 'counts-only') return sendRecordRefusal(reply, reason);
  if (reason === 'not-a-manager') {
    return sendProblem(reply, { status: 403, title: 'Managers only', detail: 'Only a manager can do this.', kind: 'forbidden' });
  }
  const conflict = CONFLICTS[reason];
  if (conflict) return sendProblem(reply, { status: 409, title: 'Not possible now', detail: conflict, kind: 'conflict' });
  return sendRecordRefusal(reply, 'hidden', 'There is no such record.');
}

export const invalid = (reply: FastifyReply, title: string, errors: FieldError[]) =>
  sendProblem(reply, { status: 400, title, detail: errors.map((e) => e.text).join('. '), kind: 'validation', errors });
