import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { viewerOf } from '../../platform/practice/viewer.js';
import { OneOf, problems, typed } from '../../platform/schemas.js';
import { isUuid, type FieldError } from '../../platform/validation.js';
import { PLAN_WORKERS } from './access.js';
import { ChildParams, Created, PlanJson, PlanParams, PlanSummaryJson, TAGS, answer, invalid, planJson, refuse } from './api-support.js';
import { actionForm, coreGroupForm, endForm, evidenceField, outcomeForm, planForm, reviewForm } from './forms.js';
import { evidenceName, type ProgressInput } from './rules.js';
import { MARKS } from './schema.js';

/** A form's fields as the API documents them, checked by the form itself so that a mistake gets the page's words. */
const bodyOf = (form: { jsonSchema: Record<string, unknown> }, required: string[]) =>
  Type.Unsafe<Record<string, unknown>>({ ...form.jsonSchema, required });

const ReviewBody = Type.Object({
  heldOn: Type.String({ format: 'date', description: 'The day of the review' }),
  nextReviewOn: Type.Optional(Type.String({ description: 'The next review booked (YYYY-MM-DD), or empty' })),
  progress: Type.Array(
    Type.Object({ actionId: Type.String({ format: 'uuid' }), mark: OneOf(MARKS), evidence: Type.String({ maxLength: 2000 }) }),
    { description: 'Every action of the plan, once each: a review is recorded whole or not at all', maxItems: 200 },
  ),
});

/** Plans for other systems, with a practitioner's or manager's token: the same forms, services and audit as the pages. */
export const plansApi: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const plans = app.plans;
  const base = '/api/v1/practice/children/:id/plans';
  const ids = (params: { id: string; planId?: string }) => ({
    id: params.id.toLowerCase(),
    planId: (params.planId ?? '').toLowerCase(),
    ok: isUuid(params.id) && (params.planId === undefined || isUuid(params.planId)),
  });

  app.get(
    base,
    {
      config: PLAN_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'A child’s plans, current ones first (reading them is audited)',
        params: ChildParams,
        response: { 200: Type.Object({ plans: Type.Array(PlanSummaryJson) }), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const listed = await plans.list(viewerOf(request), id);
      if (!listed.ok) return refuse(reply, listed.reason);
      return { plans: listed.plans };
    },
  );

  app.post(
    base,
    {
      config: PLAN_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'Start a plan: a child protection plan needs its category and initial conference; one current plan of a type',
        params: ChildParams,
        body: bodyOf(planForm, ['type', 'startedOn']),
        response: { 201: Created, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const form = planForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The plan was not started', form.errors);
      return answer(reply, await plans.start(viewerOf(request), id, form.data), 'The plan was not started');
    },
  );

  app.get(
    `${base}/:planId`,
    {
      config: PLAN_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'One plan: outcomes, actions, core groups, reviews with every action’s progress, and the pattern’s pointers',
        params: PlanParams,
        response: { 200: PlanJson, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, planId, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const read = await plans.read(viewerOf(request), id, planId);
      if (!read.ok) return refuse(reply, read.reason);
      return planJson(read.plan, read.pattern);
    },
  );

  const planPost = (summary: string, body: ReturnType<typeof bodyOf>) => ({
    config: PLAN_WORKERS,
    schema: { tags: TAGS, summary, params: PlanParams, body, response: { 201: Created, ...problems(400, 401, 403, 404, 409) } },
  });

  app.post(
    `${base}/:planId/outcomes`,
    planPost('Add an outcome for the child, in plain words', bodyOf(outcomeForm, ['outcome'])),
    async (request, reply) => {
      const { id, planId, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const form = outcomeForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The outcome was not added', form.errors);
      return answer(reply, await plans.addOutcome(viewerOf(request), id, planId, form.data.outcome), 'The outcome was not added');
    },
  );

  app.post(
    `${base}/:planId/actions`,
    planPost(
      'Add an action with its owner (a professional or a family member) and due date',
      bodyOf(actionForm, ['action', 'ownerKind', 'owner', 'dueOn']),
    ),
    async (request, reply) => {
      const { id, planId, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const form = actionForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The action was not added', form.errors);
      return answer(reply, await plans.addAction(viewerOf(request), id, planId, form.data), 'The action was not added');
    },
  );

  app.post(
    `${base}/:planId/core-groups`,
    planPost('Record a core group meeting', bodyOf(coreGroupForm, ['heldOn', 'note'])),
    async (request, reply) => {
      const { id, planId, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const form = coreGroupForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The meeting was not recorded', form.errors);
      return answer(reply, await plans.recordCoreGroup(viewerOf(request), id, planId, form.data), 'The meeting was not recorded');
    },
  );

  app.post(
    `${base}/:planId/reviews`,
    {
      config: PLAN_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'Record a review with every action’s progress (done, partly or not-done) and its evidence, all or nothing',
        params: PlanParams,
        body: ReviewBody,
        response: { 201: Created, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id, planId, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const form = reviewForm.parse(request.body);
      const errors: FieldError[] = form.ok ? [] : [...form.errors];
      const progress: ProgressInput[] = [];
      for (const item of request.body.progress) {
        const evidence = evidenceField.parse(item.evidence);
        if ('error' in evidence) errors.push({ field: evidenceName(item.actionId), text: evidence.error });
        else progress.push({ actionId: item.actionId.toLowerCase(), mark: item.mark, evidence: evidence.value });
      }
      if (!form.ok || errors.length > 0) return invalid(reply, 'The review was not recorded', errors);
      const recorded = await plans.recordReview(viewerOf(request), id, planId, { ...form.data, progress });
      return answer(reply, recorded, 'The review was not recorded');
    },
  );

  app.post(
    `${base}/:planId/end`,
    planPost('End a plan, with the date and the reason (its chronology entry is written with it)', bodyOf(endForm, ['endedOn', 'reason'])),
    async (request, reply) => {
      const { id, planId, ok } = ids(request.params);
      if (!ok) return refuse(reply, 'hidden');
      const form = endForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The plan was not ended', form.errors);
      const ended = await plans.end(viewerOf(request), id, planId, form.data);
      return answer(reply, ended.ok ? { ok: true, id: planId } : ended, 'The plan was not ended');
    },
  );
};
