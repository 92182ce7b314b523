import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { viewerOf, type Viewer } from '../../../platform/practice/viewer.js';
import { pathParams, typed } from '../../../platform/schemas.js';
import { formatDateTime, formatDay } from '../../../platform/time.js';
import { choice, defineForm, text, type FieldError, type FormValues } from '../../../platform/validation.js';
import { AUTHORISERS } from '../access.js';
import { valuesOf } from '../recording/forms.js';
import { assessmentView } from '../recording/view.js';
import { idFrom, noSuchRecord, refuseRecord } from '../route-helpers.js';
import type { DecisionPage } from './service.js';

const decisionForm = defineForm({
  outcome: choice(['authorise', 'return'] as const, { required: 'Choose whether to authorise the assessment or return it' }),
  reason: text({ label: 'Your reason', maxLength: 2000 }),
});

const REFUSALS = {
  'not-manager': 'Only a manager of the child’s team can authorise this assessment.',
  author: 'You wrote some of this assessment, so another manager of the team must authorise it.',
  'not-awaiting': 'This assessment is not waiting for authorisation.',
} as const;

/** A manager's decision on a completed assessment, and the list of those waiting for one. */
export const decisionRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const assessments = app.assessments;

  app.get('/practice/assessments/awaiting', { config: AUTHORISERS }, async (request, reply) => {
    const waiting = await assessments.decisions.awaiting(viewerOf(request));
    return reply.page('assessments/awaiting.njk', {
      waiting: waiting.map((a) => ({ ...a, started: formatDay(a.startedOn), completed: formatDateTime(a.completedAt) })),
    });
  });

  /** The page, or why not: a refused record as the practice door answers it, a refused decision as a page that says why. */
  function answer(
    reply: FastifyReply,
    page: DecisionPage,
    childId: string,
    viewer: Viewer,
    values: FormValues = {},
    errors?: FieldError[],
  ) {
    if (page.ok) {
      const { child, assessment } = page;
      return reply.page('assessments/decision.njk', {
        ...assessmentView(child, assessment, valuesOf(assessment.framework, assessment), viewer),
        decision: values,
        errors,
      });
    }
    if (page.reason === 'hidden') throw noSuchRecord();
    if (page.reason in REFUSALS) {
      return reply.code(403).page('assessments/refused.njk', { childId, text: REFUSALS[page.reason as keyof typeof REFUSALS] });
    }
    return refuseRecord(reply, page.reason as 'break-glass' | 'counts-only', childId);
  }

  const decisionRoute = { config: AUTHORISERS, schema: { params: pathParams('id', 'assessmentId') } };

  app.get('/practice/children/:id/assessments/:assessmentId/decision', decisionRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const viewer = viewerOf(request);
    return answer(reply, await assessments.decisions.forDecision(viewer, id, idFrom(request.params.assessmentId)), id, viewer);
  });

  app.post('/practice/children/:id/assessments/:assessmentId/decision', decisionRoute, async (request, reply) => {
    const id = idFrom(request.params.id);
    const assessmentId = idFrom(request.params.assessmentId);
    const viewer = viewerOf(request);
    const form = decisionForm.parse(request.body);
    const errors = form.ok ? [] : [...form.errors];
    if (form.ok && form.data.outcome === 'return' && form.data.reason === '') {
      errors.push({ field: 'reason', text: 'Enter why you are returning the assessment, so that its author knows what to do' });
    }
    if (!form.ok || errors.length > 0) {
      return answer(reply.code(400), await assessments.decisions.forDecision(viewer, id, assessmentId), id, viewer, form.values, errors);
    }
    const { outcome, reason } = form.data;
    const decided = await assessments.decisions.decide(
      viewer,
      id,
      assessmentId,
      outcome === 'authorise' ? { outcome } : { outcome, reason },
    );
    if (!decided.ok) return answer(reply, decided, id, viewer);
    const heading = outcome === 'authorise' ? 'Assessment authorised' : 'Assessment returned to its author';
    return reply.flashAndRedirect({ kind: 'success', heading }, `/practice/children/${id}/assessments/${assessmentId}`);
  });
};
