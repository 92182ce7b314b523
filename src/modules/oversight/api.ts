import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { problems, typed } from '../../platform/schemas.js';
import { viewerOf } from '../../platform/practice/viewer.js';
import { isUuid } from '../../platform/validation.js';
import { CASE_WORKERS, MANAGERS } from './access.js';
import { ChildParams, Created, invalid, ItemParams, OversightJson, oversightJson, refuse } from './api-support.js';
import { answerForm, challengeForm, escalationForm } from './challenges/forms.js';
import { approvalForm, decisionForm } from './decisions/forms.js';
import { supervisionForm } from './supervision/forms.js';

const TAGS = ['practice'];
const base = '/api/v1/practice/children/:id/oversight';
const bodyOf = (form: { jsonSchema: object }, required: string[]) => Type.Unsafe<Record<string, unknown>>({ ...form.jsonSchema, required });

/** Oversight of a child for other systems, with a practitioner's or manager's token: the same forms, services and audit. */
export const oversightApi: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const oversight = app.oversight;
  const ids = (params: { id: string; item?: string }) =>
    isUuid(params.id) && (params.item === undefined || isUuid(params.item))
      ? { childId: params.id.toLowerCase(), itemId: params.item?.toLowerCase() ?? '' }
      : null;

  app.get(
    base,
    {
      config: CASE_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'A child’s supervision records, management decisions and challenges (reading it is audited)',
        params: ChildParams,
        response: { 200: OversightJson, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const at = ids(request.params);
      if (!at) return refuse(reply, 'hidden');
      const read = await oversight.oversightOf(viewerOf(request), at.childId);
      return read.ok ? oversightJson(read) : refuse(reply, read.reason);
    },
  );

  app.post(
    `${base}/supervision`,
    {
      config: MANAGERS,
      schema: {
        tags: TAGS,
        summary: 'Record a supervision session about the child (managers)',
        params: ChildParams,
        body: bodyOf(supervisionForm, ['heldOn', 'attendees', 'discussion', 'actions']),
        response: { 201: Created, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const at = ids(request.params);
      if (!at) return refuse(reply, 'hidden');
      const form = supervisionForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The supervision was not recorded', form.errors);
      const recorded = await oversight.supervision.record(viewerOf(request), at.childId, form.data);
      return recorded.ok ? reply.code(201).send({ id: recorded.id }) : refuse(reply, recorded.reason);
    },
  );

  app.post(
    `${base}/decisions`,
    {
      config: CASE_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'Record a management decision with its rationale, or propose one for a manager’s approval',
        params: ChildParams,
        body: bodyOf(decisionForm, ['decision', 'rationale', 'needsApproval']),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.String() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const at = ids(request.params);
      if (!at) return refuse(reply, 'hidden');
      const form = decisionForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The decision was not recorded', form.errors);
      const recorded = await oversight.decisions.propose(viewerOf(request), at.childId, form.data);
      if (recorded.ok) return reply.code(201).send({ id: recorded.id, status: recorded.status });
      if (recorded.reason === 'invalid') return invalid(reply, 'The decision was not recorded', recorded.errors);
      return refuse(reply, recorded.reason);
    },
  );

  app.post(
    `${base}/decisions/:item/approval`,
    {
      config: MANAGERS,
      schema: {
        tags: TAGS,
        summary: 'Approve a decision, or not (a manager who did not propose it)',
        params: ItemParams,
        body: bodyOf(approvalForm, ['outcome', 'note']),
        response: { 200: Type.Object({ status: Type.String() }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const at = ids(request.params);
      if (!at) return refuse(reply, 'not-found');
      const form = approvalForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The decision was not answered', form.errors);
      const answered = await oversight.decisions.answer(viewerOf(request), at.childId, at.itemId, form.data);
      return answered.ok ? { status: answered.status } : refuse(reply, answered.reason);
    },
  );

  app.post(
    `${base}/challenges`,
    {
      config: CASE_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'Challenge a decision (`about`: its id) or the child’s plan (`about`: "plan"); a manager must answer',
        params: ChildParams,
        body: bodyOf(challengeForm, ['about', 'concern']),
        response: { 201: Created, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const at = ids(request.params);
      if (!at) return refuse(reply, 'hidden');
      const form = challengeForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The challenge was not recorded', form.errors);
      const raised = await oversight.challenges.raise(viewerOf(request), at.childId, form.data);
      if (raised.ok) return reply.code(201).send({ id: raised.id });
      if (raised.reason === 'invalid') return invalid(reply, 'The challenge was not recorded', raised.errors);
      return refuse(reply, raised.reason);
    },
  );

  app.post(
    `${base}/challenges/:item/answer`,
    {
      config: MANAGERS,
      schema: {
        tags: TAGS,
        summary: 'Answer a challenge (a manager who neither raised it nor answered an earlier level of it)',
        params: ItemParams,
        body: bodyOf(answerForm, ['answer']),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const at = ids(request.params);
      if (!at) return refuse(reply, 'not-found');
      const form = answerForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The challenge was not answered', form.errors);
      const answered = await oversight.challenges.answer(viewerOf(request), at.childId, at.itemId, form.data.answer);
      return answered.ok ? reply.code(204).send(null) : refuse(reply, answered.reason);
    },
  );

  app.post(
    `${base}/challenges/:item/escalation`,
    {
      config: CASE_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'Take an answered challenge to the next level (up to 3); the chain is kept',
        params: ItemParams,
        body: bodyOf(escalationForm, ['concern']),
        response: {
          201: Type.Object({ id: Type.String({ format: 'uuid' }), level: Type.Integer() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const at = ids(request.params);
      if (!at) return refuse(reply, 'not-found');
      const form = escalationForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The challenge was not taken further', form.errors);
      const escalated = await oversight.challenges.escalate(viewerOf(request), at.childId, at.itemId, form.data.concern);
      return escalated.ok ? reply.code(201).send({ id: escalated.id, level: escalated.level }) : refuse(reply, escalated.reason);
    },
  );
};
