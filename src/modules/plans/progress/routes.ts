import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { firstText, formFields, pathParams, typed } from '../../../platform/schemas.js';
import { formatDay } from '../../../platform/time.js';
import { dateInputItems, errorFor, parseField, type FieldError, type FormValues } from '../../../platform/validation.js';
import { PLAN_WORKERS } from '../access.js';
import { evidenceField, markField, reviewForm } from '../forms.js';
import type { PlanAction, PlanReview } from '../queries.js';
import { MARK_LABELS, OWNER_LABELS, childView, choices, idFrom, planPath, refusePage, summaryView } from '../route-helpers.js';
import { evidenceName, markName, type ProgressInput } from '../rules.js';

/** Each action's mark and evidence from the review form, every one of them read, so that all mistakes show at once. */
function readProgress(actions: readonly PlanAction[], body: unknown) {
  const progress: ProgressInput[] = [];
  const errors: FieldError[] = [];
  const values: FormValues = {};
  const fields = formFields(body);
  for (const action of actions) {
    values[markName(action.id)] = firstText(fields[markName(action.id)]);
    values[evidenceName(action.id)] = firstText(fields[evidenceName(action.id)]);
    const mark = parseField(markField, markName(action.id), body);
    const evidence = parseField(evidenceField, evidenceName(action.id), body);
    if ('error' in mark) errors.push(mark.error);
    if ('error' in evidence) errors.push(evidence.error);
    if ('value' in mark && 'value' in evidence) progress.push({ actionId: action.id, mark: mark.value, evidence: evidence.value });
  }
  return { progress, errors, values };
}

function lastMarkOf(reviews: readonly PlanReview[], actionId: string): string | null {
  const mark = reviews.at(-1)?.progress.find((p) => p.actionId === actionId)?.mark;
  return mark ? MARK_LABELS[mark] : null;
}

/** Recording a review: its date, the next one booked, and every action's progress with its evidence. */
export const progressRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const plans = app.plans;
  const route = { config: PLAN_WORKERS, schema: { params: pathParams('id', 'planId') } };

  async function render(reply: FastifyReply, id: string, planId: string, values: FormValues = {}, errors?: FieldError[]) {
    const read = await plans.read(viewerOf(reply.request), id, planId);
    if (!read.ok) return refusePage(reply, read.reason, id);
    return reply.page('plans/review.njk', {
      child: childView(read.child),
      plan: summaryView(read.plan),
      path: planPath(id, read.plan.id),
      values,
      errors,
      heldOnItems: dateInputItems('heldOn', values, errors),
      nextReviewOnItems: dateInputItems('nextReviewOn', values, errors),
      actions: read.plan.actions.map((action, i) => ({
        // The mark before, so that the reviewer sees what changed without leaving the form.
        lastMark: lastMarkOf(read.plan.reviews, action.id),
        ...action,
        number: i + 1,
        due: formatDay(action.dueOn),
        ownerKindLabel: OWNER_LABELS[action.ownerKind],
        markName: markName(action.id),
        evidenceName: evidenceName(action.id),
        markItems: choices(MARK_LABELS, values[markName(action.id)]),
        markError: errorFor(errors, markName(action.id)),
        evidenceError: errorFor(errors, evidenceName(action.id)),
        evidence: values[evidenceName(action.id)],
      })),
    });
  }

  app.get('/practice/children/:id/plans/:planId/reviews/new', route, async (request, reply) =>
    render(reply, idFrom(request.params.id), idFrom(request.params.planId)),
  );

  app.post('/practice/children/:id/plans/:planId/reviews/new', route, async (request, reply) => {
    const id = idFrom(request.params.id);
    const planId = idFrom(request.params.planId);
    const viewer = viewerOf(request);
    const read = await plans.read(viewer, id, planId);
    if (!read.ok) return refusePage(reply, read.reason, id);
    const form = reviewForm.parse(request.body);
    const progress = readProgress(read.plan.actions, request.body);
    const values = { ...form.values, ...progress.values };
    if (!form.ok || progress.errors.length > 0) {
      return render(reply.code(400), id, planId, values, [...(form.ok ? [] : form.errors), ...progress.errors]);
    }
    const recorded = await plans.recordReview(viewer, id, planId, { ...form.data, progress: progress.progress });
    if (recorded.ok) {
      return reply.flashAndRedirect(
        { kind: 'success', heading: 'Review recorded', text: 'Each action’s progress is in the pattern below.' },
        `${planPath(id, planId)}#pattern`,
      );
    }
    if (recorded.reason === 'invalid' || recorded.reason === 'conflict') {
      return render(reply.code(recorded.reason === 'invalid' ? 400 : 409), id, planId, values, recorded.errors);
    }
    return refusePage(reply, recorded.reason, id);
  });
};
