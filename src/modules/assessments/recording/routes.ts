import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { PracticeChild } from '../../../platform/practice/records.js';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { pathParams, typed } from '../../../platform/schemas.js';
import { londonDay } from '../../../platform/time.js';
import { dateInputItems, type FieldError, type FormValues } from '../../../platform/validation.js';
import { ASSESSORS } from '../access.js';
import { idFrom, refuseRecord } from '../route-helpers.js';
import { readContent, startForm, valuesOf } from './forms.js';
import { assessmentView } from './view.js';

/** Starting an assessment, and the assessment itself: read, or written while it is in progress. */
export const recordingRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const assessments = app.assessments;

  const todayValues = (): FormValues => {
    const [year, month, day] = londonDay(new Date()).split('-');
    return { 'startedOn-day': String(Number(day)), 'startedOn-month': String(Number(month)), 'startedOn-year': year! };
  };
  const renderStart = (reply: FastifyReply, child: PracticeChild, values: FormValues, errors?: FieldError[], openId?: string) =>
    reply.page('assessments/new.njk', { child, values, errors, openId, startedOnItems: dateInputItems('startedOn', values, errors) });

  const childRoute = { config: ASSESSORS, schema: { params: pathParams('id') } };
  const assessmentRoute = { config: ASSESSORS, schema: { params: pathParams('id', 'assessmentId') } };

  app.get('/practice/children/:id/assessments/new', childRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const opened = await assessments.recording.child(viewerOf(request), id);
    if (!opened.ok) return refuseRecord(reply, opened.reason, id);
    return renderStart(reply, opened.child, todayValues(), undefined, opened.openId ?? undefined);
  });

  app.post('/practice/children/:id/assessments/new', childRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const viewer = viewerOf(request);
    const opened = await assessments.recording.child(viewer, id);
    if (!opened.ok) return refuseRecord(reply, opened.reason, id);
    const form = startForm.parse(request.body);
    if (!form.ok) return renderStart(reply.code(400), opened.child, form.values, form.errors);
    const started = await assessments.recording.start(viewer, id, form.data.startedOn);
    if (started.ok) {
      return reply.flashAndRedirect(
        { kind: 'success', heading: 'Assessment started' },
        `/practice/children/${id}/assessments/${started.id}`,
      );
    }
    // Someone else started one meanwhile: the page says so and links to it, in place of the form.
    if (started.reason === 'already-open') return renderStart(reply.code(409), opened.child, form.values, undefined, started.openId);
    return refuseRecord(reply, started.reason, id);
  });

  app.get('/practice/children/:id/assessments/:assessmentId', assessmentRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const read = await assessments.recording.read(viewerOf(request), id, idFrom(request.params.assessmentId));
    if (!read.ok) return refuseRecord(reply, read.reason, id);
    const { child, assessment } = read;
    return reply.page(
      'assessments/assessment.njk',
      assessmentView(child, assessment, valuesOf(assessment.framework, assessment), viewerOf(request)),
    );
  });

  app.post('/practice/children/:id/assessments/:assessmentId', assessmentRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const assessmentId = idFrom(request.params.assessmentId);
    const viewer = viewerOf(request);
    const read = await assessments.recording.read(viewer, id, assessmentId);
    if (!read.ok) return refuseRecord(reply, read.reason, id);
    const { child, assessment } = read;
    const parsed = readContent(assessment.framework, request.body);
    const again = (status: number, values: FormValues, errors: FieldError[]) =>
      reply.code(status).page('assessments/assessment.njk', { ...assessmentView(child, assessment, values, viewer), errors });
    if (!parsed.ok) return again(400, parsed.values, parsed.errors);
    const saved = await assessments.recording.save(viewer, id, assessmentId, parsed.content, parsed.complete);
    if (saved.ok) {
      const heading = parsed.complete ? 'Assessment sent for authorisation' : 'Assessment saved';
      const text = parsed.complete ? 'A manager of the team who did not write it will authorise it or return it to you.' : undefined;
      return reply.flashAndRedirect(
        { kind: 'success', heading, ...(text ? { text } : {}) },
        `/practice/children/${id}/assessments/${assessmentId}`,
      );
    }
    if (saved.reason === 'invalid') return again(400, parsed.values, saved.errors);
    if (saved.reason === 'not-editable') {
      return again(409, parsed.values, [
        { field: 'childWords', text: 'This assessment is no longer in progress, so it cannot be changed: copy anything you need' },
      ]);
    }
    return refuseRecord(reply, saved.reason, id);
  });
};
