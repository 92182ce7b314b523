import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { sendProblem } from '../../platform/errors.js';
import { viewerOf } from '../../platform/practice/viewer.js';
import { Nullable, OneOf, problems, typed } from '../../platform/schemas.js';
import { isUuid } from '../../platform/validation.js';
import { ASSESSORS } from './access.js';
import { SUPPORT_KINDS } from './framework/format.js';
import type { Assessment } from './queries.js';
import { startForm } from './recording/forms.js';
import { sendRecordRefusal } from '../../platform/practice/refusals.js';

const TAGS = ['practice'];
const ChildParams = Type.Object({ id: Type.String({ description: 'The child’s id' }) });

const AssessmentJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  state: OneOf(['in-progress', 'completed', 'authorised'] as const, { description: '`completed`: waiting for a manager to authorise it' }),
  startedOn: Type.String({ format: 'date' }),
  completedOn: Nullable(Type.String({ format: 'date' })),
  authorisedOn: Nullable(Type.String({ format: 'date' })),
  author: Type.String(),
  authorisedBy: Nullable(Type.String()),
  returnedReason: Nullable(Type.String({ description: 'Why a manager last returned it, until it is completed again' })),
  framework: Type.String({ description: 'The title of the framework it was made with' }),
  domains: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Type.String(),
      grade: Nullable(Type.Number({ description: 'The mean of the domain’s grades, 1 (needs met well) to 4 (seldom met)' })),
    }),
    { description: 'The child’s needs; the family’s circumstances are never graded and so are not here' },
  ),
});

const AssessmentDetailJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  state: OneOf(['in-progress', 'completed', 'authorised'] as const),
  startedOn: Type.String({ format: 'date' }),
  completedOn: Nullable(Type.String({ format: 'date' })),
  authorisedOn: Nullable(Type.String({ format: 'date' })),
  framework: Type.Object({ title: Type.String(), version: Type.Integer() }),
  childWords: Type.String({ description: 'The child’s own words' }),
  domains: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Type.String(),
      professionalView: Type.String(),
      parentsView: Type.String(),
      questions: Type.Array(
        Type.Object({
          key: Type.String(),
          text: Type.String(),
          grade: Nullable(Type.Integer({ minimum: 1, maximum: 4 })),
          evidence: Nullable(Type.String()),
        }),
      ),
    }),
  ),
  circumstances: Type.Array(
    Type.Object(
      {
        key: Type.String(),
        title: Type.String(),
        pressure: Nullable(Type.Boolean({ description: 'Null until asked' })),
        note: Type.String(),
        support: OneOf(SUPPORT_KINDS),
        supportOffered: Type.String(),
      },
      { description: 'Never graded: a pressure on the family leads to support' },
    ),
  ),
});

const detailJson = (a: Assessment) => ({
  id: a.id,
  state: a.state,
  startedOn: a.startedOn,
  completedOn: a.completedOn,
  authorisedOn: a.authorisedOn,
  framework: { title: a.framework.title, version: a.frameworkVersion },
  childWords: a.childWords,
  domains: a.framework.domains.map((d) => ({
    key: d.key,
    title: d.title,
    professionalView: a.views[d.key]?.professional ?? '',
    parentsView: a.views[d.key]?.parents ?? '',
    questions: d.questions.map((q) => ({
      key: q.key,
      text: q.text,
      grade: a.grades[q.key]?.grade ?? null,
      evidence: a.grades[q.key]?.evidence ?? null,
    })),
  })),
  circumstances: a.framework.circumstances.map((c) => ({
    key: c.key,
    title: c.title,
    pressure: a.circumstances[c.key]?.pressure ?? null,
    note: a.circumstances[c.key]?.note ?? '',
    support: c.support,
    supportOffered: a.circumstances[c.key]?.supportOffered ?? '',
  })),
});

/** A child's assessments for other systems, with a practitioner's or manager's token: the same services and audit as the pages. */
export const assessmentsApi: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const assessments = app.assessments;

  app.get(
    '/api/v1/practice/children/:id/assessments',
    {
      config: ASSESSORS,
      schema: {
        tags: TAGS,
        summary: 'A child’s assessments, oldest first, with each domain’s grade (reading them is audited)',
        params: ChildParams,
        response: { 200: Type.Object({ assessments: Type.Array(AssessmentJson) }), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!isUuid(request.params.id)) return sendRecordRefusal(reply, 'hidden');
      const history = await assessments.history.ofChild(viewerOf(request), request.params.id);
      if (!history.ok) return sendRecordRefusal(reply, history.reason);
      return {
        assessments: history.assessments.map((a) => ({
          id: a.id,
          state: a.state,
          startedOn: a.startedOn,
          completedOn: a.completedOn,
          authorisedOn: a.authorisedOn,
          author: a.author,
          authorisedBy: a.authorisedBy,
          returnedReason: a.returnedReason,
          framework: a.frameworkTitle,
          domains: a.domains.map((d) => ({ ...d, grade: a.scores[d.key] ?? null })),
        })),
      };
    },
  );

  app.post(
    '/api/v1/practice/children/:id/assessments',
    {
      config: ASSESSORS,
      schema: {
        tags: TAGS,
        summary: 'Start an assessment of a child, with your organisation’s current framework (one open at a time)',
        params: ChildParams,
        // The form checks the date, so a mistake gets the same words as on the page; the schema documents it.
        body: Type.Unsafe<Record<string, unknown>>({ ...startForm.jsonSchema, required: ['startedOn'] }),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      if (!isUuid(request.params.id)) return sendRecordRefusal(reply, 'hidden');
      const form = startForm.parse(request.body);
      if (!form.ok) {
        const detail = form.errors.map((e) => e.text).join('. ');
        return sendProblem(reply, {
          status: 400,
          title: 'The assessment was not started',
          detail,
          kind: 'validation',
          errors: form.errors,
        });
      }
      const started = await assessments.recording.start(viewerOf(request), request.params.id, form.data.startedOn);
      if (started.ok) return reply.code(201).send({ id: started.id });
      if (started.reason === 'already-open') {
        return sendProblem(reply, {
          status: 409,
          title: 'An assessment is already open',
          detail: `This child already has an assessment in progress or waiting for authorisation (${started.openId}). Finish that one first.`,
          kind: 'conflict',
        });
      }
      return sendRecordRefusal(reply, started.reason);
    },
  );

  app.get(
    '/api/v1/practice/children/:id/assessments/:assessmentId',
    {
      config: ASSESSORS,
      schema: {
        tags: TAGS,
        summary: 'One assessment whole: grades with their evidence, both views, the circumstances and the support offered (audited)',
        params: Type.Object({ id: Type.String({ description: 'The child’s id' }), assessmentId: Type.String() }),
        response: { 200: AssessmentDetailJson, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!isUuid(request.params.id)) return sendRecordRefusal(reply, 'hidden');
      const read = await assessments.recording.read(viewerOf(request), request.params.id, request.params.assessmentId);
      if (!read.ok) return sendRecordRefusal(reply, read.reason);
      return detailJson(read.assessment);
    },
  );
};
