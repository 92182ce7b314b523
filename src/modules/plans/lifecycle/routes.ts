import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { PracticeChild } from '../../../platform/practice/records.js';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { pathParams, typed } from '../../../platform/schemas.js';
import { dateInputItems, type FieldError, type FormValues } from '../../../platform/validation.js';
import { PLAN_WORKERS } from '../access.js';
import { endForm, planForm } from '../forms.js';
import type { PlanSummary } from '../queries.js';
import {
  CATEGORY_LABELS,
  MARK_LABELS,
  MARK_TAGS,
  PLAN_LABELS,
  childView,
  choices,
  detailView,
  idFrom,
  planPath,
  plansPath,
  refusePage,
  summaryView,
} from '../route-helpers.js';

/** A child's plans, starting one, one plan with its compliance pattern, and ending it. */
export const lifecycleRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const plans = app.plans;
  const childRoute = { config: PLAN_WORKERS, schema: { params: pathParams('id') } };
  const planRoute = { config: PLAN_WORKERS, schema: { params: pathParams('id', 'planId') } };

  app.get('/practice/children/:id/plans', childRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const listed = await plans.list(viewerOf(request), id);
    if (!listed.ok) return refusePage(reply, listed.reason, id);
    const shown = listed.plans.map((p: PlanSummary) => ({ ...summaryView(p), href: planPath(id, p.id) }));
    return reply.page('plans/list.njk', {
      child: childView(listed.child),
      current: shown.filter((p) => !p.endedOn),
      ended: shown.filter((p) => p.endedOn),
    });
  });

  function renderNew(reply: FastifyReply, child: PracticeChild, values: FormValues = {}, errors?: FieldError[]) {
    return reply.page('plans/new.njk', {
      child: childView(child),
      values,
      errors,
      typeItems: choices(PLAN_LABELS, values.type),
      categoryItems: [{ value: '', text: 'Not a child protection plan' }, ...choices(CATEGORY_LABELS, values.category)],
      startedOnItems: dateInputItems('startedOn', values, errors),
      initialConferenceOnItems: dateInputItems('initialConferenceOn', values, errors),
      nextReviewOnItems: dateInputItems('nextReviewOn', values, errors),
    });
  }

  app.get('/practice/children/:id/plans/new', childRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const opened = await plans.openForForm(viewerOf(request), id);
    if (!opened.ok) return refusePage(reply, opened.reason, id);
    return renderNew(reply, opened.child);
  });

  app.post('/practice/children/:id/plans/new', childRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const viewer = viewerOf(request);
    const opened = await plans.openForForm(viewer, id);
    if (!opened.ok) return refusePage(reply, opened.reason, id);
    const form = planForm.parse(request.body);
    if (!form.ok) return renderNew(reply.code(400), opened.child, form.values, form.errors);
    const started = await plans.start(viewer, id, form.data);
    if (started.ok) {
      return reply.flashAndRedirect(
        { kind: 'success', heading: `${PLAN_LABELS[form.data.type]} started`, text: 'Add its outcomes and actions next.' },
        planPath(id, started.id),
      );
    }
    if (started.reason === 'invalid' || started.reason === 'conflict') {
      return renderNew(reply.code(started.reason === 'invalid' ? 400 : 409), opened.child, form.values, started.errors);
    }
    return refusePage(reply, started.reason, id);
  });

  app.get('/practice/children/:id/plans/:planId', planRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const read = await plans.read(viewerOf(request), id, idFrom(request.params.planId));
    if (!read.ok) return refusePage(reply, read.reason, id);
    const plan = detailView(read.plan);
    return reply.page('plans/plan.njk', {
      child: childView(read.child),
      plan,
      path: planPath(id, read.plan.id),
      grid: read.pattern.grid.map((row) => ({
        action: row.action,
        cells: row.marks.map((mark) => (mark ? { text: MARK_LABELS[mark], tag: MARK_TAGS[mark] } : null)),
      })),
      pointers: read.pattern.pointers,
      plansPath: plansPath(id),
    });
  });

  async function renderEnd(reply: FastifyReply, childId: string, planId: string, values: FormValues = {}, errors?: FieldError[]) {
    const read = await plans.read(viewerOf(reply.request), childId, planId);
    if (!read.ok) return refusePage(reply, read.reason, childId);
    return reply.page('plans/end.njk', {
      child: childView(read.child),
      plan: summaryView(read.plan),
      path: planPath(childId, read.plan.id),
      values,
      errors,
      endedOnItems: dateInputItems('endedOn', values, errors),
    });
  }

  app.get('/practice/children/:id/plans/:planId/end', planRoute, async (request, reply) =>
    renderEnd(reply, idFrom(request.params.id), idFrom(request.params.planId)),
  );

  app.post('/practice/children/:id/plans/:planId/end', planRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const planId = idFrom(request.params.planId);
    const form = endForm.parse(request.body);
    if (!form.ok) return renderEnd(reply.code(400), id, planId, form.values, form.errors);
    const ended = await plans.end(viewerOf(request), id, planId, form.data);
    if (ended.ok) {
      return reply.flashAndRedirect({ kind: 'success', heading: 'Plan ended', text: 'The chronology shows it too.' }, planPath(id, planId));
    }
    if (ended.reason === 'invalid' || ended.reason === 'conflict') {
      return renderEnd(reply.code(ended.reason === 'invalid' ? 400 : 409), id, planId, form.values, ended.errors);
    }
    return refusePage(reply, ended.reason, id);
  });
};
